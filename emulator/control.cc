#include "emulator/control.h"

#include <algorithm>
#include <cstdio>

#include "emulator/model/wire_enums.h"
#include "emulator/store/job_store.h"
#include "emulator/training/training_runner.h"
#include "emulator/tuning/tuning_controller.h"

namespace emulator {
namespace {

// 30 → "30", 12.5 → "12.5": the shortest text that reads back as the same number.
std::string format_percentage(double percentage) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", percentage);
  return buffer;
}

}  // namespace

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
    timeline::TimelineEvent e;
    e.time = world_.simulator().now();
    e.type = "capacity-changed";
    e.region = region;
    e.instance_type = s.instance_type;
    e.zone = s.zone.value_or("");
    e.message = "capacity set to " + std::to_string(s.capacity) + " through the control plane";
    world_.timeline().append(std::move(e));
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
  timeline::TimelineEvent e;
  e.time = world_.simulator().now();
  e.type = "fault-added";
  e.region = default_region();
  e.message = "fault " + id + ": " + format_percentage(added->percentage) + "% of launches refused";
  world_.timeline().append(std::move(e));
  return *added;
}

bool Control::remove_fault(std::string_view id) {
  if (!world_.faults().remove(id)) return false;
  timeline::TimelineEvent e;
  e.time = world_.simulator().now();
  e.type = "fault-removed";
  e.region = default_region();
  e.message = "fault " + std::string(id) + " removed";
  world_.timeline().append(std::move(e));
  return true;
}

void Control::clear_faults() {
  std::vector<std::string> ids;
  for (const auto& fault : world_.faults().list()) ids.push_back(fault.id);
  for (const auto& id : ids) remove_fault(id);
}

std::vector<capacity_model::HistorySeries> Control::history(const capacity_model::HistoryQuery& query) {
  // pool() of a known region steps its demand; it never adds to the map being walked.
  for (const auto& entry : world_.pools()) world_.pool(entry.first);
  return world_.history().series(query);
}

std::map<std::string, std::size_t> Control::events_by_type() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& e : world_.timeline().all()) ++counts[e.type];
  return counts;
}

JobCounts Control::job_counts() const {
  JobCounts counts;
  for (const auto& scope : world_.stores().all()) {
    for (const auto& entry : scope.second.tuning_jobs()) {
      ++counts.tuning_jobs[std::string(model::to_string(entry.second.status))];
    }
    for (const auto& entry : scope.second.training_jobs()) {
      ++counts.training_jobs[std::string(model::to_string(entry.second.status))];
    }
  }
  return counts;
}

}  // namespace emulator
