#include "emulator/control.h"

#include <algorithm>

#include "emulator/model/wire_enums.h"
#include "emulator/store/job_store.h"
#include "emulator/timeline/render.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/tuning_controller.h"

namespace emulator {

bool Control::jobs_in_progress() const { return world_.tuning().busy() || world_.training().busy(); }

std::vector<PoolRow> Control::capacity(const std::optional<std::string>& region,
                                       const std::optional<std::string>& instance_type) {
  std::vector<PoolRow> rows;
  auto add = [&](const std::string& name, capacity_model::RegionalPool& pool) {
    auto usage = instance_type ? pool.usage_of(*instance_type) : pool.usage();
    for (auto& u : usage) rows.push_back({name, std::move(u)});
  };
  if (region) {
    add(*region, world_.pool(*region));
  } else {
    world_.pool(default_region());
    for (const auto& [name, _] : world_.pools()) add(name, world_.pool(name));
  }
  return rows;
}

Status Control::set_capacity(const std::vector<CapacitySetting>& settings) {
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const auto& s = settings[i];
    const auto where = "pools[" + std::to_string(i) + "]";
    if (world_.catalog().find(s.instance_type) == nullptr) {
      return validation_error(where + ".instanceType: unknown instance type '" + s.instance_type + "'");
    }
    if (s.capacity < 0) return validation_error(where + ".capacity: must be 0 or more");
    if (s.zone) {
      const auto& zones = world_.pool(s.region.value_or(default_region())).zones();
      if (std::find(zones.begin(), zones.end(), *s.zone) == zones.end()) {
        return validation_error(where + ".availabilityZone: unknown zone '" + *s.zone + "'");
      }
    }
  }
  for (const auto& s : settings) {
    const auto region = s.region.value_or(default_region());
    auto& pool = world_.pool(region);
    (void)pool.set_capacity(s.instance_type, s.zone, s.capacity);
    world_.history().record(world_.simulator().now(), pool);
    world_.timeline().append(world_.simulator().now(),
                             {.region = region, .instance_type = s.instance_type, .zone = s.zone.value_or("")},
                             timeline::CapacityChanged{timeline::CapacityOrigin::ControlPlane, s.capacity});
  }
  return Done{};
}

Result<capacity_model::Fault> Control::add_fault(capacity_model::Fault fault) {
  for (const auto& type : fault.instance_types) {
    if (world_.catalog().find(type) == nullptr) return validation_error("instanceTypes: unknown instance type '" + type + "'");
  }
  const auto& zones = world_.pool(default_region()).zones();
  for (const auto& zone : fault.zones) {
    if (std::find(zones.begin(), zones.end(), zone) == zones.end()) {
      return validation_error("availabilityZones: unknown zone '" + zone + "'");
    }
  }
  if (auto valid = world_.faults().validate(fault); !valid) return validation_error(valid.error());
  const auto id = world_.faults().add(std::move(fault));
  const auto* added = world_.faults().find(id);
  world_.timeline().append(world_.simulator().now(), {.region = default_region(), .text = id},
                           timeline::FaultAdded{added->percentage});
  return *added;
}

bool Control::remove_fault(std::string_view id) {
  if (!world_.faults().remove(id)) return false;
  world_.timeline().append(world_.simulator().now(), {.region = default_region(), .text = id},
                           timeline::FaultRemoved{});
  return true;
}

void Control::clear_faults() {
  std::vector<std::string> ids;
  for (const auto& fault : world_.faults().list()) ids.push_back(fault.id);
  for (const auto& id : ids) remove_fault(id);
}

capacity_model::HistoryPage Control::history(const capacity_model::HistoryQuery& query,
                                             const std::optional<capacity_model::HistoryCursor>& after,
                                             std::size_t max) {
  // pool() of a known region steps its demand; it never adds to the map being walked.
  for (const auto& entry : world_.pools()) world_.pool(entry.first);
  return world_.history().page(query, after, max);
}

EventsPage Control::events(const timeline::Filter& filter, std::uint64_t after, std::size_t max) const {
  const auto& log = world_.timeline();
  auto page = log.select(filter, after, max);
  EventsPage out;
  out.events.reserve(page.events.size());
  for (const auto* event : page.events) out.events.push_back(timeline::render(log, *event));
  out.next_after = page.next_after;
  return out;
}

std::map<std::string, std::uint64_t> Control::events_by_type() const {
  std::map<std::string, std::uint64_t> counts;
  const auto& appended = world_.timeline().appended_by_type();
  for (std::size_t i = 0; i < appended.size(); ++i) {
    if (appended[i] > 0) counts[std::string(timeline::to_string(timeline::EventType(i)))] = appended[i];
  }
  return counts;
}

TimelineStats Control::timeline_stats() const {
  const auto& log = world_.timeline();
  return {log.size(), log.dropped(), log.max_events()};
}

JobCounts Control::job_counts() const {
  JobCounts counts;
  // The stores file their jobs per status: counting costs the scopes, not the jobs.
  for (const auto& [scope, jobs] : world_.stores().all()) {
    for (const auto& [status, n] : jobs.sorted_tuning_jobs().counts())
      counts.tuning_jobs[std::string(status)] += int(n);
    for (const auto& [status, n] : jobs.sorted_training_jobs().counts()) {
      counts.training_jobs[std::string(status)] += int(n);
    }
  }
  return counts;
}

}  // namespace emulator
