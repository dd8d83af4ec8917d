#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "emulator/world.h"
#include "tests/support/rendered_timeline.h"
#include "tests/support/test_world.h"

namespace test_support {

// A world with the default scenario (or the given one) for tests of tuning jobs end to end,
// without a socket.
struct TuningFixture {
  std::unique_ptr<emulator::World> world;
  explicit TuningFixture(capacity_model::Scenario scenario = {}) : world(make_world(std::move(scenario))) {}

  const emulator::model::TuningJob& create(emulator::model::CreateHyperParameterTuningJobRequest request) {
    auto created = world->tuning().create(kScope, std::move(request));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return **created;
  }
  void run_to_end() {
    for (int i = 0; i < 100000 && world->simulator().step(); ++i) {
    }
  }
  const emulator::model::TrainingJob& child(const emulator::model::TuningJob& job, std::size_t i) {
    return *job.children.at(i);
  }
  int holding_instances_max(const std::string& tuning_job) {
    int holding = 0, peak = 0;
    for (const auto& e : rendered(world->timeline())) {
      if (e.tuning_job != tuning_job) continue;
      if (e.type == "granted") peak = std::max(peak, ++holding);
      if (e.type == "released") --holding;
    }
    return peak;
  }
};

}  // namespace test_support
