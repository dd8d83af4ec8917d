#pragma once

// Shared by the capacity_model tests that read the shipped data files in place
// (AMT_FIXTURES_DIR): the catalog, the scenarios and the schema.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

#include "capacity_model/catalog.h"
#include "capacity_model/scenario.h"
#include "capacity_model/scenario_json.h"

namespace capacity_model::fixture_files {

namespace fs = std::filesystem;

inline const fs::path kFixtures = AMT_FIXTURES_DIR;

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline Catalog real_catalog() {
  auto parsed = parse_catalog(read_text(kFixtures / "catalog" / "instance-types.json"));
  if (!parsed) {
    ADD_FAILURE() << parsed.error().message;
    return Catalog({});
  }
  return std::move(*parsed);
}

inline Scenario parse_ok(std::string_view text, const Catalog& catalog) {
  auto parsed = parse_scenario(text, catalog);
  if (!parsed) {
    ADD_FAILURE() << parsed.error().message;
    return Scenario{};
  }
  return std::move(*parsed);
}

inline std::string scenario_error(std::string_view text, const Catalog& catalog) {
  const auto parsed = parse_scenario(text, catalog);
  return parsed ? "(parsed)" : parsed.error().message;
}

// A scenario using every member the parser reads (each map entry kind at least once).
inline constexpr const char* kEveryMember = R"({
    "$schema": "./scenario.schema.json", "name": "full", "description": "every member",
    "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"],
    "defaults": {"capacityPerZone": 4},
    "pools": [{"instanceType": "ml.m5.xlarge", "availabilityZone": "us-east-1a", "capacity": 1}],
    "changes": [{"atSeconds": 60, "instanceType": "ml.m5.xlarge", "availabilityZone": "us-east-1b",
                 "capacity": 0, "durationSeconds": 30, "capacityType": "spot"}],
    "retry": {"backoffSeconds": 10, "windowSeconds": 60, "unavailableOfferingsTtlSeconds": 180,
              "retryPreferredFirst": false, "quotaExceededAction": "fail-tuning-job"},
    "spot": {"capacityPerZone": 2,
             "pools": [{"instanceType": "ml.g5.xlarge", "availabilityZone": "us-east-1b", "capacity": 1}],
             "interruptionFrequency": "10-15%",
             "instanceTypes": {"ml.p3.2xlarge": {"interruptionFrequency": ">20%"},
                               "ml.g5.xlarge": {"hazardPerHour": 0.02}},
             "storms": [{"startSeconds": 100, "durationSeconds": 50, "stormMultiplier": 10,
                         "instanceTypes": ["ml.p3.2xlarge"], "availabilityZones": ["us-east-1a"]}]},
    "demand": {"stepSeconds": 60, "targetUtilization": 0.3, "volatility": 0.05, "halfLifeSeconds": 1800,
               "dailyCycle": {"amplitude": 0.1, "peakHour": 13.5},
               "instanceTypes": {"ml.p3.2xlarge": {"targetUtilization": 0.8, "volatility": 0.2,
                                                   "halfLifeSeconds": 600,
                                                   "dailyCycle": {"amplitude": 0.15, "peakHour": 16}}}},
    "faults": [{"id": "gpu", "instanceTypes": ["ml.g5.xlarge"], "availabilityZones": ["us-east-1b"],
                "percentage": 30, "startSeconds": 10, "durationSeconds": 20}],
    "quotas": {"default": 8, "instanceTypes": {"ml.p3.2xlarge": 0, "ml.m5.xlarge": null},
               "tuning": {"maxTrainingJobsPerTuningJob": 1000, "maxParallelTrainingJobsPerTuningJob": 20,
                          "maxConcurrentTuningJobs": 5}},
    "seed": 7, "clock": {"mode": "manual", "timeScale": 60}})";

}  // namespace capacity_model::fixture_files
