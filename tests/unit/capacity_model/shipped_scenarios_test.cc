// Every file in fixtures/scenarios parses, builds every model, plays what its description
// says, and the schema describes exactly what the parser reads.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/demand.h"
#include "capacity_model/faults.h"
#include "capacity_model/pool.h"
#include "capacity_model/quotas.h"
#include "capacity_model/scenario_json.h"
#include "capacity_model/schedule.h"
#include "capacity_model/spot.h"
#include "tests/support/nonempty.h"
#include "tests/unit/capacity_model/fixture_files.h"

namespace capacity_model {
namespace {

using namespace fixture_files;

// ---- shipped scenarios -----------------------------------------------------------------

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kFixtures / "scenarios")) {
    const fs::path& p = entry.path();
    if (p.extension() == ".json" && p.filename() != "scenario.schema.json") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ShippedScenarios, EveryFileParsesAndBuildsAPool) {
  const Catalog catalog = real_catalog();
  const auto files = shipped_scenarios();
  EXPECT_GE(files.size(), 2u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const Scenario s = parse_ok(read_text(file), catalog);
    EXPECT_EQ(s.name, file.stem().string()) << "a scenario is named after its file";
    EXPECT_FALSE(s.description.empty());
    const RegionalPool pool(catalog, s.region, s.zones, s.default_capacity_per_zone, s.pools);
    EXPECT_EQ(pool.usage().size(), catalog.all().size() * s.zones.size());
  }
}

TEST(ShippedScenarios, DefaultHasPlentyOfCapacity) {
  const Catalog catalog = real_catalog();
  const Scenario s = parse_ok(read_text(kFixtures / "scenarios" / "default.json"), catalog);
  EXPECT_TRUE(s.pools.empty());
  EXPECT_TRUE(s.changes.empty());
  RegionalPool pool(catalog, s.region, s.zones, s.default_capacity_per_zone, s.pools);
  for (const auto& spec : catalog.all()) {
    EXPECT_TRUE(std::holds_alternative<Granted>(pool.allocate(spec.name, 10))) << spec.name;
  }
}

TEST(ShippedScenarios, BlogFallbackHasNoM4XlargeAnywhere) {
  const Catalog catalog = real_catalog();
  const Scenario s = parse_ok(read_text(kFixtures / "scenarios" / "blog-fallback.json"), catalog);
  RegionalPool pool(catalog, s.region, s.zones, s.default_capacity_per_zone, s.pools);
  for (const auto& u : test_support::nonempty(pool.usage_of("ml.m4.xlarge"))) EXPECT_EQ(u.capacity, 0) << u.zone;
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(pool.allocate("ml.m4.xlarge", 1)));
  EXPECT_TRUE(std::holds_alternative<Granted>(pool.allocate("ml.m5.xlarge", 1)));
}

// The pool the emulator builds from a scenario: on-demand and spot defaults and overrides.
RegionalPool pool_for(const Catalog& catalog, const Scenario& s) {
  std::vector<PoolCapacity> overrides = s.pools;
  overrides.insert(overrides.end(), s.spot.pools.begin(), s.spot.pools.end());
  return RegionalPool(catalog, s.region, s.zones, s.default_capacity_per_zone, overrides,
                      s.spot.default_capacity_per_zone.value_or(s.default_capacity_per_zone));
}

Scenario shipped(const Catalog& catalog, const std::string& name) {
  return parse_ok(read_text(kFixtures / "scenarios" / (name + ".json")), catalog);
}

// Applies every step of the schedule at or before t (the emulator does it event by event).
void run_schedule_until(const CapacitySchedule& schedule, RegionalPool& pool, Millis t) {
  for (auto next = schedule.first_change(); next && *next <= t;
       next = schedule.next_change_after(*next)) {
    for (const auto& step : schedule.changes_at(*next)) EXPECT_TRUE(pool.apply(step));
  }
}

TEST(ShippedScenarios, TheLibraryIsComplete) {
  std::set<std::string> names;
  for (const auto& file : shipped_scenarios()) names.insert(file.stem().string());
  for (const char* name : {"default", "plenty", "blog-fallback", "gpu-crunch", "zone-outage",
                           "spot-storm", "quota-tight"}) {
    EXPECT_TRUE(names.contains(name)) << name;
  }
}

TEST(ShippedScenarios, EveryFileBuildsEveryModel) {
  const Catalog catalog = real_catalog();
  for (const auto& file : shipped_scenarios()) {
    SCOPED_TRACE(file.string());
    const Scenario s = parse_ok(read_text(file), catalog);
    RegionalPool pool = pool_for(catalog, s);
    const CapacitySchedule schedule(s.changes);
    run_schedule_until(schedule, pool, std::chrono::hours(48));
    const FaultBook faults(s.faults);
    EXPECT_EQ(faults.list().size(), s.faults.size());
    BackgroundDemand demand(s.demand, pool.keys());
    std::mt19937_64 rng(s.seed.value_or(0));
    demand.advance_to(std::chrono::hours(1), rng);
    demand.apply_to(pool);
    for (const auto& u : test_support::nonempty(pool.usage(CapacityType::Spot))) EXPECT_LE(u.demand, u.capacity);
    const SpotInterruptions spot(s.spot);
    EXPECT_GT(spot.base_hazard_per_hour("ml.m5.xlarge"), 0);
    const QuotaBook quotas(s.quotas);
    EXPECT_EQ(quotas.utilization("111122223333", "ml.m5.xlarge"), 0);
  }
}

TEST(ShippedScenarios, PlentyNeverRunsShort) {
  const Catalog catalog = real_catalog();
  const Scenario s = shipped(catalog, "plenty");
  EXPECT_FALSE(s.demand.enabled);
  EXPECT_TRUE(s.faults.empty() && s.changes.empty());
  RegionalPool pool = pool_for(catalog, s);
  for (const auto& spec : catalog.all()) {
    for (CapacityType market : kCapacityTypes) {
      EXPECT_TRUE(std::holds_alternative<Granted>(pool.allocate(spec.name, 100, market)))
          << spec.name;
    }
  }
}

TEST(ShippedScenarios, ZoneOutageTakesUsEast1aDownFrom600To2400Seconds) {
  const Catalog catalog = real_catalog();
  const Scenario s = shipped(catalog, "zone-outage");
  const CapacitySchedule schedule(s.changes);
  auto capacity_at = [&](Millis t, std::string_view type, std::string_view zone,
                         CapacityType market) {
    RegionalPool pool = pool_for(catalog, s);
    run_schedule_until(schedule, pool, t);
    return pool.usage_of(type, zone, market)->capacity;
  };
  using std::chrono::seconds;
  for (CapacityType market : kCapacityTypes) {
    EXPECT_EQ(capacity_at(Millis{599999}, "ml.p3.2xlarge", "us-east-1a", market), 4);
    EXPECT_EQ(capacity_at(seconds(600), "ml.p3.2xlarge", "us-east-1a", market), 0);
    EXPECT_EQ(capacity_at(seconds(600), "ml.m5.xlarge", "us-east-1a", market), 0);
    EXPECT_EQ(capacity_at(seconds(600), "ml.m5.xlarge", "us-east-1b", market), 4);
    EXPECT_EQ(capacity_at(Millis{2399999}, "ml.m5.xlarge", "us-east-1a", market), 0);
    EXPECT_EQ(capacity_at(seconds(2400), "ml.m5.xlarge", "us-east-1a", market), 4);
  }
}

TEST(ShippedScenarios, GpuCrunchKeepsGpusScarceWithADailyCycle) {
  const Catalog catalog = real_catalog();
  const Scenario s = shipped(catalog, "gpu-crunch");
  ASSERT_TRUE(s.demand.enabled);
  for (const char* type : {"ml.p3.2xlarge", "ml.p4d.24xlarge", "ml.g5.xlarge", "ml.g5.48xlarge"}) {
    ASSERT_TRUE(s.demand.instance_types.contains(type)) << type;
    EXPECT_GT(s.demand.instance_types.at(type).daily.amplitude, 0) << type;
  }
  EXPECT_EQ(s.retry.unavailable_offerings_ttl, std::chrono::seconds(180));
  RegionalPool pool = pool_for(catalog, s);
  EXPECT_EQ(pool.usage_of("ml.p4d.24xlarge", "us-east-1b", CapacityType::OnDemand)->capacity, 0);
  EXPECT_EQ(pool.usage_of("ml.p4d.24xlarge", "us-east-1a", CapacityType::OnDemand)->capacity, 2);
  BackgroundDemand demand(s.demand, pool.keys());
  std::mt19937_64 rng(1);
  // Afternoon demand on p3 is higher than night demand, on average over a week.
  double night = 0, afternoon = 0;
  for (int day = 0; day < 7; ++day) {
    const Millis midnight = std::chrono::hours(24 * day);
    demand.advance_to(midnight + std::chrono::hours(3), rng);
    demand.apply_to(pool);
    night += pool.usage_of("ml.p3.2xlarge", "us-east-1a", CapacityType::OnDemand)->demand;
    demand.advance_to(midnight + std::chrono::hours(15), rng);
    demand.apply_to(pool);
    afternoon += pool.usage_of("ml.p3.2xlarge", "us-east-1a", CapacityType::OnDemand)->demand;
  }
  EXPECT_GT(afternoon, night);
  const FaultBook faults(s.faults);
  ASSERT_EQ(faults.list().size(), 1u);
  EXPECT_EQ(faults.list()[0].percentage, 30);
  EXPECT_EQ(faults.next_change_after(Millis{0}), std::chrono::hours(2));
}

TEST(ShippedScenarios, SpotStormMultipliesHazardAndShrinksP3Spot) {
  const Catalog catalog = real_catalog();
  const Scenario s = shipped(catalog, "spot-storm");
  const SpotInterruptions spot(s.spot);
  using std::chrono::seconds;
  const double calm = spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", seconds(1799));
  EXPECT_DOUBLE_EQ(calm, hazard_per_hour(InterruptionFrequency::Over20Percent));
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", seconds(1800)), 5000 * calm);
  EXPECT_DOUBLE_EQ(spot.hazard_per_hour("ml.p3.2xlarge", "us-east-1a", seconds(5400)), calm);
  RegionalPool pool = pool_for(catalog, s);
  const CapacitySchedule schedule(s.changes);
  run_schedule_until(schedule, pool, seconds(1800));
  EXPECT_EQ(pool.usage_of("ml.p3.2xlarge", "us-east-1c", CapacityType::Spot)->capacity, 1);
  EXPECT_EQ(pool.usage_of("ml.p3.2xlarge", "us-east-1c", CapacityType::OnDemand)->capacity, 16);
  run_schedule_until(schedule, pool, seconds(5400));
  EXPECT_EQ(pool.usage_of("ml.p3.2xlarge", "us-east-1c", CapacityType::Spot)->capacity, 8);
}

TEST(ShippedScenarios, QuotaTightRefusesP3WithSageMakersText) {
  const Catalog catalog = real_catalog();
  const Scenario s = shipped(catalog, "quota-tight");
  EXPECT_EQ(s.retry.quota_exceeded_action, QuotaExceededAction::SkipConfiguration);
  const QuotaBook quotas(s.quotas);
  const auto exceeded = quotas.check("111122223333", "ml.p3.2xlarge", 1);
  ASSERT_TRUE(exceeded);
  EXPECT_EQ(quota_exceeded_message(*exceeded),
            "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 "
            "Instances, with current utilization of 0 Instances and a request delta of 1 "
            "Instances. Please contact AWS support to request an increase for this limit.");
  EXPECT_EQ(quotas.limit("ml.g5.xlarge"), 2);
  EXPECT_EQ(quotas.limit("ml.c5.xlarge"), std::nullopt);
}

// Walks `value` and the schema node describing it. A record (schema "properties") must be
// closed and, when `exact`, name exactly the value's members; a map keyed by instance type
// (schema "propertyNames") has records whose members together must be exactly the schema's.
void expect_schema_matches(const nlohmann::json& root, const nlohmann::json& node_in,
                           const nlohmann::json& value, const std::string& path,
                           bool exact = true) {
  using nlohmann::json;
  auto resolve = [&](const json& node) -> const json& {
    const json* n = &node;
    while (n->contains("$ref")) {
      const std::string ref = n->at("$ref").get<std::string>();
      EXPECT_TRUE(ref.starts_with("#/$defs/")) << path;
      n = &root.at("$defs").at(ref.substr(8));
    }
    return *n;
  };
  auto keys = [](const json& object) {
    std::set<std::string> out;
    for (const auto& item : object.items()) out.insert(item.key());
    return out;
  };
  const json& node = resolve(node_in);
  if (value.is_array()) {
    ASSERT_TRUE(node.contains("items")) << path;
    ASSERT_FALSE(value.empty()) << path << ": give one element so it is checked";
    for (std::size_t i = 0; i < value.size(); ++i) {
      expect_schema_matches(root, node.at("items"), value[i], path + "[" + std::to_string(i) + "]");
    }
    return;
  }
  if (!value.is_object()) return;
  if (node.contains("properties")) {
    EXPECT_EQ(node.value("additionalProperties", json(true)), false) << path;
    const auto described = keys(node.at("properties"));
    if (exact) {
      EXPECT_EQ(described, keys(value)) << path;
    } else {
      for (const auto& key : keys(value))
        EXPECT_TRUE(described.contains(key)) << path << "." << key;
    }
    for (const auto& item : value.items()) {
      if (node.at("properties").contains(item.key())) {
        expect_schema_matches(root, node.at("properties").at(item.key()), item.value(),
                              path + "." + item.key());
      }
    }
    return;
  }
  ASSERT_TRUE(node.contains("propertyNames")) << path << ": neither a record nor a map";
  const json& entry = resolve(node.at("additionalProperties"));
  std::set<std::string> used;
  for (const auto& item : value.items()) {
    expect_schema_matches(root, entry, item.value(), path + "[\"" + item.key() + "\"]", false);
    if (item.value().is_object()) used.merge(keys(item.value()));
  }
  if (entry.contains("properties")) {
    EXPECT_EQ(keys(entry.at("properties")), used) << path;
  }
}

// Every member the schema describes is one the parser reads, and the other way round.
TEST(ShippedScenarios, SchemaDescribesExactlyTheParsedMembers) {
  using nlohmann::json;
  const json schema = json::parse(read_text(kFixtures / "scenarios" / "scenario.schema.json"));
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  parse_ok(kEveryMember, real_catalog());
  expect_schema_matches(schema, schema, json::parse(kEveryMember), "(root)");
}

TEST(ShippedScenarios, EverySchemaMemberHasADescription) {
  using nlohmann::json;
  const json schema = json::parse(read_text(kFixtures / "scenarios" / "scenario.schema.json"));
  std::vector<std::string> missing;
  auto visit = [&](auto& self, const json& node, const std::string& path) -> void {
    if (!node.is_object()) return;
    if (node.contains("properties")) {
      for (const auto& item : node.at("properties").items()) {
        const json& member = item.value();
        const bool described =
            member.contains("description") ||
            (member.contains("$ref") && schema.at("$defs")
                                            .at(member.at("$ref").get<std::string>().substr(8))
                                            .contains("description"));
        if (!described) missing.push_back(path + "." + item.key());
        self(self, member, path + "." + item.key());
      }
    }
    for (const char* child : {"items", "additionalProperties"}) {
      if (node.contains(child)) self(self, node.at(child), path + "/" + child);
    }
  };
  visit(visit, schema, "(root)");
  for (const auto& def : schema.at("$defs").items())
    visit(visit, def.value(), "$defs." + def.key());
  EXPECT_TRUE(missing.empty()) << testing::PrintToString(missing);
}

}  // namespace
}  // namespace capacity_model
