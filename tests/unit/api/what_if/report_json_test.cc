#include "api/what_if/report_json.h"

#include <gtest/gtest.h>

namespace api::what_if {
namespace {

using emulator::what_if::Report;
using emulator::what_if::RunRecord;

Report sample() {
  RunRecord a;
  a.seed = 4;
  a.status = "Completed";
  a.duration_seconds = 553.1015;
  a.cost = 0.1 + 0.2;  // a double whose shortest form has 17 digits
  a.children = 10;
  a.best_objective = 0.9630019227899854;
  a.children_by_type = {{"ml.m5.4xlarge", 10}};
  a.ice_by_type = {{"ml.m4.xlarge", 10}};
  a.fallbacks_by_type = {{"ml.m5.4xlarge", 10}};
  RunRecord b;
  b.seed = 6;
  b.status = "Failed";
  b.failure_reason = "No training job succeeded after 5 attempts.";
  b.children = 5;
  b.failed_children = 5;
  return Report{"s.json", "0123456789abcdef", 4, 3, {0, 2}, {{"r.json", "fedcba9876543210", {a, b}}}};
}

TEST(ReportJson, RoundTripsToTheSameBytes) {
  const auto text = report_json(sample());
  const auto back = parse_report_json(text);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->sections[0].runs, sample().sections[0].runs);
  EXPECT_EQ(back->shard, sample().shard);
  EXPECT_EQ(report_json(*back), text);
}

TEST(ReportJson, CarriesTheSummaryOfItsRuns) {
  const auto text = report_json(sample());
  EXPECT_NE(text.find("\"completionProbability\""), std::string::npos);
  EXPECT_NE(text.find("\"completed\": 1,"), std::string::npos);
  EXPECT_NE(text.find("\"cost\": 0.30000000000000004"), std::string::npos);
}

TEST(ReportJson, RefusesWhatIsNotAWhatIfResult) {
  EXPECT_EQ(parse_report_json("[1,").error(), "not JSON");
  EXPECT_EQ(parse_report_json("{}").error(), "not a what-if result (its \"format\" is not \"amt-emulator-what-if/1\")");
  EXPECT_EQ(
      parse_report_json(R"({"format":"amt-emulator-what-if/1"})").error().rfind("a what-if result with a missing", 0),
      0u);
}

}  // namespace
}  // namespace api::what_if
