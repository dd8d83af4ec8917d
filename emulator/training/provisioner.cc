#include "emulator/training/provisioner.h"

#include <variant>

namespace emulator::training {
namespace {

sim::TimelineEvent event(const ProvisionSubject& subject, sim::SimTime now, std::string type,
                         const model::InstanceConfig& config) {
  sim::TimelineEvent e;
  e.time = now;
  e.type = std::move(type);
  e.region = subject.region;
  e.tuning_job = subject.tuning_job;
  e.training_job = subject.training_job;
  e.instance_type = config.instance_type;
  e.instance_count = config.instance_count;
  return e;
}

}  // namespace

std::optional<Provisioned> provision(capacity_model::RegionalPool& pool,
                                     const std::vector<model::InstanceConfig>& candidates,
                                     const ProvisionSubject& subject, sim::SimTime now,
                                     sim::Timeline& timeline) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& config = candidates[i];
    timeline.append(event(subject, now, "asked", config));
    auto decision = pool.allocate(config.instance_type, config.instance_count);
    if (auto* short_of = std::get_if<capacity_model::InsufficientCapacity>(&decision)) {
      auto ice = event(subject, now, "ice", config);
      ice.message = "InsufficientInstanceCapacity: " + std::to_string(short_of->requested) +
                    " x " + config.instance_type + " requested, at most " +
                    std::to_string(short_of->largest_free_in_one_zone) + " free in one zone";
      timeline.append(std::move(ice));
      continue;
    }
    const auto& granted = std::get<capacity_model::Granted>(decision);
    if (i > 0) {
      auto fell_back = event(subject, now, "fell-back", config);
      fell_back.message = candidates.front().instance_type + " -> " + config.instance_type;
      timeline.append(std::move(fell_back));
    }
    auto ok = event(subject, now, "granted", config);
    ok.zone = granted.zone;
    timeline.append(std::move(ok));
    return Provisioned{i, granted.lease, granted.zone};
  }
  return std::nullopt;
}

}  // namespace emulator::training
