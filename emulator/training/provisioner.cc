#include "emulator/training/provisioner.h"

#include <variant>

namespace emulator::training {
namespace {

timeline::TimelineEvent event(const ProvisionSubject& subject, sim::SimTime now, std::string type,
                         const model::InstanceConfig& config) {
  timeline::TimelineEvent e;
  e.time = now;
  e.type = std::move(type);
  e.region = subject.region;
  e.tuning_job = subject.tuning_job;
  e.training_job = subject.training_job;
  e.instance_type = config.instance_type;
  e.instance_count = config.instance_count;
  return e;
}

std::string why_short(const capacity_model::InsufficientCapacity& ice, capacity_model::CapacityType capacity_type) {
  const std::string market = capacity_type == capacity_model::CapacityType::Spot ? "spot " : "";
  if (!ice.fault_id.empty()) return "InsufficientInstanceCapacity injected by fault " + ice.fault_id;
  if (ice.refused_zones.empty()) return "every zone is cached as unavailable for " + market + ice.instance_type;
  return "InsufficientInstanceCapacity: " + std::to_string(ice.requested) + " x " + market + ice.instance_type +
         " requested, at most " + std::to_string(ice.largest_free_in_one_zone) + " free in one zone";
}

}  // namespace

std::string tuning_key(const ProvisionSubject& subject) {
  return subject.account + "/" + subject.region + "/" + subject.tuning_job;
}

std::optional<Provisioned> provision(const Supply& supply, const std::vector<model::InstanceConfig>& candidates,
                                     capacity_model::CapacityType capacity_type, const ProvisionSubject& subject,
                                     sim::SimTime now, timeline::Timeline& timeline) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& config = candidates[i];
    timeline.append(event(subject, now, "asked", config));
    if (!subject.tuning_job.empty()) {
      if (auto warm = supply.warm_pools.take(tuning_key(subject), config, capacity_type)) {
        if (i > 0) {
          auto fell_back = event(subject, now, "fell-back", config);
          fell_back.message = candidates.front().instance_type + " -> " + config.instance_type;
          timeline.append(std::move(fell_back));
        }
        auto reused = event(subject, now, "reused", config);
        reused.zone = warm->zone;
        reused.message = "warm pool of " + warm->owner;
        timeline.append(std::move(reused));
        Provisioned out{i, warm->lease, warm->zone, std::nullopt};
        out.reused = std::move(warm);
        return out;
      }
    }
    if (auto over = supply.quotas.check(subject.account, config.instance_type, config.instance_count)) {
      auto refused = event(subject, now, "quota-exceeded", config);
      refused.message = capacity_model::quota_exceeded_message(*over);
      timeline.append(std::move(refused));
      continue;
    }
    const capacity_model::AllocationContext context{now, &supply.faults, &supply.fault_rng, &supply.unavailable};
    auto decision = supply.pool.allocate(config.instance_type, config.instance_count, capacity_type, context);
    if (auto* short_of = std::get_if<capacity_model::InsufficientCapacity>(&decision)) {
      for (const auto& zone : short_of->refused_zones) {
        supply.unavailable.mark(config.instance_type, zone, capacity_type, now);
      }
      auto ice = event(subject, now, "ice", config);
      ice.message = why_short(*short_of, capacity_type);
      timeline.append(std::move(ice));
      continue;
    }
    const auto& granted = std::get<capacity_model::Granted>(decision);
    (void)supply.quotas.acquire(subject.account, config.instance_type, config.instance_count);
    if (auto usage = supply.pool.usage_of(config.instance_type, granted.zone, capacity_type)) {
      supply.history.record(now, subject.region, *usage);
    }
    if (i > 0) {
      auto fell_back = event(subject, now, "fell-back", config);
      fell_back.message = candidates.front().instance_type + " -> " + config.instance_type;
      timeline.append(std::move(fell_back));
    }
    auto ok = event(subject, now, "granted", config);
    ok.zone = granted.zone;
    if (capacity_type == capacity_model::CapacityType::Spot) ok.message = "spot";
    timeline.append(std::move(ok));
    return Provisioned{i, granted.lease, granted.zone, std::nullopt};
  }
  return std::nullopt;
}

}  // namespace emulator::training
