#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capacity_model/scenario_json.h"
#include "tests/unit/capacity_model/fixture_files.h"

namespace capacity_model {
namespace {

using namespace fixture_files;
using std::chrono::seconds;

// sagemaker-api.md Appendix A, in model order.
const std::vector<std::string> kAppendixA = {
    "ml.m4.xlarge",     "ml.m4.2xlarge",         "ml.m4.4xlarge",    "ml.m4.10xlarge",      "ml.m4.16xlarge",
    "ml.g4dn.xlarge",   "ml.g4dn.2xlarge",       "ml.g4dn.4xlarge",  "ml.g4dn.8xlarge",     "ml.g4dn.12xlarge",
    "ml.g4dn.16xlarge", "ml.m5.large",           "ml.m5.xlarge",     "ml.m5.2xlarge",       "ml.m5.4xlarge",
    "ml.m5.12xlarge",   "ml.m5.24xlarge",        "ml.c4.xlarge",     "ml.c4.2xlarge",       "ml.c4.4xlarge",
    "ml.c4.8xlarge",    "ml.p2.xlarge",          "ml.p2.8xlarge",    "ml.p2.16xlarge",      "ml.p3.2xlarge",
    "ml.p3.8xlarge",    "ml.p3.16xlarge",        "ml.p3dn.24xlarge", "ml.p4d.24xlarge",     "ml.p4de.24xlarge",
    "ml.p5.48xlarge",   "ml.p5e.48xlarge",       "ml.p5en.48xlarge", "ml.c5.xlarge",        "ml.c5.2xlarge",
    "ml.c5.4xlarge",    "ml.c5.9xlarge",         "ml.c5.18xlarge",   "ml.c5n.xlarge",       "ml.c5n.2xlarge",
    "ml.c5n.4xlarge",   "ml.c5n.9xlarge",        "ml.c5n.18xlarge",  "ml.g5.xlarge",        "ml.g5.2xlarge",
    "ml.g5.4xlarge",    "ml.g5.8xlarge",         "ml.g5.16xlarge",   "ml.g5.12xlarge",      "ml.g5.24xlarge",
    "ml.g5.48xlarge",   "ml.g6.xlarge",          "ml.g6.2xlarge",    "ml.g6.4xlarge",       "ml.g6.8xlarge",
    "ml.g6.16xlarge",   "ml.g6.12xlarge",        "ml.g6.24xlarge",   "ml.g6.48xlarge",      "ml.g6e.xlarge",
    "ml.g6e.2xlarge",   "ml.g6e.4xlarge",        "ml.g6e.8xlarge",   "ml.g6e.16xlarge",     "ml.g6e.12xlarge",
    "ml.g6e.24xlarge",  "ml.g6e.48xlarge",       "ml.trn1.2xlarge",  "ml.trn1.32xlarge",    "ml.trn1n.32xlarge",
    "ml.trn2.48xlarge", "ml.m6i.large",          "ml.m6i.xlarge",    "ml.m6i.2xlarge",      "ml.m6i.4xlarge",
    "ml.m6i.8xlarge",   "ml.m6i.12xlarge",       "ml.m6i.16xlarge",  "ml.m6i.24xlarge",     "ml.m6i.32xlarge",
    "ml.c6i.xlarge",    "ml.c6i.2xlarge",        "ml.c6i.8xlarge",   "ml.c6i.4xlarge",      "ml.c6i.12xlarge",
    "ml.c6i.16xlarge",  "ml.c6i.24xlarge",       "ml.c6i.32xlarge",  "ml.r5d.large",        "ml.r5d.xlarge",
    "ml.r5d.2xlarge",   "ml.r5d.4xlarge",        "ml.r5d.8xlarge",   "ml.r5d.12xlarge",     "ml.r5d.16xlarge",
    "ml.r5d.24xlarge",  "ml.t3.medium",          "ml.t3.large",      "ml.t3.xlarge",        "ml.t3.2xlarge",
    "ml.r5.large",      "ml.r5.xlarge",          "ml.r5.2xlarge",    "ml.r5.4xlarge",       "ml.r5.8xlarge",
    "ml.r5.12xlarge",   "ml.r5.16xlarge",        "ml.r5.24xlarge",   "ml.p6-b200.48xlarge", "ml.m7i.large",
    "ml.m7i.xlarge",    "ml.m7i.2xlarge",        "ml.m7i.4xlarge",   "ml.m7i.8xlarge",      "ml.m7i.12xlarge",
    "ml.m7i.16xlarge",  "ml.m7i.24xlarge",       "ml.m7i.48xlarge",  "ml.c7i.large",        "ml.c7i.xlarge",
    "ml.c7i.2xlarge",   "ml.c7i.4xlarge",        "ml.c7i.8xlarge",   "ml.c7i.12xlarge",     "ml.c7i.16xlarge",
    "ml.c7i.24xlarge",  "ml.c7i.48xlarge",       "ml.r7i.large",     "ml.r7i.xlarge",       "ml.r7i.2xlarge",
    "ml.r7i.4xlarge",   "ml.r7i.8xlarge",        "ml.r7i.12xlarge",  "ml.r7i.16xlarge",     "ml.r7i.24xlarge",
    "ml.r7i.48xlarge",  "ml.p6e-gb200.36xlarge", "ml.p5.4xlarge",    "ml.p6-b300.48xlarge", "ml.g7e.2xlarge",
    "ml.g7e.4xlarge",   "ml.g7e.8xlarge",        "ml.g7e.12xlarge",  "ml.g7e.24xlarge",     "ml.g7e.48xlarge"};

std::string catalog_error(std::string_view text) {
  const auto parsed = parse_catalog(text);
  return parsed ? "(parsed)" : parsed.error().message;
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
    const bool accelerated =
        spec.family.starts_with("p") || spec.family.starts_with("g") || spec.family.starts_with("trn");
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
  ASSERT_TRUE(parsed);
  const InstanceSpec* spec = parsed->find("ml.a.b");
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
  EXPECT_EQ(catalog_error(R"({"instanceTypes": []})"), "instanceTypes: must list at least one instance type");
  EXPECT_EQ(catalog_error(R"({"instanceTypes": {}})"), "instanceTypes: must be an array, got object");
  EXPECT_EQ(catalog_error(R"({"note": 1, "instanceTypes": []})"), "note: must be a string, got 1");
  EXPECT_EQ(catalog_error(R"({"types": []})"), "types: unknown member");
  EXPECT_EQ(catalog_error(R"({"instanceTypes": [{"name": "ml.m5.xlarge"}]})"),
            "instanceTypes[0].vcpus: required member is missing");
  EXPECT_EQ(catalog_error(catalog_with("arch", "x86")), "instanceTypes[0].arch: unknown member");
  EXPECT_EQ(catalog_error(catalog_with("name", "m5.xlarge")),
            "instanceTypes[0].name: 'm5.xlarge' is not of the form ml.<family>.<size>");
  EXPECT_EQ(catalog_error(catalog_with("vcpus", 0)), "instanceTypes[0].vcpus: must be >= 1, got 0");
  EXPECT_EQ(catalog_error(catalog_with("vcpus", "4")), "instanceTypes[0].vcpus: must be an integer, got \"4\"");
  EXPECT_EQ(catalog_error(catalog_with("memoryGiB", 0)), "instanceTypes[0].memoryGiB: must be > 0, got 0");
  EXPECT_EQ(catalog_error(catalog_with("gpus", -1)), "instanceTypes[0].gpus: must be >= 0, got -1");
  EXPECT_EQ(catalog_error(catalog_with("pricePerHour", -1)), "instanceTypes[0].pricePerHour: must be >= 0, got -1");
  EXPECT_EQ(catalog_error(catalog_with("speed", 0)), "instanceTypes[0].speed: must be > 0, got 0");
  EXPECT_TRUE(catalog_error("{").starts_with("invalid JSON: "));
}

TEST(ParseCatalog, RejectsDuplicateNames) {
  auto root = nlohmann::json::parse(catalog_with("name", "ml.a.b"));
  root["instanceTypes"].push_back(root["instanceTypes"][0]);
  EXPECT_EQ(catalog_error(root.dump()),
            "instanceTypes[1].name: duplicate instance type 'ml.a.b' (first at instanceTypes[0])");
}

}  // namespace
}  // namespace capacity_model
