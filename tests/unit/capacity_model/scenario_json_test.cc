#include "capacity_model/scenario_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/pool.h"

namespace capacity_model {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

const fs::path kFixtures = AMT_FIXTURES_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// sagemaker-api.md Appendix A, in model order.
const std::vector<std::string> kAppendixA = {
    "ml.m4.xlarge",          "ml.m4.2xlarge",     "ml.m4.4xlarge",       "ml.m4.10xlarge",
    "ml.m4.16xlarge",        "ml.g4dn.xlarge",    "ml.g4dn.2xlarge",     "ml.g4dn.4xlarge",
    "ml.g4dn.8xlarge",       "ml.g4dn.12xlarge",  "ml.g4dn.16xlarge",    "ml.m5.large",
    "ml.m5.xlarge",          "ml.m5.2xlarge",     "ml.m5.4xlarge",       "ml.m5.12xlarge",
    "ml.m5.24xlarge",        "ml.c4.xlarge",      "ml.c4.2xlarge",       "ml.c4.4xlarge",
    "ml.c4.8xlarge",         "ml.p2.xlarge",      "ml.p2.8xlarge",       "ml.p2.16xlarge",
    "ml.p3.2xlarge",         "ml.p3.8xlarge",     "ml.p3.16xlarge",      "ml.p3dn.24xlarge",
    "ml.p4d.24xlarge",       "ml.p4de.24xlarge",  "ml.p5.48xlarge",      "ml.p5e.48xlarge",
    "ml.p5en.48xlarge",      "ml.c5.xlarge",      "ml.c5.2xlarge",       "ml.c5.4xlarge",
    "ml.c5.9xlarge",         "ml.c5.18xlarge",    "ml.c5n.xlarge",       "ml.c5n.2xlarge",
    "ml.c5n.4xlarge",        "ml.c5n.9xlarge",    "ml.c5n.18xlarge",     "ml.g5.xlarge",
    "ml.g5.2xlarge",         "ml.g5.4xlarge",     "ml.g5.8xlarge",       "ml.g5.16xlarge",
    "ml.g5.12xlarge",        "ml.g5.24xlarge",    "ml.g5.48xlarge",      "ml.g6.xlarge",
    "ml.g6.2xlarge",         "ml.g6.4xlarge",     "ml.g6.8xlarge",       "ml.g6.16xlarge",
    "ml.g6.12xlarge",        "ml.g6.24xlarge",    "ml.g6.48xlarge",      "ml.g6e.xlarge",
    "ml.g6e.2xlarge",        "ml.g6e.4xlarge",    "ml.g6e.8xlarge",      "ml.g6e.16xlarge",
    "ml.g6e.12xlarge",       "ml.g6e.24xlarge",   "ml.g6e.48xlarge",     "ml.trn1.2xlarge",
    "ml.trn1.32xlarge",      "ml.trn1n.32xlarge", "ml.trn2.48xlarge",    "ml.m6i.large",
    "ml.m6i.xlarge",         "ml.m6i.2xlarge",    "ml.m6i.4xlarge",      "ml.m6i.8xlarge",
    "ml.m6i.12xlarge",       "ml.m6i.16xlarge",   "ml.m6i.24xlarge",     "ml.m6i.32xlarge",
    "ml.c6i.xlarge",         "ml.c6i.2xlarge",    "ml.c6i.8xlarge",      "ml.c6i.4xlarge",
    "ml.c6i.12xlarge",       "ml.c6i.16xlarge",   "ml.c6i.24xlarge",     "ml.c6i.32xlarge",
    "ml.r5d.large",          "ml.r5d.xlarge",     "ml.r5d.2xlarge",      "ml.r5d.4xlarge",
    "ml.r5d.8xlarge",        "ml.r5d.12xlarge",   "ml.r5d.16xlarge",     "ml.r5d.24xlarge",
    "ml.t3.medium",          "ml.t3.large",       "ml.t3.xlarge",        "ml.t3.2xlarge",
    "ml.r5.large",           "ml.r5.xlarge",      "ml.r5.2xlarge",       "ml.r5.4xlarge",
    "ml.r5.8xlarge",         "ml.r5.12xlarge",    "ml.r5.16xlarge",      "ml.r5.24xlarge",
    "ml.p6-b200.48xlarge",   "ml.m7i.large",      "ml.m7i.xlarge",       "ml.m7i.2xlarge",
    "ml.m7i.4xlarge",        "ml.m7i.8xlarge",    "ml.m7i.12xlarge",     "ml.m7i.16xlarge",
    "ml.m7i.24xlarge",       "ml.m7i.48xlarge",   "ml.c7i.large",        "ml.c7i.xlarge",
    "ml.c7i.2xlarge",        "ml.c7i.4xlarge",    "ml.c7i.8xlarge",      "ml.c7i.12xlarge",
    "ml.c7i.16xlarge",       "ml.c7i.24xlarge",   "ml.c7i.48xlarge",     "ml.r7i.large",
    "ml.r7i.xlarge",         "ml.r7i.2xlarge",    "ml.r7i.4xlarge",      "ml.r7i.8xlarge",
    "ml.r7i.12xlarge",       "ml.r7i.16xlarge",   "ml.r7i.24xlarge",     "ml.r7i.48xlarge",
    "ml.p6e-gb200.36xlarge", "ml.p5.4xlarge",     "ml.p6-b300.48xlarge", "ml.g7e.2xlarge",
    "ml.g7e.4xlarge",        "ml.g7e.8xlarge",    "ml.g7e.12xlarge",     "ml.g7e.24xlarge",
    "ml.g7e.48xlarge"};

Catalog real_catalog() {
  auto parsed = parse_catalog(read_text(kFixtures / "catalog" / "instance-types.json"));
  if (const auto* error = std::get_if<ParseError>(&parsed)) {
    ADD_FAILURE() << error->message;
    return Catalog({});
  }
  return std::get<Catalog>(std::move(parsed));
}

Scenario parse_ok(std::string_view text, const Catalog& catalog) {
  auto parsed = parse_scenario(text, catalog);
  if (const auto* error = std::get_if<ParseError>(&parsed)) {
    ADD_FAILURE() << error->message;
    return Scenario{};
  }
  return std::get<Scenario>(std::move(parsed));
}

std::string scenario_error(std::string_view text, const Catalog& catalog) {
  const auto parsed = parse_scenario(text, catalog);
  const auto* error = std::get_if<ParseError>(&parsed);
  return error ? error->message : "(parsed)";
}

std::string catalog_error(std::string_view text) {
  const auto parsed = parse_catalog(text);
  const auto* error = std::get_if<ParseError>(&parsed);
  return error ? error->message : "(parsed)";
}

// ---- the real catalog ------------------------------------------------------------------

TEST(CatalogFile, HoldsExactlyTheAppendixATypesInOrder) {
  const Catalog catalog = real_catalog();
  std::vector<std::string> names;
  for (const auto& spec : catalog.all()) names.push_back(spec.name);
  EXPECT_EQ(names.size(), 145u);
  EXPECT_EQ(names, kAppendixA);
}

TEST(CatalogFile, FiguresAreSane) {
  const Catalog catalog = real_catalog();
  for (const auto& spec : catalog.all()) {
    SCOPED_TRACE(spec.name);
    EXPECT_EQ(spec.family, family_of(spec.name));
    EXPECT_GT(spec.vcpus, 0);
    EXPECT_GT(spec.memory_gib, 0);
    EXPECT_GT(spec.price_per_hour, 0);
    EXPECT_GT(spec.speed, 0);
    const bool accelerated = spec.family.starts_with("p") || spec.family.starts_with("g") ||
                             spec.family.starts_with("trn");
    EXPECT_EQ(spec.gpus > 0, accelerated);
  }
  const InstanceSpec* m5 = catalog.find("ml.m5.xlarge");
  ASSERT_NE(m5, nullptr);
  EXPECT_DOUBLE_EQ(m5->speed, 1.0);
  EXPECT_EQ(m5->vcpus, 4);
  EXPECT_DOUBLE_EQ(m5->memory_gib, 16);
  const InstanceSpec* p4d = catalog.find("ml.p4d.24xlarge");
  ASSERT_NE(p4d, nullptr);
  EXPECT_EQ(p4d->gpus, 8);
  EXPECT_GT(p4d->speed, m5->speed);
  EXPECT_EQ(catalog.find("ml.p6-b200.48xlarge")->family, "p6-b200");
}

TEST(CatalogFile, NoteSaysWhatIsSynthetic) {
  const auto root = nlohmann::json::parse(read_text(kFixtures / "catalog" / "instance-types.json"));
  const std::string note = root.at("note").get<std::string>();
  EXPECT_NE(note.find("speed is synthetic"), std::string::npos);
  EXPECT_NE(note.find("approximate"), std::string::npos);
}

// ---- catalog errors ----------------------------------------------------------------------

// A one-entry catalog whose entry is valid except for `key`, set to `value`.
std::string catalog_with(const std::string& key, nlohmann::json value) {
  nlohmann::json entry = {{"name", "ml.a.b"}, {"vcpus", 4},           {"memoryGiB", 16},
                          {"gpus", 0},        {"pricePerHour", 0.23}, {"speed", 1}};
  entry[key] = std::move(value);
  return nlohmann::json{{"instanceTypes", nlohmann::json::array({entry})}}.dump();
}

TEST(ParseCatalog, ValidEntryParses) {
  const auto parsed = parse_catalog(catalog_with("speed", 2.5));
  ASSERT_TRUE(std::holds_alternative<Catalog>(parsed));
  const InstanceSpec* spec = std::get<Catalog>(parsed).find("ml.a.b");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->family, "a");
  EXPECT_EQ(spec->vcpus, 4);
  EXPECT_DOUBLE_EQ(spec->memory_gib, 16);
  EXPECT_EQ(spec->gpus, 0);
  EXPECT_DOUBLE_EQ(spec->price_per_hour, 0.23);
  EXPECT_DOUBLE_EQ(spec->speed, 2.5);
}

TEST(ParseCatalog, ReportsTheMemberPath) {
  EXPECT_EQ(catalog_error("[]"), "(root): must be an object, got array");
  EXPECT_EQ(catalog_error("{}"), "instanceTypes: required member is missing");
  EXPECT_EQ(catalog_error(R"({"instanceTypes": []})"),
            "instanceTypes: must list at least one instance type");
  EXPECT_EQ(catalog_error(R"({"instanceTypes": {}})"),
            "instanceTypes: must be an array, got object");
  EXPECT_EQ(catalog_error(R"({"note": 1, "instanceTypes": []})"), "note: must be a string, got 1");
  EXPECT_EQ(catalog_error(R"({"types": []})"), "types: unknown member");
  EXPECT_EQ(catalog_error(R"({"instanceTypes": [{"name": "ml.m5.xlarge"}]})"),
            "instanceTypes[0].vcpus: required member is missing");
  EXPECT_EQ(catalog_error(catalog_with("arch", "x86")), "instanceTypes[0].arch: unknown member");
  EXPECT_EQ(catalog_error(catalog_with("name", "m5.xlarge")),
            "instanceTypes[0].name: 'm5.xlarge' is not of the form ml.<family>.<size>");
  EXPECT_EQ(catalog_error(catalog_with("vcpus", 0)), "instanceTypes[0].vcpus: must be >= 1, got 0");
  EXPECT_EQ(catalog_error(catalog_with("vcpus", "4")),
            "instanceTypes[0].vcpus: must be an integer, got \"4\"");
  EXPECT_EQ(catalog_error(catalog_with("memoryGiB", 0)),
            "instanceTypes[0].memoryGiB: must be > 0, got 0");
  EXPECT_EQ(catalog_error(catalog_with("gpus", -1)), "instanceTypes[0].gpus: must be >= 0, got -1");
  EXPECT_EQ(catalog_error(catalog_with("pricePerHour", -1)),
            "instanceTypes[0].pricePerHour: must be >= 0, got -1");
  EXPECT_EQ(catalog_error(catalog_with("speed", 0)), "instanceTypes[0].speed: must be > 0, got 0");
  EXPECT_TRUE(catalog_error("{").starts_with("invalid JSON: "));
}

TEST(ParseCatalog, RejectsDuplicateNames) {
  auto root = nlohmann::json::parse(catalog_with("name", "ml.a.b"));
  root["instanceTypes"].push_back(root["instanceTypes"][0]);
  EXPECT_EQ(catalog_error(root.dump()),
            "instanceTypes[1].name: duplicate instance type 'ml.a.b' (first at instanceTypes[0])");
}

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
  for (const auto& u : pool.usage_of("ml.m4.xlarge")) EXPECT_EQ(u.capacity, 0) << u.zone;
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(pool.allocate("ml.m4.xlarge", 1)));
  EXPECT_TRUE(std::holds_alternative<Granted>(pool.allocate("ml.m5.xlarge", 1)));
}

// Every member the schema describes is one the parser reads, and the other way round.
TEST(ShippedScenarios, SchemaDescribesExactlyTheParsedMembers) {
  using nlohmann::json;
  const json schema = json::parse(read_text(kFixtures / "scenarios" / "scenario.schema.json"));
  const json full = json::parse(R"({
    "$schema": "./scenario.schema.json", "name": "full", "description": "every member",
    "region": "us-east-1", "zones": ["us-east-1a", "us-east-1b"],
    "defaults": {"capacityPerZone": 4},
    "pools": [{"instanceType": "ml.m5.xlarge", "availabilityZone": "us-east-1a", "capacity": 1}],
    "changes": [{"atSeconds": 60, "instanceType": "ml.m5.xlarge", "availabilityZone": "us-east-1b", "capacity": 0}],
    "retry": {"backoffSeconds": 10, "windowSeconds": 60},
    "seed": 7, "clock": {"mode": "manual", "timeScale": 60}})");
  parse_ok(full.dump(), real_catalog());

  auto keys = [](const json& object) {
    std::set<std::string> out;
    for (const auto& item : object.items()) out.insert(item.key());
    return out;
  };
  const json& props = schema.at("properties");
  EXPECT_EQ(schema.at("additionalProperties"), false);
  EXPECT_EQ(keys(props), keys(full));
  for (const std::string object : {"defaults", "retry", "clock"}) {
    EXPECT_EQ(props.at(object).at("additionalProperties"), false) << object;
    EXPECT_EQ(keys(props.at(object).at("properties")), keys(full.at(object))) << object;
  }
  for (const std::string list : {"pools", "changes"}) {
    const json& items = props.at(list).at("items");
    EXPECT_EQ(items.at("additionalProperties"), false) << list;
    EXPECT_EQ(keys(items.at("properties")), keys(full.at(list).at(0))) << list;
  }
}

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
        BadScenario{R"({"clock": {"speed": 2}})", "clock.speed: unknown member"}));

TEST_F(ParseScenario, InvalidJsonIsAnErrorNotAThrow) {
  EXPECT_TRUE(scenario_error("{\"name\": ", catalog()).starts_with("invalid JSON: "));
  EXPECT_TRUE(scenario_error("", catalog()).starts_with("invalid JSON: "));
}

}  // namespace
}  // namespace capacity_model
