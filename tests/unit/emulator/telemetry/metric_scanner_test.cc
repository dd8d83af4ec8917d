#include "emulator/telemetry/metric_scanner.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace emulator::telemetry {
namespace {

// The regex AWS gives built-in XGBoost for <set>:<metric> (training-contract.md §4.4).
std::string xgboost_regex(const std::string& set, const std::string& metric) {
  return ".*\\[[0-9]+\\].*#011" + set + "-" + metric + ":([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*";
}

MetricScanner scanner(const std::vector<MetricDefinition>& definitions) {
  auto made = MetricScanner::make(definitions);
  if (!made) {
    ADD_FAILURE() << made.error();
    return std::move(*MetricScanner::make({}));
  }
  return std::move(*made);
}

// The value `regex` finds on `line`, or nothing.
std::optional<double> value_on(const std::string& regex, const std::string& line) {
  MetricScanner s = scanner({{"m", regex}});
  const std::vector<MetricDataPoint> points = s.scan(line);
  if (points.empty()) return std::nullopt;
  return points.front().value;
}

TEST(MetricScanner, BuiltInXgboostRegexSeesTabsAsCloudWatchStoresThem) {
  MetricScanner s = scanner(
      {{"validation:rmse", xgboost_regex("validation", "rmse")}, {"train:rmse", xgboost_regex("train", "rmse")}});
  const std::vector<MetricDataPoint> points = s.scan("[12]\ttrain-rmse:0.12300\tvalidation-rmse:0.45600");
  ASSERT_EQ(points.size(), 2u);  // definition order, not line order
  EXPECT_EQ(points[0].name, "validation:rmse");
  EXPECT_DOUBLE_EQ(points[0].value, 0.456);
  EXPECT_EQ(points[1].name, "train:rmse");
  EXPECT_DOUBLE_EQ(points[1].value, 0.123);
  EXPECT_TRUE(s.scan("[13] validation-rmse:0.4").empty());  // no TAB, no "#011"
}

TEST(MetricScanner, SearchesMidLineWithLazyGroups) {
  EXPECT_EQ(value_on("Loss = (.*?);", "epoch 3: Loss = 0.25; accuracy = 0.9"), 0.25);
  EXPECT_EQ(value_on("val_loss=([0-9\\.]+)", "step 7 val_loss=1.5e3"), 1.5);
  EXPECT_EQ(value_on("acc: (\\S+)", "acc: -2.5E-3 done"), -2.5e-3);
}

TEST(MetricScanner, WholeMatchWhenTheRegexHasNoGroup) { EXPECT_EQ(value_on("[0-9]+\\.[0-9]+", "took 3.5 s"), 3.5); }

TEST(MetricScanner, CapturesThatAreNotNumbersGiveNoDataPoint) {
  EXPECT_EQ(value_on("F1=(.*?)", "F1=0.9"), std::nullopt);  // the lazy group captures nothing
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=abc"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=0.5x"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=nan"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=inf"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=-Infinity"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=1e400"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=0x10"), std::nullopt);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=+-1"), std::nullopt);
  EXPECT_EQ(value_on("(?:a=([0-9]+))|(?:b=([0-9]+))", "b=3"), std::nullopt);  // group 1 took no part
}

TEST(MetricScanner, NumbersAreReadLeniently) {
  EXPECT_EQ(value_on("loss=(.*);", "loss=  0.5  ;"), 0.5);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=+1.5"), 1.5);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=.5"), 0.5);
  EXPECT_EQ(value_on("loss=(\\S*)", "loss=7"), 7.0);
}

TEST(MetricScanner, ADefinitionThatMatchesNothingGivesNoPoint) {
  MetricScanner s = scanner({{"train:loss", "loss=([0-9.]+)"}, {"never", "never=([0-9.]+)"}});
  const auto points = s.scan("loss=1.19876");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].name, "train:loss");
  EXPECT_EQ(points[0].value, 1.19876);
  EXPECT_TRUE(s.scan("nothing here").empty());
}

TEST(MetricScanner, RefusesARegexThatDoesNotCompileNamingItsMetric) {
  auto made = MetricScanner::make({{"ok", "a=([0-9]+)"}, {"validation:loss", "loss=([0-9"}});
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().find("'validation:loss'"), std::string::npos) << made.error();
}

TEST(MetricScanner, EscapesControlCharactersLikeCloudWatch) {
  EXPECT_EQ(escape_like_cloudwatch("a\tb\x01"
                                   "c\x7f\r\x1b[0m"),
            "a#011b#001c#177#015#033[0m");
  EXPECT_EQ(escape_like_cloudwatch("caf\xC3\xA9 #011"), "caf\xC3\xA9 #011");  // UTF-8 and '#' untouched
  EXPECT_EQ(value_on("\\t([0-9]+)", "a\t5"), std::nullopt);                   // regexes never see a TAB
  EXPECT_EQ(value_on("#033\\[1mloss=([0-9]+)", "\x1b[1mloss=5"), 5.0);
}

TEST(MetricScanner, LongLinesAreCutBeforeMatching) {
  const std::string padding(kMaxScannedLineBytes, 'x');
  EXPECT_EQ(value_on("loss=([0-9]+)", "loss=4 " + padding), 4.0);
  EXPECT_EQ(value_on("loss=([0-9]+)", padding + " loss=4"), std::nullopt);
  // Escaping grows the text: the cut applies to what the regexes would see.
  EXPECT_EQ(value_on("loss=([0-9]+)", std::string(kMaxScannedLineBytes / 4, '\t') + "loss=4"), std::nullopt);
}

TEST(MetricScanner, RunawayBacktrackingGivesNoDataPoint) {
  EXPECT_EQ(value_on("(a+)+b([0-9])", std::string(64, 'a') + "c1"), std::nullopt);
}

}  // namespace
}  // namespace emulator::telemetry
