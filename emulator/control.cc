#include "emulator/control.h"

#include <algorithm>

#include "emulator/model/wire_enums.h"
#include "emulator/store/job_store.h"
#include "emulator/timeline/render.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/tuning_controller.h"

namespace emulator {

bool Control::jobs_in_progress() const { return world_.tuning().busy() || world_.training().busy(); }

void Control::add_rows(std::vector<PoolRow>& rows, const capacity_model::RegionalPool& pool,
                       const std::optional<std::string>& instance_type, const std::optional<std::string>& zone) const {
  for (auto& u : instance_type ? pool.usage_of(*instance_type) : pool.usage()) {
    if (!zone || u.zone == *zone) rows.push_back({pool.region(), std::move(u)});
  }
}

std::vector<PoolRow> Control::capacity(const std::optional<std::string>& region,
                                       const std::optional<std::string>& instance_type) {
  std::vector<PoolRow> rows;
  if (!region) {
    for (const auto& [name, _] : world_.pools()) add_rows(rows, *world_.find_pool(name), instance_type, std::nullopt);
  } else if (const auto* pool = world_.find_pool(*region)) {
    add_rows(rows, *pool, instance_type, std::nullopt);
  } else {
    add_rows(rows, world_.preview_pool(*region), instance_type, std::nullopt);
  }
  return rows;
}

std::vector<std::string> Control::zones_of(const std::string& region) const {
  const auto it = world_.pools().find(region);
  return it != world_.pools().end() ? it->second.zones() : world_.preview_pool(region).zones();
}

Status Control::check_setting(const CapacitySetting& s, const std::string& where) const {
  if (world_.catalog().find(s.instance_type) == nullptr) {
    return validation_error(where + ".instanceType: unknown instance type '" + s.instance_type + "'");
  }
  if (s.capacity < 0) return validation_error(where + ".capacity: must be 0 or more");
  if (!s.zone) return Done{};
  const auto region = s.region ? s.region : world_.region_of_zone(*s.zone);
  const auto zones = region ? zones_of(*region) : std::vector<std::string>{};
  if (std::find(zones.begin(), zones.end(), *s.zone) == zones.end()) {
    return validation_error(where + ".availabilityZone: unknown zone '" + *s.zone + "'" +
                            (s.region ? " in " + *s.region : " (not a zone of a region in use; name its region)"));
  }
  return Done{};
}

Result<std::vector<PoolRow>> Control::set_capacity(const std::vector<CapacitySetting>& settings) {
  for (std::size_t i = 0; i < settings.size(); ++i) {
    if (auto ok = check_setting(settings[i], "pools[" + std::to_string(i) + "]"); !ok) return ok.error();
  }
  std::vector<PoolRow> changed;
  const auto now = world_.simulator().now();
  for (const auto& s : settings) {
    const auto region = s.region ? s.region : s.zone ? world_.region_of_zone(*s.zone) : std::nullopt;
    const timeline::CapacityChanged change{timeline::CapacityOrigin::ControlPlane, s.capacity};
    if (region) {
      auto& pool = world_.pool(*region);  // a write names its region: creating it is expected
      (void)pool.set_capacity(s.instance_type, s.zone, s.capacity);
      world_.history().record(now, pool);
      world_.timeline().append(now, {.region = *region, .instance_type = s.instance_type, .zone = s.zone.value_or("")},
                               change);
      add_rows(changed, pool, s.instance_type, s.zone);
      continue;
    }
    world_.apply_everywhere({.instance_type = s.instance_type, .capacity = s.capacity});
    for (const auto& [name, pool] : world_.pools()) {
      world_.timeline().append(now, {.region = name, .instance_type = s.instance_type}, change);
      add_rows(changed, pool, s.instance_type, std::nullopt);
    }
  }
  return changed;
}

Result<capacity_model::Fault> Control::add_fault(capacity_model::Fault fault) {
  for (const auto& type : fault.instance_types) {
    if (world_.catalog().find(type) == nullptr) return validation_error("instanceTypes: unknown instance type '" + type + "'");
  }
  for (const auto& zone : fault.zones) {
    const auto zones = fault.region.empty() ? std::vector<std::string>{} : zones_of(fault.region);
    const bool known = fault.region.empty() ? world_.region_of_zone(zone).has_value()
                                            : std::find(zones.begin(), zones.end(), zone) != zones.end();
    if (!known) return validation_error("availabilityZones: unknown zone '" + zone + "'");
  }
  if (auto valid = world_.faults().validate(fault); !valid) return validation_error(valid.error());
  const auto id = world_.faults().add(std::move(fault));
  const auto* added = world_.faults().find(id);
  // A fault of every region is an event of no region: a region filter still shows it.
  world_.timeline().append(world_.simulator().now(), {.region = added->region, .text = id},
                           timeline::FaultAdded{added->percentage});
  return *added;
}

bool Control::remove_fault(std::string_view id) {
  const auto* fault = world_.faults().find(id);
  if (fault == nullptr) return false;
  const auto region = fault->region;
  (void)world_.faults().remove(id);
  world_.timeline().append(world_.simulator().now(), {.region = region, .text = id}, timeline::FaultRemoved{});
  return true;
}

void Control::clear_faults(const std::optional<std::string>& region) {
  std::vector<std::string> ids;
  for (const auto& fault : world_.faults().list()) {
    if (!region || fault.region == *region) ids.push_back(fault.id);
  }
  for (const auto& id : ids) remove_fault(id);
}

std::vector<capacity_model::Fault> Control::faults(const std::optional<std::string>& region) const {
  std::vector<capacity_model::Fault> out;
  for (const auto& fault : world_.faults().list()) {
    if (!region || fault.region.empty() || fault.region == *region) out.push_back(fault);
  }
  return out;
}

capacity_model::HistoryPage Control::history(const capacity_model::HistoryQuery& query,
                                             const std::optional<capacity_model::HistoryCursor>& after,
                                             std::size_t max) {
  // find_pool() steps a region's demand; it never adds to the map being walked, and a region
  // that does not exist has no history to report.
  for (const auto& entry : world_.pools()) world_.find_pool(entry.first);
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
