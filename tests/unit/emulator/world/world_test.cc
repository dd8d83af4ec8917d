#include "emulator/world.h"

#include <gtest/gtest.h>

#include "tests/support/nonempty.h"
#include "tests/support/test_world.h"

namespace emulator {
namespace {

using namespace std::chrono_literals;

capacity_model::Scenario shipped(const std::string& name) {
  auto catalog = test_support::real_catalog();
  auto parsed = capacity_model::parse_scenario(test_support::read_fixture("scenarios/" + name + ".json"), catalog);
  return std::move(*parsed);
}

int capacity_of(World& world, const std::string& region, const std::string& type, const std::string& zone) {
  for (const auto& u : test_support::nonempty(world.pool(region).usage_of(type))) {
    if (u.zone == zone) return u.capacity;
  }
  return -1;
}

TEST(World, AZoneOutageStartsAndEndsAtTheExactSecond) {
  auto world = test_support::make_world(shipped("zone-outage"));
  world->simulator().run_until(600s - 1ms);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 4);
  world->simulator().run_until(600s);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 0);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.p3.2xlarge", "us-east-1a"), 0);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1b"), 4);
  world->simulator().run_until(2400s - 1ms);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 0);
  world->simulator().run_until(2400s);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 4);
}

TEST(World, ARegionFirstUsedDuringAnOutageSeesIt) {
  auto world = test_support::make_world(shipped("zone-outage"));
  world->simulator().run_until(700s);
  EXPECT_EQ(capacity_of(*world, "eu-west-1", "ml.m5.xlarge", "eu-west-1a"), 0);
  EXPECT_EQ(capacity_of(*world, "eu-west-1", "ml.m5.xlarge", "eu-west-1b"), 4);
  world->simulator().run_until(2400s);
  EXPECT_EQ(capacity_of(*world, "eu-west-1", "ml.m5.xlarge", "eu-west-1a"), 4);
}

TEST(World, ResetRestoresTheScenario) {
  auto world = test_support::make_world(shipped("zone-outage"));
  world->simulator().run_until(900s);
  world->reset(std::nullopt, std::nullopt);
  EXPECT_EQ(world->simulator().now(), 0ms);
  EXPECT_EQ(world->timeline().size(), 0u);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 4);
  world->simulator().run_until(600s);
  EXPECT_EQ(capacity_of(*world, "us-east-1", "ml.m5.xlarge", "us-east-1a"), 0);
}

TEST(World, BackgroundDemandFollowsTheScenarioAndTheSeed) {
  auto demand_at = [](std::uint64_t seed, sim::SimTime t) {
    auto world = test_support::make_world(shipped("gpu-crunch"), seed);
    world->simulator().run_until(t);
    std::vector<int> demand;
    for (const auto& u : test_support::nonempty(world->pool("us-east-1").usage_of("ml.p3.2xlarge"))) {
      EXPECT_GE(u.demand, 0);
      EXPECT_LE(u.demand, u.capacity);
      EXPECT_EQ(u.available, std::max(0, u.capacity - u.in_use - u.demand));
      demand.push_back(u.demand);
    }
    return demand;
  };
  const auto afternoon = demand_at(1, 15h);
  EXPECT_EQ(afternoon, demand_at(1, 15h));
  int total = 0;
  for (int d : afternoon) total += d;
  EXPECT_GT(total, 0);  // other tenants hold some of the scarce GPUs at the daily peak
}

}  // namespace
}  // namespace emulator
