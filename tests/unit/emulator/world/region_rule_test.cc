// The one region rule of the control plane (design.md "Regions and the control plane"):
// without a region a request acts on, or reports, every region, those created later too;
// with one, that region alone; reading a region never creates it.
#include <gtest/gtest.h>

#include <set>

#include "emulator/control.h"
#include "tests/support/test_world.h"

namespace emulator {
namespace {

constexpr const char* kType = "ml.m4.xlarge";

CapacitySetting setting(std::optional<std::string> region, std::optional<std::string> zone, int capacity) {
  CapacitySetting s;
  s.region = std::move(region);
  s.instance_type = kType;
  s.zone = std::move(zone);
  s.capacity = capacity;
  return s;
}

capacity_model::Fault fault_of(std::string region, std::vector<std::string> zones) {
  capacity_model::Fault fault;
  fault.instance_types = {kType};
  fault.region = std::move(region);
  fault.zones = std::move(zones);
  return fault;
}

std::set<std::string> regions_of(const std::vector<PoolRow>& rows) {
  std::set<std::string> out;
  for (const auto& row : rows) out.insert(row.region);
  return out;
}

std::set<int> capacities_of(const std::vector<PoolRow>& rows) {
  std::set<int> out;
  for (const auto& row : rows) out.insert(row.usage.capacity);
  return out;
}

TEST(RegionRule, ASettingWithoutARegionReachesEveryRegionAndThoseCreatedLater) {
  auto world = test_support::make_world();
  Control control(*world);
  world->pool("eu-west-1");
  auto changed = control.set_capacity({setting(std::nullopt, std::nullopt, 0)});
  ASSERT_TRUE(changed);
  EXPECT_EQ(regions_of(*changed), (std::set<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(capacities_of(*changed), std::set<int>{0});
  EXPECT_EQ(capacities_of(control.capacity("us-west-2", kType)), std::set<int>{0});  // previewed
  world->pool("us-west-2");  // a SageMaker request in us-west-2 creates it
  EXPECT_EQ(capacities_of(control.capacity("us-west-2", kType)), std::set<int>{0});
}

TEST(RegionRule, ASettingWithARegionChangesThatRegionAlone) {
  auto world = test_support::make_world();
  Control control(*world);
  auto changed = control.set_capacity({setting("ap-south-1", std::nullopt, 3)});
  ASSERT_TRUE(changed);
  EXPECT_EQ(regions_of(*changed), std::set<std::string>{"ap-south-1"});
  EXPECT_FALSE(capacities_of(control.capacity("us-east-1", kType)).contains(3));
  EXPECT_FALSE(capacities_of(control.capacity("eu-north-1", kType)).contains(3));
}

TEST(RegionRule, ReadingARegionDoesNotCreateIt) {
  auto world = test_support::make_world();
  Control control(*world);
  EXPECT_FALSE(control.capacity("eu-west-1", std::nullopt).empty());
  EXPECT_EQ(world->find_pool("eu-west-1"), nullptr);
  EXPECT_EQ(regions_of(control.capacity(std::nullopt, std::nullopt)), std::set<std::string>{"us-east-1"});
}

TEST(RegionRule, AZoneWithoutARegionActsOnTheRegionThatOwnsIt) {
  auto world = test_support::make_world();
  Control control(*world);
  world->pool("eu-west-1");
  auto changed = control.set_capacity({setting(std::nullopt, "eu-west-1b", 2)});
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->size(), 1u);
  EXPECT_EQ(changed->front().usage.zone, "eu-west-1b");
  EXPECT_FALSE(control.set_capacity({setting(std::nullopt, "mars-1a", 2)}));
}

TEST(RegionRule, AFaultWithARegionFiresThereAlone) {
  auto world = test_support::make_world();
  Control control(*world);
  auto fault = control.add_fault(fault_of("us-west-2", {}));
  ASSERT_TRUE(fault);
  std::mt19937_64 rng(1);
  const auto now = world->simulator().now();
  EXPECT_NE(world->faults().inject_fault("us-west-2", kType, "us-west-2a", now, rng), nullptr);
  EXPECT_EQ(world->faults().inject_fault("us-east-1", kType, "us-east-1a", now, rng), nullptr);
  EXPECT_EQ(world->find_pool("us-west-2"), nullptr);
  EXPECT_FALSE(control.add_fault(fault_of("us-west-2", {"eu-west-1a"})));
}

std::set<std::string> ids_of(const std::vector<capacity_model::Fault>& faults) {
  std::set<std::string> out;
  for (const auto& fault : faults) out.insert(fault.id);
  return out;
}

// Faults of us-west-2, of sa-east-1 and of every region, by id.
struct ThreeFaults {
  std::string west, south, every;
};

ThreeFaults add_three_faults(Control& control) {
  ThreeFaults ids;
  for (const auto& [region, id] :
       {std::pair{"us-west-2", &ids.west}, std::pair{"sa-east-1", &ids.south}, std::pair{"", &ids.every}}) {
    auto added = control.add_fault(fault_of(region, {}));
    EXPECT_TRUE(added);
    if (added) *id = added->id;
  }
  return ids;
}

TEST(RegionRule, ARegionsFaultsAreItsOwnAndThoseOfEveryRegion) {
  auto world = test_support::make_world();
  Control control(*world);
  const auto ids = add_three_faults(control);
  EXPECT_EQ(ids_of(control.faults("us-west-2")), (std::set<std::string>{ids.west, ids.every}));
  EXPECT_EQ(ids_of(control.faults("eu-west-1")), std::set<std::string>{ids.every});
  EXPECT_EQ(control.faults(std::nullopt).size(), 3u);
}

TEST(RegionRule, ClearingARegionsFaultsLeavesThoseOfOtherRegionsAndOfEveryRegion) {
  auto world = test_support::make_world();
  Control control(*world);
  const auto ids = add_three_faults(control);
  control.clear_faults("eu-west-1");
  EXPECT_EQ(control.faults(std::nullopt).size(), 3u);
  control.clear_faults("us-west-2");
  EXPECT_EQ(ids_of(control.faults(std::nullopt)), (std::set<std::string>{ids.south, ids.every}));
  control.clear_faults(std::nullopt);
  EXPECT_TRUE(control.faults(std::nullopt).empty());
}

TEST(RegionRule, ARegionsEventsIncludeThoseOfEveryRegion) {
  auto world = test_support::make_world();
  Control control(*world);
  ASSERT_TRUE(control.add_fault(fault_of("", {})));
  ASSERT_TRUE(control.set_capacity({setting("ap-south-1", std::nullopt, 1)}));
  timeline::Filter west;
  west.region = "us-west-2";
  const auto events = control.events(west, 0, 100).events;
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events.front().type, "fault-added");
  timeline::Filter south;
  south.region = "ap-south-1";
  EXPECT_EQ(control.events(south, 0, 100).events.size(), 2u);
}

}  // namespace
}  // namespace emulator
