#include "capacity_model/quotas.h"

#include <utility>

namespace capacity_model {

std::string quota_exceeded_message(const QuotaExceeded& exceeded) {
  return "The account-level service limit '" + exceeded.instance_type +
         " for training job usage' is " + std::to_string(exceeded.limit) +
         " Instances, with current utilization of " + std::to_string(exceeded.utilization) +
         " Instances and a request delta of " + std::to_string(exceeded.delta) +
         " Instances. Please contact AWS support to request an increase for this limit.";
}

QuotaBook::QuotaBook(QuotaSettings settings) : settings_(std::move(settings)) {}

std::optional<int> QuotaBook::limit(std::string_view instance_type) const {
  const auto it = settings_.instance_types.find(instance_type);
  return it != settings_.instance_types.end() ? it->second : settings_.default_limit;
}

void QuotaBook::set_limit(std::string_view instance_type, std::optional<int> limit) {
  settings_.instance_types.insert_or_assign(std::string(instance_type), limit);
}

int QuotaBook::utilization(std::string_view account, std::string_view instance_type) const {
  const auto it = used_.find(key(account, instance_type));
  return it == used_.end() ? 0 : it->second;
}

std::optional<QuotaExceeded> QuotaBook::check(std::string_view account,
                                              std::string_view instance_type, int count) const {
  const auto cap = limit(instance_type);
  if (!cap || count < 1) return std::nullopt;
  const int used = utilization(account, instance_type);
  if (static_cast<long long>(used) + count <= *cap) return std::nullopt;
  return QuotaExceeded{std::string(instance_type), *cap, used, count};
}

std::optional<QuotaExceeded> QuotaBook::acquire(std::string_view account,
                                                std::string_view instance_type, int count) {
  if (auto exceeded = check(account, instance_type, count)) return exceeded;
  if (count > 0) used_[key(account, instance_type)] += count;
  return std::nullopt;
}

void QuotaBook::release(std::string_view account, std::string_view instance_type, int count) {
  const auto it = used_.find(key(account, instance_type));
  if (it == used_.end() || count < 1) return;
  it->second -= count;
  if (it->second <= 0) used_.erase(it);
}

std::string QuotaBook::key(std::string_view account, std::string_view instance_type) {
  std::string out(account);
  out.append("|").append(instance_type);
  return out;
}

}  // namespace capacity_model
