#include "capacity_model/scenario_json.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "tests/unit/capacity_model/fixture_files.h"

namespace capacity_model {
namespace {

using namespace fixture_files;
using std::chrono::seconds;

// ---- scenario parsing ------------------------------------------------------------------

class ParseScenario : public testing::Test {
 protected:
  static void SetUpTestSuite() { catalog_ = new Catalog(real_catalog()); }
  static void TearDownTestSuite() { delete catalog_; }
  static const Catalog& catalog() { return *catalog_; }

 private:
  static inline Catalog* catalog_ = nullptr;
};

TEST_F(ParseScenario, EmptyObjectGivesTheDocumentedDefaults) {
  const Scenario s = parse_ok("{}", catalog());
  const Scenario d;
  EXPECT_EQ(s.name, "default");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.region, "us-east-1");
  EXPECT_EQ(s.zones, d.zones);
  EXPECT_EQ(s.default_capacity_per_zone, 16);
  EXPECT_TRUE(s.pools.empty());
  EXPECT_TRUE(s.changes.empty());
  EXPECT_EQ(s.retry.backoff, seconds(30));
  EXPECT_EQ(s.retry.window, seconds(600));
  EXPECT_EQ(s.seed, std::nullopt);
  EXPECT_EQ(s.clock_mode, std::nullopt);
  EXPECT_EQ(s.time_scale, std::nullopt);
}

TEST_F(ParseScenario, ReadsEveryMember) {
  const Scenario s = parse_ok(R"({
    "name": "blog-fallback", "description": "m4 is short", "region": "us-east-1",
    "zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
    "defaults": {"capacityPerZone": 8},
    "pools": [{"instanceType": "ml.m4.xlarge", "availabilityZone": "us-east-1a", "capacity": 0},
              {"instanceType": "ml.g5.xlarge", "capacity": 2}],
    "changes": [{"atSeconds": 600, "instanceType": "ml.m4.xlarge", "capacity": 4},
                {"atSeconds": 0.25, "instanceType": "ml.m5.large", "availabilityZone": "us-east-1c", "capacity": 1}],
    "retry": {"backoffSeconds": 15, "windowSeconds": 0},
    "seed": 42, "clock": {"mode": "instant", "timeScale": 600}})",
                              catalog());
  EXPECT_EQ(s.name, "blog-fallback");
  EXPECT_EQ(s.description, "m4 is short");
  EXPECT_EQ(s.default_capacity_per_zone, 8);
  ASSERT_EQ(s.pools.size(), 2u);
  EXPECT_EQ(s.pools[0].instance_type, "ml.m4.xlarge");
  EXPECT_EQ(s.pools[0].zone, "us-east-1a");
  EXPECT_EQ(s.pools[0].capacity, 0);
  EXPECT_EQ(s.pools[1].zone, std::nullopt);
  EXPECT_EQ(s.pools[1].capacity, 2);
  ASSERT_EQ(s.changes.size(), 2u);
  EXPECT_EQ(s.changes[0].at, seconds(600));
  EXPECT_EQ(s.changes[0].zone, std::nullopt);
  EXPECT_EQ(s.changes[0].capacity, 4);
  EXPECT_EQ(s.changes[1].at, Millis{250});
  EXPECT_EQ(s.changes[1].instance_type, "ml.m5.large");
  EXPECT_EQ(s.changes[1].zone, "us-east-1c");
  EXPECT_EQ(s.retry.backoff, seconds(15));
  EXPECT_EQ(s.retry.window, Millis{0});
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.clock_mode, "instant");
  EXPECT_EQ(s.time_scale, 600.0);
}

TEST_F(ParseScenario, ZonesDefaultToTheRegionsFirstThree) {
  const Scenario s = parse_ok(R"({"region": "eu-west-1"})", catalog());
  EXPECT_EQ(s.zones, (std::vector<std::string>{"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
}

TEST_F(ParseScenario, LargestSeedSurvives) {
  EXPECT_EQ(parse_ok(R"({"seed": 18446744073709551615})", catalog()).seed, 18446744073709551615u);
}

TEST_F(ParseScenario, SupplySectionsAreOffByDefault) {
  const Scenario s = parse_ok("{}", catalog());
  EXPECT_EQ(s.retry.unavailable_offerings_ttl, Millis{0});
  EXPECT_TRUE(s.retry.retry_preferred_first);
  EXPECT_EQ(s.retry.quota_exceeded_action, QuotaExceededAction::SkipConfiguration);
  EXPECT_EQ(s.spot.default_capacity_per_zone, std::nullopt);
  EXPECT_TRUE(s.spot.pools.empty());
  EXPECT_EQ(s.spot.default_frequency, InterruptionFrequency::Under5Percent);
  EXPECT_TRUE(s.spot.instance_types.empty());
  EXPECT_TRUE(s.spot.storms.empty());
  EXPECT_FALSE(s.demand.enabled);
  EXPECT_TRUE(s.faults.empty());
  EXPECT_EQ(s.quotas.default_limit, std::nullopt);
  EXPECT_TRUE(s.quotas.instance_types.empty());
}

TEST_F(ParseScenario, ReadsTheSupplySections) {
  const Scenario s = parse_ok(kEveryMember, catalog());
  ASSERT_EQ(s.changes.size(), 1u);
  EXPECT_EQ(s.changes[0].duration, seconds(30));
  EXPECT_EQ(s.changes[0].capacity_type, CapacityType::Spot);
  EXPECT_EQ(s.changes[0].phase, StepPhase::Set);

  EXPECT_EQ(s.retry.unavailable_offerings_ttl, seconds(180));
  EXPECT_FALSE(s.retry.retry_preferred_first);
  EXPECT_EQ(s.retry.quota_exceeded_action, QuotaExceededAction::FailTuningJob);

  EXPECT_EQ(s.spot.default_capacity_per_zone, 2);
  ASSERT_EQ(s.spot.pools.size(), 1u);
  EXPECT_EQ(s.spot.pools[0].capacity_type, CapacityType::Spot);
  EXPECT_EQ(s.spot.pools[0].zone, "us-east-1b");
  EXPECT_EQ(s.spot.default_frequency, InterruptionFrequency::From10To15Percent);
  EXPECT_EQ(s.spot.instance_types.at("ml.p3.2xlarge").frequency,
            InterruptionFrequency::Over20Percent);
  EXPECT_EQ(s.spot.instance_types.at("ml.g5.xlarge").hazard_per_hour, 0.02);
  ASSERT_EQ(s.spot.storms.size(), 1u);
  EXPECT_EQ(s.spot.storms[0].start, seconds(100));
  EXPECT_EQ(s.spot.storms[0].duration, seconds(50));
  EXPECT_EQ(s.spot.storms[0].multiplier, 10);
  EXPECT_EQ(s.spot.storms[0].instance_types, std::vector<std::string>{"ml.p3.2xlarge"});
  EXPECT_EQ(s.spot.storms[0].zones, std::vector<std::string>{"us-east-1a"});

  EXPECT_TRUE(s.demand.enabled);
  EXPECT_EQ(s.demand.step, seconds(60));
  EXPECT_EQ(s.demand.profile.target_utilization, 0.3);
  EXPECT_EQ(s.demand.profile.volatility, 0.05);
  EXPECT_EQ(s.demand.profile.half_life, seconds(1800));
  EXPECT_EQ(s.demand.profile.daily.amplitude, 0.1);
  EXPECT_EQ(s.demand.profile.daily.peak_hour, 13.5);
  const DemandProfile& p3 = s.demand.instance_types.at("ml.p3.2xlarge");
  EXPECT_EQ(p3.target_utilization, 0.8);
  EXPECT_EQ(p3.volatility, 0.2);
  EXPECT_EQ(p3.half_life, seconds(600));
  EXPECT_EQ(p3.daily.amplitude, 0.15);
  EXPECT_EQ(p3.daily.peak_hour, 16);

  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].id, "gpu");
  EXPECT_EQ(s.faults[0].instance_types, std::vector<std::string>{"ml.g5.xlarge"});
  EXPECT_EQ(s.faults[0].zones, std::vector<std::string>{"us-east-1b"});
  EXPECT_EQ(s.faults[0].percentage, 30);
  EXPECT_EQ(s.faults[0].start, seconds(10));
  EXPECT_EQ(s.faults[0].duration, seconds(20));

  EXPECT_EQ(s.quotas.default_limit, 8);
  EXPECT_EQ(s.quotas.instance_types.at("ml.p3.2xlarge"), 0);
  EXPECT_EQ(s.quotas.instance_types.at("ml.m5.xlarge"), std::nullopt);
}

TEST_F(ParseScenario, PerTypeDemandInheritsWhatItDoesNotSay) {
  const Scenario s = parse_ok(R"({"demand": {"targetUtilization": 0.2, "volatility": 0.07,
      "dailyCycle": {"amplitude": 0.1, "peakHour": 9},
      "instanceTypes": {"ml.g5.xlarge": {"targetUtilization": 0.9, "dailyCycle": {"amplitude": 0.05}}}}})",
                              catalog());
  const DemandProfile& g5 = s.demand.instance_types.at("ml.g5.xlarge");
  EXPECT_EQ(g5.target_utilization, 0.9);
  EXPECT_EQ(g5.volatility, 0.07);
  EXPECT_EQ(g5.half_life, std::chrono::hours(1));
  EXPECT_EQ(g5.daily.amplitude, 0.05);
  EXPECT_EQ(g5.daily.peak_hour, 9);
  EXPECT_EQ(s.demand.step, std::chrono::minutes(5));
}

TEST_F(ParseScenario, StepMarketDefaultsToOnDemandForATypeAndBothForAZone) {
  const Scenario s = parse_ok(R"({"changes": [
      {"atSeconds": 600, "availabilityZone": "us-east-1a", "capacity": 0, "durationSeconds": 1800},
      {"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": 2},
      {"atSeconds": 2, "availabilityZone": "us-east-1b", "capacity": 1, "capacityType": "spot"},
      {"atSeconds": 3, "instanceType": "ml.m5.large", "capacity": 2, "capacityType": "all"}]})",
                              catalog());
  ASSERT_EQ(s.changes.size(), 4u);
  EXPECT_EQ(s.changes[0].instance_type, "");
  EXPECT_EQ(s.changes[0].zone, "us-east-1a");
  EXPECT_EQ(s.changes[0].capacity_type, std::nullopt);
  EXPECT_EQ(s.changes[0].duration, seconds(1800));
  EXPECT_EQ(s.changes[1].capacity_type, CapacityType::OnDemand);
  EXPECT_EQ(s.changes[1].duration, std::nullopt);
  EXPECT_EQ(s.changes[2].capacity_type, CapacityType::Spot);
  EXPECT_EQ(s.changes[3].capacity_type, std::nullopt);
}

TEST_F(ParseScenario, FaultIdsMayBeLeftToTheBook) {
  const Scenario s =
      parse_ok(R"({"faults": [{"percentage": 5}, {"percentage": 100, "id": "b"}]})", catalog());
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[0].id, "");
  EXPECT_TRUE(s.faults[0].instance_types.empty());
  EXPECT_EQ(s.faults[0].start, Millis{0});
  EXPECT_EQ(s.faults[0].duration, std::nullopt);
}

struct BadScenario {
  const char* json;
  const char* message;
};

// Names each case after its expected message, which is unique and says what is wrong.
void PrintTo(const BadScenario& bad, std::ostream* out) { *out << bad.message; }

class ParseScenarioError : public ParseScenario, public testing::WithParamInterface<BadScenario> {};

TEST_P(ParseScenarioError, NamesTheMember) {
  EXPECT_EQ(scenario_error(GetParam().json, catalog()), GetParam().message) << GetParam().json;
}

INSTANTIATE_TEST_SUITE_P(
    EveryPath, ParseScenarioError,
    testing::Values(
        BadScenario{R"([])", "(root): must be an object, got array"},
        BadScenario{R"({"bogus": 1})", "bogus: unknown member"},
        BadScenario{R"({"$schema": 3})", "$schema: must be a string, got 3"},
        BadScenario{R"({"name": 5})", "name: must be a string, got 5"},
        BadScenario{R"({"name": ""})", "name: must not be empty"},
        BadScenario{R"({"description": null})", "description: must be a string, got null"},
        BadScenario{R"({"region": ""})", "region: must not be empty"},
        BadScenario{R"({"zones": "us-east-1a"})", R"(zones: must be an array, got "us-east-1a")"},
        BadScenario{R"({"zones": []})", "zones: must list at least one availability zone"},
        BadScenario{R"({"zones": ["us-east-1a", 7]})", "zones[1]: must be a string, got 7"},
        BadScenario{R"({"zones": ["us-east-1a", "eu-west-1a"]})",
                    "zones[1]: 'eu-west-1a' is not an availability zone of region 'us-east-1'"},
        BadScenario{R"({"zones": ["us-east-1"]})",
                    "zones[0]: 'us-east-1' is not an availability zone of region 'us-east-1'"},
        BadScenario{R"({"region": "eu-west-1", "zones": ["us-east-1a"]})",
                    "zones[0]: 'us-east-1a' is not an availability zone of region 'eu-west-1'"},
        BadScenario{R"({"zones": ["us-east-1a", "us-east-1a"]})",
                    "zones[1]: duplicate availability zone 'us-east-1a'"},
        BadScenario{R"({"defaults": 16})", "defaults: must be an object, got 16"},
        BadScenario{R"({"defaults": {"perZone": 1}})", "defaults.perZone: unknown member"},
        BadScenario{R"({"defaults": {"capacityPerZone": -1}})",
                    "defaults.capacityPerZone: must be >= 0, got -1"},
        BadScenario{R"({"defaults": {"capacityPerZone": 1.5}})",
                    "defaults.capacityPerZone: must be an integer, got 1.5"},
        BadScenario{R"({"defaults": {"capacityPerZone": 3000000000}})",
                    "defaults.capacityPerZone: must be at most 2147483647, got 3000000000"},
        BadScenario{R"({"pools": {}})", "pools: must be an array, got object"},
        BadScenario{R"({"pools": [3]})", "pools[0]: must be an object, got 3"},
        BadScenario{R"({"pools": [{"instanceType": "ml.m5.large", "capacity": 1},
                                  {"instanceType": "ml.m5.large", "capacity": 1},
                                  {"instanceType": "ml.foo", "capacity": 1}]})",
                    "pools[2].instanceType: unknown instance type 'ml.foo'"},
        BadScenario{R"({"pools": [{"instanceType": 5, "capacity": 1}]})",
                    "pools[0].instanceType: must be a string, got 5"},
        BadScenario{R"({"pools": [{"capacity": 1}]})",
                    "pools[0].instanceType: required member is missing"},
        BadScenario{R"({"pools": [{"instanceType": "ml.m5.large"}]})",
                    "pools[0].capacity: required member is missing"},
        BadScenario{R"({"pools": [{"instanceType": "ml.m5.large", "capacity": -3}]})",
                    "pools[0].capacity: must be >= 0, got -3"},
        BadScenario{
            R"({"pools": [{"instanceType": "ml.m5.large", "zone": "us-east-1a", "capacity": 1}]})",
            "pools[0].zone: unknown member"},
        BadScenario{
            R"({"pools": [{"instanceType": "ml.m5.large", "availabilityZone": "us-east-1d", "capacity": 1}]})",
            "pools[0].availabilityZone: availability zone 'us-east-1d' is not listed in zones"},
        BadScenario{R"({"changes": [{"instanceType": "ml.m5.large", "capacity": 1}]})",
                    "changes[0].atSeconds: required member is missing"},
        BadScenario{
            R"({"changes": [{"atSeconds": -1, "instanceType": "ml.m5.large", "capacity": 1}]})",
            "changes[0].atSeconds: must be >= 0, got -1"},
        BadScenario{
            R"({"changes": [{"atSeconds": "soon", "instanceType": "ml.m5.large", "capacity": 1}]})",
            R"(changes[0].atSeconds: must be a number, got "soon")"},
        BadScenario{
            R"({"changes": [{"atSeconds": 1e10, "instanceType": "ml.m5.large", "capacity": 1}]})",
            "changes[0].atSeconds: must be at most 1e9 seconds, got 10000000000.0"},
        BadScenario{R"({"changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": 1},
                                    {"atSeconds": 2, "instanceType": "ml.bar.xlarge", "capacity": 1}]})",
                    "changes[1].instanceType: unknown instance type 'ml.bar.xlarge'"},
        BadScenario{
            R"({"changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": -1}]})",
            "changes[0].capacity: must be >= 0, got -1"},
        BadScenario{
            R"({"zones": ["us-east-1a"],
                        "changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "availabilityZone": "us-east-1b", "capacity": 1}]})",
            "changes[0].availabilityZone: availability zone 'us-east-1b' is not listed in zones"},
        BadScenario{
            R"({"changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": 1, "note": "x"}]})",
            "changes[0].note: unknown member"},
        BadScenario{R"({"retry": {"backoffSeconds": 0}})",
                    "retry.backoffSeconds: must be > 0, got 0"},
        BadScenario{R"({"retry": {"backoffSeconds": -5}})",
                    "retry.backoffSeconds: must be > 0, got -5"},
        BadScenario{R"({"retry": {"backoffSeconds": 0.0001}})",
                    "retry.backoffSeconds: must be at least 0.001 (one millisecond), got 0.0001"},
        BadScenario{R"({"retry": {"windowSeconds": -1}})",
                    "retry.windowSeconds: must be >= 0, got -1"},
        BadScenario{R"({"retry": {"jitter": true}})", "retry.jitter: unknown member"},
        BadScenario{R"({"seed": -1})", "seed: must be a non-negative integer, got -1"},
        BadScenario{R"({"seed": 1.5})", "seed: must be a non-negative integer, got 1.5"},
        BadScenario{R"({"seed": "42"})", R"(seed: must be a non-negative integer, got "42")"},
        BadScenario{R"({"clock": "instant"})", R"(clock: must be an object, got "instant")"},
        BadScenario{R"({"clock": {"mode": "fast"}})",
                    R"(clock.mode: must be one of realtime, manual, instant; got "fast")"},
        BadScenario{R"({"clock": {"mode": 1}})", "clock.mode: must be a string, got 1"},
        BadScenario{R"({"clock": {"timeScale": 0}})", "clock.timeScale: must be > 0, got 0"},
        BadScenario{R"({"clock": {"timeScale": -2.5}})", "clock.timeScale: must be > 0, got -2.5"},
        BadScenario{R"({"clock": {"speed": 2}})", "clock.speed: unknown member"},
        // changes: whole-zone and timed steps
        BadScenario{R"({"changes": [{"atSeconds": 1, "capacity": 0}]})",
                    "changes[0].instanceType: required member is missing (a step for every type "
                    "names an availabilityZone)"},
        BadScenario{R"({"changes": [{"atSeconds": 1, "availabilityZone": "us-east-1a"}]})",
                    "changes[0].capacity: required member is missing"},
        BadScenario{
            R"({"changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": 1, "durationSeconds": 0}]})",
            "changes[0].durationSeconds: must be > 0, got 0"},
        BadScenario{
            R"({"changes": [{"atSeconds": 1, "instanceType": "ml.m5.large", "capacity": 1, "capacityType": "reserved"}]})",
            R"(changes[0].capacityType: must be one of on-demand, spot, all; got "reserved")"},
        // retry
        BadScenario{R"({"retry": {"unavailableOfferingsTtlSeconds": -1}})",
                    "retry.unavailableOfferingsTtlSeconds: must be >= 0, got -1"},
        BadScenario{R"({"retry": {"retryPreferredFirst": "yes"}})",
                    R"(retry.retryPreferredFirst: must be true or false, got "yes")"},
        BadScenario{
            R"({"retry": {"quotaExceededAction": "wait"}})",
            R"(retry.quotaExceededAction: must be one of fail-tuning-job, skip-configuration; got "wait")"},
        // spot
        BadScenario{R"({"spot": []})", "spot: must be an object, got array"},
        BadScenario{R"({"spot": {"capacity": 1}})", "spot.capacity: unknown member"},
        BadScenario{R"({"spot": {"capacityPerZone": -1}})",
                    "spot.capacityPerZone: must be >= 0, got -1"},
        BadScenario{R"({"spot": {"pools": [{"instanceType": "ml.foo", "capacity": 1}]}})",
                    "spot.pools[0].instanceType: unknown instance type 'ml.foo'"},
        BadScenario{
            R"({"spot": {"interruptionFrequency": "often"}})",
            R"(spot.interruptionFrequency: must be one of <5%, 5-10%, 10-15%, 15-20%, >20%; got "often")"},
        BadScenario{R"({"spot": {"instanceTypes": []}})",
                    "spot.instanceTypes: must be an object, got array"},
        BadScenario{
            R"({"spot": {"instanceTypes": {"ml.foo.xlarge": {"hazardPerHour": 1}}}})",
            R"(spot.instanceTypes["ml.foo.xlarge"]: unknown instance type 'ml.foo.xlarge')"},
        BadScenario{
            R"({"spot": {"instanceTypes": {"ml.p3.2xlarge": {}}}})",
            R"(spot.instanceTypes["ml.p3.2xlarge"]: must give interruptionFrequency or hazardPerHour)"},
        BadScenario{
            R"({"spot": {"instanceTypes": {"ml.p3.2xlarge": {"interruptionFrequency": "<5%", "hazardPerHour": 1}}}})",
            R"(spot.instanceTypes["ml.p3.2xlarge"].hazardPerHour: give interruptionFrequency or hazardPerHour, not both)"},
        BadScenario{R"({"spot": {"instanceTypes": {"ml.p3.2xlarge": {"hazardPerHour": -1}}}})",
                    R"(spot.instanceTypes["ml.p3.2xlarge"].hazardPerHour: must be >= 0, got -1)"},
        BadScenario{R"({"spot": {"storms": [{"startSeconds": 0, "durationSeconds": 10}]}})",
                    "spot.storms[0].stormMultiplier: required member is missing"},
        BadScenario{
            R"({"spot": {"storms": [{"startSeconds": 0, "durationSeconds": 0, "stormMultiplier": 2}]}})",
            "spot.storms[0].durationSeconds: must be > 0, got 0"},
        BadScenario{
            R"({"spot": {"storms": [{"startSeconds": 0, "durationSeconds": 10, "stormMultiplier": 2, "availabilityZones": ["us-east-1d"]}]}})",
            "spot.storms[0].availabilityZones[0]: availability zone 'us-east-1d' is not listed in "
            "zones"},
        // demand
        BadScenario{R"({"demand": true})", "demand: must be an object, got true"},
        BadScenario{R"({"demand": {"targetUtilization": 1.5}})",
                    "demand.targetUtilization: must be within [0, 1], got 1.5"},
        BadScenario{R"({"demand": {"stepSeconds": 0}})", "demand.stepSeconds: must be > 0, got 0"},
        BadScenario{R"({"demand": {"halfLifeSeconds": -5}})",
                    "demand.halfLifeSeconds: must be > 0, got -5"},
        BadScenario{R"({"demand": {"dailyCycle": {"peakHour": 25}}})",
                    "demand.dailyCycle.peakHour: must be within [0, 24], got 25"},
        BadScenario{R"({"demand": {"dailyCycle": {"phase": 1}}})",
                    "demand.dailyCycle.phase: unknown member"},
        BadScenario{R"({"demand": {"instanceTypes": {"ml.p3.2xlarge": {"stepSeconds": 5}}}})",
                    R"(demand.instanceTypes["ml.p3.2xlarge"].stepSeconds: unknown member)"},
        BadScenario{
            R"({"demand": {"instanceTypes": {"ml.p3.2xlarge": {"volatility": -0.1}}}})",
            R"(demand.instanceTypes["ml.p3.2xlarge"].volatility: must be within [0, 1], got -0.1)"},
        // faults
        BadScenario{R"({"faults": {}})", "faults: must be an array, got object"},
        BadScenario{R"({"faults": [{"id": "x"}]})",
                    "faults[0].percentage: required member is missing"},
        BadScenario{R"({"faults": [{"percentage": 101}]})",
                    "faults[0].percentage: must be within [0, 100], got 101"},
        BadScenario{R"({"faults": [{"id": "a", "percentage": 1}, {"id": "a", "percentage": 2}]})",
                    "faults[1].id: duplicate fault id 'a' (first at faults[0])"},
        BadScenario{R"({"faults": [{"id": "", "percentage": 1}]})",
                    "faults[0].id: must not be empty"},
        BadScenario{
            R"({"faults": [{"percentage": 1, "instanceTypes": ["ml.m5.large", "ml.bad.x"]}]})",
            "faults[0].instanceTypes[1]: unknown instance type 'ml.bad.x'"},
        BadScenario{R"({"faults": [{"percentage": 1, "availabilityZones": "us-east-1a"}]})",
                    R"(faults[0].availabilityZones: must be an array, got "us-east-1a")"},
        BadScenario{R"({"faults": [{"percentage": 1, "durationSeconds": 0}]})",
                    "faults[0].durationSeconds: must be > 0, got 0"},
        BadScenario{R"({"faults": [{"percentage": 1, "target": "x"}]})",
                    "faults[0].target: unknown member"},
        // quotas
        BadScenario{R"({"quotas": {"default": -1}})",
                    "quotas.default: must be null or an integer >= 0, got -1"},
        BadScenario{R"({"quotas": {"default": "none"}})",
                    R"(quotas.default: must be null or an integer >= 0, got "none")"},
        BadScenario{
            R"({"quotas": {"instanceTypes": {"ml.p3.2xlarge": 1.5}}})",
            R"(quotas.instanceTypes["ml.p3.2xlarge"]: must be null or an integer >= 0, got 1.5)"},
        BadScenario{R"({"quotas": {"instanceTypes": {"p3": 1}}})",
                    R"(quotas.instanceTypes["p3"]: unknown instance type 'p3')"},
        BadScenario{R"({"quotas": {"limits": {}}})", "quotas.limits: unknown member"},
        BadScenario{R"({"quotas": {"tuning": {"maxConcurrentTuningJobs": 0}}})",
                    "quotas.tuning.maxConcurrentTuningJobs: must be >= 1, got 0"},
        BadScenario{R"({"quotas": {"tuning": {"maxJobs": 5}}})", "quotas.tuning.maxJobs: unknown member"}));

TEST_F(ParseScenario, InvalidJsonIsAnErrorNotAThrow) {
  EXPECT_TRUE(scenario_error("{\"name\": ", catalog()).starts_with("invalid JSON: "));
  EXPECT_TRUE(scenario_error("", catalog()).starts_with("invalid JSON: "));
}

}  // namespace
}  // namespace capacity_model
