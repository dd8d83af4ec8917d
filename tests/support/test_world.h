#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "api/objectives/objective_library_json.h"
#include "capacity_model/scenario_json.h"
#include "emulator/model/scope.h"
#include "emulator/store/job_store.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/tuning_controller.h"
#include "emulator/world.h"

namespace test_support {

inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(AMT_FIXTURES_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline capacity_model::Catalog real_catalog() {
  auto parsed = capacity_model::parse_catalog(read_fixture("catalog/instance-types.json"));
  return std::move(*parsed);
}

// A world on the real catalog with the default scenario, time 0, seed 1.
inline std::unique_ptr<emulator::World> make_world(capacity_model::Scenario scenario = {}, std::uint64_t seed = 1) {
  return std::make_unique<emulator::World>(emulator::WorldConfig{real_catalog(), std::move(scenario), seed, 0, api::objectives::builtin_objective_library()});
}

inline const emulator::model::Scope kScope{"123456789012", "us-east-1"};

}  // namespace test_support
