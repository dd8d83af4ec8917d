#include "emulator/training/provisioner.h"

#include <variant>

namespace emulator::training {
namespace {

timeline::About about(const ProvisionSubject& subject, const model::InstanceConfig& config, std::string_view zone = {},
                      std::string_view text = {}) {
  return {subject.region,
          subject.tuning_job,
          subject.training_job,
          config.instance_type,
          zone,
          config.instance_count,
          text};
}

timeline::Ice why_short(const capacity_model::InsufficientCapacity& ice, capacity_model::CapacityType capacity_type) {
  const auto cause = !ice.fault_id.empty()       ? timeline::IceCause::InjectedFault
                     : ice.refused_zones.empty() ? timeline::IceCause::Cached
                                                 : timeline::IceCause::PoolShort;
  return {cause, ice.requested, ice.largest_free_in_one_zone, capacity_type == capacity_model::CapacityType::Spot};
}

}  // namespace

std::string tuning_key(const ProvisionSubject& subject) {
  return subject.account + "/" + subject.region + "/" + subject.tuning_job;
}

std::optional<Provisioned> provision(const ProvisionSources& sources,
                                     const std::vector<model::InstanceConfig>& candidates,
                                     capacity_model::CapacityType capacity_type, const ProvisionSubject& subject,
                                     sim::SimTime now, timeline::Timeline& timeline) {
  const auto& supply = sources.supply;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& config = candidates[i];
    timeline.append(now, about(subject, config), timeline::Asked{});
    if (!subject.tuning_job.empty()) {
      if (auto warm = sources.warm_pools.take(tuning_key(subject), config, capacity_type)) {
        if (i > 0) {
          timeline.append(now, about(subject, config, {}, candidates.front().instance_type), timeline::FellBack{});
        }
        timeline.append(now, about(subject, config, warm->zone, warm->owner), timeline::Reused{});
        return Provisioned{i, std::move(warm->reservation), warm->zone, warm->owner};
      }
    }
    if (auto over = supply.quotas.check(subject.account, config.instance_type, config.instance_count)) {
      timeline.append(now, about(subject, config),
                      timeline::QuotaExceeded{over->limit, over->utilization, over->delta});
      continue;
    }
    const capacity_model::AllocationContext context{now, &supply.faults, &supply.fault_rng, &supply.unavailable};
    auto decision = supply.pool.allocate(config.instance_type, config.instance_count, capacity_type, context);
    if (auto* short_of = std::get_if<capacity_model::InsufficientCapacity>(&decision)) {
      for (const auto& zone : short_of->refused_zones) {
        supply.unavailable.mark(config.instance_type, zone, capacity_type, now);
      }
      timeline.append(now, about(subject, config, {}, short_of->fault_id), why_short(*short_of, capacity_type));
      continue;
    }
    const auto& granted = std::get<capacity_model::Granted>(decision);
    auto reservation = sources.ledger.hold(sources.scope, granted.lease, config, granted.zone, capacity_type);
    if (i > 0) {
      timeline.append(now, about(subject, config, {}, candidates.front().instance_type), timeline::FellBack{});
    }
    timeline.append(now, about(subject, config, granted.zone),
                    timeline::Granted{capacity_type == capacity_model::CapacityType::Spot});
    return Provisioned{i, std::move(reservation), granted.zone, std::nullopt};
  }
  return std::nullopt;
}

}  // namespace emulator::training
