#include "capacity_model/faults.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "capacity_model/sampling.h"

namespace capacity_model {
namespace {

bool covers(const std::vector<std::string>& names, std::string_view name) {
  return names.empty() || std::ranges::find(names, name) != names.end();
}

}  // namespace

FaultBook::FaultBook(std::vector<Fault> scheduled) {
  for (auto& fault : scheduled) {
    if (auto valid = validate(fault); !valid) {
      spdlog::warn("fault '{}' ignored: {}", fault.id, valid.error());
      continue;
    }
    add(std::move(fault));
  }
}

Status<std::string> FaultBook::validate(const Fault& fault) const {
  if (!fault.id.empty() && find(fault.id)) return "a fault with id '" + fault.id + "' exists";
  if (!(fault.percentage >= 0 && fault.percentage <= 100)) {
    return fmt::format("percentage must be within 0..100, got {}", fault.percentage);
  }
  if (fault.start < Millis::zero()) return std::string("start must be >= 0");
  if (fault.duration && *fault.duration <= Millis::zero()) return std::string("duration must be > 0");
  return Done{};
}

std::string FaultBook::add(Fault fault) {
  if (!validate(fault)) return {};
  while (fault.id.empty()) {
    std::string id = "fault-" + std::to_string(next_auto_id_++);
    if (!find(id)) fault.id = std::move(id);
  }
  faults_.push_back(std::move(fault));
  return faults_.back().id;
}

bool FaultBook::remove(std::string_view id) {
  return std::erase_if(faults_, [&](const Fault& f) { return f.id == id; }) > 0;
}

const Fault* FaultBook::find(std::string_view id) const {
  const auto it = std::ranges::find(faults_, id, &Fault::id);
  return it == faults_.end() ? nullptr : &*it;
}

bool FaultBook::is_active(const Fault& fault, Millis t) {
  return fault.start <= t && (!fault.duration || t < fault.start + *fault.duration);
}

std::vector<const Fault*> FaultBook::active_at(Millis t) const {
  std::vector<const Fault*> out;
  for (const auto& fault : faults_) {
    if (is_active(fault, t)) out.push_back(&fault);
  }
  return out;
}

const Fault* FaultBook::inject_fault(std::string_view region, std::string_view instance_type, std::string_view zone,
                                     Millis t, std::mt19937_64& rng) const {
  for (const auto& fault : faults_) {
    if (!is_active(fault, t) || (!fault.region.empty() && fault.region != region) ||
        !covers(fault.instance_types, instance_type) || !covers(fault.zones, zone)) {
      continue;
    }
    if (sampling::percent_chance(rng, fault.percentage)) return &fault;
  }
  return nullptr;
}

std::optional<Millis> FaultBook::next_change_after(Millis t) const {
  std::optional<Millis> next;
  auto consider = [&](Millis at) {
    if (at > t && (!next || at < *next)) next = at;
  };
  for (const auto& fault : faults_) {
    consider(fault.start);
    if (fault.duration) consider(fault.start + *fault.duration);
  }
  return next;
}

}  // namespace capacity_model
