#pragma once
// A fresh World on the manual clock, with the built-in catalog and default scenario, the
// control façade and the clock driver over it: what api/main.cc builds, without a socket or
// an event loop. Every fuzz input gets a new one, so an input replays alone.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/clock/clock_driver.h"
#include "api/objectives/objective_library_json.h"
#include "capacity_model/scenario_json.h"
#include "embedded/default_scenario.h"
#include "embedded/instance_catalog.h"
#include "emulator/control.h"
#include "emulator/world.h"

namespace fuzz {

inline const capacity_model::Catalog& catalog() {
  static const capacity_model::Catalog parsed = *capacity_model::parse_catalog(embedded::instance_catalog);
  return parsed;
}

inline const capacity_model::Scenario& default_scenario() {
  static const capacity_model::Scenario parsed = *capacity_model::parse_scenario(embedded::default_scenario, catalog());
  return parsed;
}

struct WorldFixture {
  explicit WorldFixture(const capacity_model::Scenario& scenario = default_scenario())
      : world(emulator::WorldConfig{catalog(), scenario, 1,
                                    api::ClockDriver::epoch_ms_for(emulator::sim::ClockMode::Manual),
                                    api::objectives::builtin_objective_library()}),
        control(world),
        // Tasks the instant clock queues are dropped: no event loop runs them here.
        clock([](std::chrono::milliseconds, std::function<void()>) {}, control, emulator::sim::ClockMode::Manual,
              600.0) {}

  emulator::World world;
  emulator::Control control;
  api::ClockDriver clock;
};

// One scratch folder per process for the S3 object store (left in the temporary folder).
inline const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path folder = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "amt-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return std::filesystem::path(pattern);
  }();
  return folder;
}

}  // namespace fuzz
