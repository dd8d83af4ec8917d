// The scenario sections beyond the basic pools: lists shared by several sections, spot,
// background demand, faults and quotas. Helpers live in scenario_json.cc.

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capacity_model/scenario_json_detail.h"
#include "capacity_model/spot.h"

namespace capacity_model::scenario_json_detail {

Status read_instance_types(const Json& v, const std::string& path, const Catalog& catalog,
                           std::vector<std::string>& out) {
  if (auto checked = expect_array(v, path); !checked) return checked;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string type;
    if (auto checked = read_instance_type(v[i], element(path, i), catalog, type); !checked) return checked;
    out.push_back(std::move(type));
  }
  return Done{};
}

Status read_listed_zones(const Json& v, const std::string& path, const std::vector<std::string>& zones,
                         std::vector<std::string>& out) {
  if (auto checked = expect_array(v, path); !checked) return checked;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::optional<std::string> zone;
    if (auto checked = read_listed_zone(v[i], element(path, i), zones, zone); !checked) return checked;
    out.push_back(std::move(*zone));
  }
  return Done{};
}

Status read_pool_list(const Json& v, const std::string& path, const Catalog& catalog,
                      const std::vector<std::string>& zones, CapacityType capacity_type,
                      std::vector<PoolCapacity>& out) {
  if (auto checked = expect_array(v, path); !checked) return checked;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = element(path, i);
    const Json& item = v[i];
    if (auto checked =
            expect_object(item, at, {"instanceType", "availabilityZone", "capacity"}, {"instanceType", "capacity"});
        !checked) {
      return checked;
    }
    PoolCapacity pool;
    pool.capacity_type = capacity_type;
    if (auto checked =
            read_instance_type(item.at("instanceType"), member(at, "instanceType"), catalog, pool.instance_type);
        !checked) {
      return checked;
    }
    if (const Json* zone = find(item, "availabilityZone")) {
      if (auto checked = read_listed_zone(*zone, member(at, "availabilityZone"), zones, pool.zone); !checked) {
        return checked;
      }
    }
    if (auto checked = read_int(item.at("capacity"), member(at, "capacity"), 0, pool.capacity); !checked) {
      return checked;
    }
    out.push_back(std::move(pool));
  }
  return Done{};
}

namespace {

// Calls read(key, value, path) for every entry of an object keyed by instance type, after
// checking the key against the catalog.
template <typename Read>
Status read_type_map(const Json& v, const std::string& path, const Catalog& catalog, Read read) {
  if (!v.is_object()) return fail(path, "must be an object, " + got(v));
  for (const auto& item : v.items()) {
    const std::string at = keyed(path, item.key());
    if (!catalog.find(item.key())) return fail(at, "unknown instance type '" + item.key() + "'");
    if (auto checked = read(item.key(), item.value(), at); !checked) return checked;
  }
  return Done{};
}

// ---- spot ------------------------------------------------------------------------------

Status read_frequency(const Json& v, const std::string& path, InterruptionFrequency& out) {
  std::string text;
  if (auto checked = read_string(v, path, text); !checked) return checked;
  const auto frequency = interruption_frequency_from(text);
  if (!frequency) return fail(path, "must be one of <5%, 5-10%, 10-15%, 15-20%, >20%; " + got(v));
  out = *frequency;
  return Done{};
}

Status read_spot_type(const Json& v, const std::string& path, SpotTypeSettings& out) {
  if (auto checked = expect_object(v, path, {"interruptionFrequency", "hazardPerHour"}, {}); !checked) return checked;
  const Json* frequency = find(v, "interruptionFrequency");
  const Json* hazard = find(v, "hazardPerHour");
  if (frequency && hazard) {
    return fail(member(path, "hazardPerHour"),
                "give interruptionFrequency or hazardPerHour, not both");
  }
  if (frequency) {
    InterruptionFrequency value{};
    if (auto checked = read_frequency(*frequency, member(path, "interruptionFrequency"), value); !checked)
      return checked;
    out.frequency = value;
  } else if (hazard) {
    double value = 0;
    if (auto checked = read_number(*hazard, member(path, "hazardPerHour"), Sign::kNonNegative, value); !checked) {
      return checked;
    }
    out.hazard_per_hour = value;
  } else {
    return fail(path, "must give interruptionFrequency or hazardPerHour");
  }
  return Done{};
}

Status read_storm(const Json& v, const std::string& path, const Catalog& catalog, const std::vector<std::string>& zones,
                  SpotStorm& storm) {
  if (auto checked = expect_object(
          v, path, {"startSeconds", "durationSeconds", "stormMultiplier", "instanceTypes", "availabilityZones"},
          {"startSeconds", "durationSeconds", "stormMultiplier"});
      !checked) {
    return checked;
  }
  if (auto checked = read_seconds(v.at("startSeconds"), member(path, "startSeconds"), Sign::kNonNegative, storm.start);
      !checked) {
    return checked;
  }
  if (auto checked =
          read_seconds(v.at("durationSeconds"), member(path, "durationSeconds"), Sign::kPositive, storm.duration);
      !checked) {
    return checked;
  }
  if (auto checked =
          read_number(v.at("stormMultiplier"), member(path, "stormMultiplier"), Sign::kNonNegative, storm.multiplier);
      !checked) {
    return checked;
  }
  if (const Json* t = find(v, "instanceTypes")) {
    if (auto checked = read_instance_types(*t, member(path, "instanceTypes"), catalog, storm.instance_types);
        !checked) {
      return checked;
    }
  }
  if (const Json* z = find(v, "availabilityZones")) {
    return read_listed_zones(*z, member(path, "availabilityZones"), zones, storm.zones);
  }
  return Done{};
}

// ---- demand ----------------------------------------------------------------------------

// The profile members present in `v`; absent ones keep what `profile` holds.
Status read_profile(const Json& v, const std::string& path, DemandProfile& profile) {
  if (const Json* t = find(v, "targetUtilization")) {
    if (auto checked = read_bounded(*t, member(path, "targetUtilization"), 0, 1, profile.target_utilization);
        !checked) {
      return checked;
    }
  }
  if (const Json* t = find(v, "volatility")) {
    if (auto checked = read_bounded(*t, member(path, "volatility"), 0, 1, profile.volatility); !checked) return checked;
  }
  if (const Json* t = find(v, "halfLifeSeconds")) {
    if (auto checked = read_seconds(*t, member(path, "halfLifeSeconds"), Sign::kPositive, profile.half_life);
        !checked) {
      return checked;
    }
  }
  if (const Json* c = find(v, "dailyCycle")) {
    const std::string at = member(path, "dailyCycle");
    if (auto checked = expect_object(*c, at, {"amplitude", "peakHour"}, {}); !checked) return checked;
    if (const Json* a = find(*c, "amplitude")) {
      if (auto checked = read_bounded(*a, member(at, "amplitude"), 0, 1, profile.daily.amplitude); !checked) {
        return checked;
      }
    }
    if (const Json* h = find(*c, "peakHour")) {
      if (auto checked = read_bounded(*h, member(at, "peakHour"), 0, 24, profile.daily.peak_hour); !checked) {
        return checked;
      }
    }
  }
  return Done{};
}

// ---- quotas ----------------------------------------------------------------------------

Status read_limit(const Json& v, const std::string& path, std::optional<int>& out) {
  if (v.is_null()) {
    out.reset();
    return Done{};
  }
  int limit = 0;
  if (auto checked = read_int(v, path, 0, limit); !checked)
    return fail(path, "must be null or an integer >= 0, " + got(v));
  out = limit;
  return Done{};
}

}  // namespace

Status read_spot(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_object(
          v, "spot", {"capacityPerZone", "pools", "interruptionFrequency", "instanceTypes", "storms"}, {});
      !checked) {
    return checked;
  }
  SpotSettings& spot = s.spot;
  if (const Json* c = find(v, "capacityPerZone")) {
    int capacity = 0;
    if (auto checked = read_int(*c, "spot.capacityPerZone", 0, capacity); !checked) return checked;
    spot.default_capacity_per_zone = capacity;
  }
  if (const Json* p = find(v, "pools")) {
    if (auto checked = read_pool_list(*p, "spot.pools", catalog, s.zones, CapacityType::Spot, spot.pools); !checked) {
      return checked;
    }
  }
  if (const Json* f = find(v, "interruptionFrequency")) {
    if (auto checked = read_frequency(*f, "spot.interruptionFrequency", spot.default_frequency); !checked) {
      return checked;
    }
  }
  if (const Json* t = find(v, "instanceTypes")) {
    auto read = [&](const std::string& type, const Json& value, const std::string& path) {
      SpotTypeSettings settings;
      if (auto checked = read_spot_type(value, path, settings); !checked) return checked;
      spot.instance_types.insert_or_assign(type, settings);
      return Status(Done{});
    };
    if (auto checked = read_type_map(*t, "spot.instanceTypes", catalog, read); !checked) return checked;
  }
  if (const Json* storms = find(v, "storms")) {
    if (auto checked = expect_array(*storms, "spot.storms"); !checked) return checked;
    for (std::size_t i = 0; i < storms->size(); ++i) {
      SpotStorm storm;
      if (auto checked = read_storm((*storms)[i], element("spot.storms", i), catalog, s.zones, storm); !checked) {
        return checked;
      }
      spot.storms.push_back(std::move(storm));
    }
  }
  return Done{};
}

Status read_demand(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_object(
          v, "demand",
          {"stepSeconds", "targetUtilization", "volatility", "halfLifeSeconds", "dailyCycle", "instanceTypes"}, {});
      !checked) {
    return checked;
  }
  DemandSettings& demand = s.demand;
  demand.enabled = true;
  if (const Json* step = find(v, "stepSeconds")) {
    if (auto checked = read_seconds(*step, "demand.stepSeconds", Sign::kPositive, demand.step); !checked)
      return checked;
  }
  // The top-level profile first: per-type profiles start from it.
  if (auto checked = read_profile(v, "demand", demand.profile); !checked) return checked;
  if (const Json* t = find(v, "instanceTypes")) {
    auto read = [&](const std::string& type, const Json& value, const std::string& path) {
      if (auto checked =
              expect_object(value, path, {"targetUtilization", "volatility", "halfLifeSeconds", "dailyCycle"}, {});
          !checked) {
        return checked;
      }
      DemandProfile profile = demand.profile;
      if (auto checked = read_profile(value, path, profile); !checked) return checked;
      demand.instance_types.insert_or_assign(type, profile);
      return Status(Done{});
    };
    if (auto checked = read_type_map(*t, "demand.instanceTypes", catalog, read); !checked) return checked;
  }
  return Done{};
}

Status read_faults(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_array(v, "faults"); !checked) return checked;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string path = element("faults", i);
    const Json& item = v[i];
    if (auto checked = expect_object(
            item, path, {"id", "instanceTypes", "availabilityZones", "percentage", "startSeconds", "durationSeconds"},
            {"percentage"});
        !checked) {
      return checked;
    }
    Fault fault;
    if (const Json* id = find(item, "id")) {
      if (auto checked = read_string(*id, member(path, "id"), fault.id); !checked) return checked;
      if (fault.id.empty()) return fail(member(path, "id"), "must not be empty");
      const auto first = std::ranges::find(s.faults, fault.id, &Fault::id);
      if (first != s.faults.end()) {
        return fail(member(path, "id"),
                    "duplicate fault id '" + fault.id + "' (first at " +
                        element("faults", static_cast<std::size_t>(first - s.faults.begin())) +
                        ")");
      }
    }
    if (const Json* t = find(item, "instanceTypes")) {
      if (auto checked = read_instance_types(*t, member(path, "instanceTypes"), catalog, fault.instance_types);
          !checked) {
        return checked;
      }
    }
    if (const Json* z = find(item, "availabilityZones")) {
      if (auto checked = read_listed_zones(*z, member(path, "availabilityZones"), s.zones, fault.zones); !checked) {
        return checked;
      }
    }
    if (auto checked = read_bounded(item.at("percentage"), member(path, "percentage"), 0, 100, fault.percentage);
        !checked) {
      return checked;
    }
    if (const Json* start = find(item, "startSeconds")) {
      if (auto checked = read_seconds(*start, member(path, "startSeconds"), Sign::kNonNegative, fault.start);
          !checked) {
        return checked;
      }
    }
    if (const Json* d = find(item, "durationSeconds")) {
      Millis duration{0};
      if (auto checked = read_seconds(*d, member(path, "durationSeconds"), Sign::kPositive, duration); !checked) {
        return checked;
      }
      fault.duration = duration;
    }
    s.faults.push_back(std::move(fault));
  }
  return Done{};
}

Status read_quotas(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_object(v, "quotas", {"default", "instanceTypes", "tuning"}, {}); !checked) return checked;
  if (const Json* t = find(v, "tuning")) {
    const std::initializer_list<std::pair<const char*, int*>> limits = {
        {"maxTrainingJobsPerTuningJob", &s.quotas.tuning.max_training_jobs_per_tuning_job},
        {"maxParallelTrainingJobsPerTuningJob", &s.quotas.tuning.max_parallel_training_jobs_per_tuning_job},
        {"maxConcurrentTuningJobs", &s.quotas.tuning.max_concurrent_tuning_jobs}};
    if (auto checked = expect_object(
            *t, "quotas.tuning",
            {"maxTrainingJobsPerTuningJob", "maxParallelTrainingJobsPerTuningJob", "maxConcurrentTuningJobs"}, {});
        !checked) {
      return checked;
    }
    for (const auto& [name, target] : limits) {
      if (const Json* n = find(*t, name)) {
        if (auto checked = read_int(*n, "quotas.tuning." + std::string(name), 1, *target); !checked) return checked;
      }
    }
  }
  if (const Json* d = find(v, "default")) {
    if (auto checked = read_limit(*d, "quotas.default", s.quotas.default_limit); !checked) return checked;
  }
  if (const Json* t = find(v, "instanceTypes")) {
    auto read = [&](const std::string& type, const Json& value, const std::string& path) {
      std::optional<int> limit;
      if (auto checked = read_limit(value, path, limit); !checked) return checked;
      s.quotas.instance_types.insert_or_assign(type, limit);
      return Status(Done{});
    };
    if (auto checked = read_type_map(*t, "quotas.instanceTypes", catalog, read); !checked) return checked;
  }
  return Done{};
}

}  // namespace capacity_model::scenario_json_detail
