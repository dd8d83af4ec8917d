#include "emulator/control.h"

#include <algorithm>

namespace emulator {

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
    (void)world_.pool(region).set_capacity(s.instance_type, s.zone, s.capacity);
    sim::TimelineEvent e;
    e.time = world_.simulator().now();
    e.type = "capacity-changed";
    e.region = region;
    e.instance_type = s.instance_type;
    e.zone = s.zone.value_or("");
    e.message = "capacity set to " + std::to_string(s.capacity) + " through the control plane";
    world_.timeline().append(std::move(e));
  }
  return ok_status();
}

}  // namespace emulator
