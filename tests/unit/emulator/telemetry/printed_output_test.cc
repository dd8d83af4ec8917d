#include "emulator/telemetry/printed_output.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <regex>

#include "emulator/model/training_messages.h"

namespace emulator::telemetry {
namespace {

using std::chrono::seconds;

// A simulated job that prints `finals` over `epochs`, read by the definitions built-in
// algorithms come with (or by `definitions`).
model::TrainingJob planned_job(std::vector<model::MetricData> finals, int epochs,
                               std::optional<std::vector<model::MetricDefinition>> definitions = std::nullopt) {
  model::TrainingJob job;
  job.name = "job-1";
  auto spec = std::make_shared<model::TrainingJobSpec>();
  if (definitions) {
    spec->metric_definitions = std::move(*definitions);
  } else {
    for (const auto& metric : finals) spec->metric_definitions.push_back(built_in_definition(metric.metric_name));
  }
  job.spec = std::move(spec);
  job.resource = {"ml.m5.xlarge", 2, 10};
  job.output = std::make_shared<model::TrainingOutput>();
  job.output->first_printed = seconds(100);
  model::PlannedOutput plan;
  plan.begins = seconds(100);
  plan.ends = seconds(100 + 10 * epochs);
  plan.epochs = epochs;
  plan.final_metrics = std::make_shared<const std::vector<model::MetricData>>(std::move(finals));
  job.output->planned = plan;
  return job;
}

TEST(PrintedOutput, SimulatedBuiltInJobsPrintOneXgboostLinePerRoundOnTheFirstHost) {
  const auto job = planned_job({{"validation:rmse", 0.25, {}}}, 4);
  EXPECT_EQ(hosts_with_output(job), 2);
  EXPECT_EQ(stream_name(job, 2, 1'700'000'000'000), "job-1/algo-2-1700000100");
  EXPECT_EQ(host_of_stream(job, "job-1/algo-2-1700000100", 1'700'000'000'000), 2);
  EXPECT_FALSE(host_of_stream(job, "job-1/algo-3-1700000100", 1'700'000'000'000));
  const auto lines = printed_lines(job, 1, seconds(1000));
  ASSERT_EQ(lines.size(), 5u);
  const std::regex rmse(R"(.*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(lines.back().text, match, rmse)) << lines.back().text;
  EXPECT_NEAR(std::stod(match[1]), 0.25, 1e-6);
  EXPECT_EQ(lines[1].text.substr(0, 4), "[0]#");
  EXPECT_EQ(lines.back().at, seconds(140));
  EXPECT_EQ(printed_lines(job, 2, seconds(1000)).size(), 1u);  // the second host prints no metrics
}

TEST(PrintedOutput, LinesAndPointsAppearAsTimePassesAndStopAtACut) {
  auto job = planned_job({{"loss", 2.0, {}}}, 10);
  EXPECT_EQ(printed_lines(job, 1, seconds(125)).size(), 3u);  // the banner and epochs 1, 2
  EXPECT_EQ(metric_points(job, "loss", seconds(125)).size(), 2u);
  EXPECT_EQ(printed_lines(job, 1, seconds(125))[1].text.substr(0, 13), "epoch 1: loss");
  EXPECT_TRUE(published_metrics(job, seconds(105)).empty());
  EXPECT_EQ(published_metrics(job, seconds(125)), (std::vector<std::string>{"loss"}));
  job.output->cut = seconds(150);
  EXPECT_EQ(metric_points(job, "loss", seconds(1000)).size(), 5u);
  const auto points = metric_points(job, "loss", seconds(1000));
  EXPECT_GT(points.front().value, points.back().value);  // a loss comes down
}

TEST(PrintedOutput, TheCurveTheTunerWatchedIsTheOnePrinted) {
  auto job = planned_job({{"validation:auc", 0.9, {}}}, 3);
  job.output->planned->objective_curve =
      std::make_shared<const std::vector<double>>(std::vector<double>{0.5, 0.7, 0.9});
  job.output->planned->higher_is_better = true;
  const auto points = metric_points(job, "validation:auc", seconds(1000));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_NEAR(points[0].value, 0.5, 1e-6);
  EXPECT_NEAR(points[1].value, 0.7, 1e-6);
}

// The span DescribeLogStreams shows is that of the lines GetLogEvents returns.
TEST(PrintedOutput, TheSpanIsThatOfThePrintedLines) {
  auto job = planned_job({{"validation:rmse", 0.25, {}}}, 10);
  for (const auto now : {seconds(100), seconds(125), seconds(1000)}) {
    for (int host : {1, 2}) {
      const auto lines = printed_lines(job, host, now);
      const auto span = printed_span(job, host, now);
      ASSERT_TRUE(span);
      EXPECT_EQ(span->first, lines.front().at);
      EXPECT_EQ(span->second, lines.back().at);
    }
  }
  job.output->cut = seconds(150);
  EXPECT_EQ(printed_span(job, 1, seconds(1000))->second, printed_lines(job, 1, seconds(1000)).back().at);
  EXPECT_FALSE(printed_span(job, 3, seconds(1000)));
  model::TrainingJob real;
  real.name = "real";
  real.spec = std::make_shared<model::TrainingJobSpec>();
  real.output = std::make_shared<model::TrainingOutput>();
  EXPECT_FALSE(printed_span(real, 1, seconds(10)));
  real.output->lines = {{seconds(5), "a"}, {seconds(9), "b"}, {seconds(20), "c"}};
  EXPECT_EQ(printed_span(real, 1, seconds(10)), (std::pair<sim::SimTime, sim::SimTime>(seconds(5), seconds(9))));
}

TEST(PrintedOutput, RealProcessesShowWhatTheyPrinted) {
  model::TrainingJob job;
  job.name = "real";
  job.spec = std::make_shared<model::TrainingJobSpec>();
  job.resource = {"ml.m5.xlarge", 3, 10};
  job.output = std::make_shared<model::TrainingOutput>();
  job.output->lines = {{seconds(5), "hello"}, {seconds(9), "loss=1"}};
  job.output->values = {{seconds(9), "loss", 1.0}};
  EXPECT_EQ(hosts_with_output(job), 1);
  EXPECT_EQ(printed_lines(job, 1, seconds(6)).size(), 1u);
  EXPECT_EQ(printed_lines(job, 1, seconds(10)).back().text, "loss=1");
  EXPECT_EQ(metric_points(job, "loss", seconds(10)).size(), 1u);
  EXPECT_EQ(published_metrics(job, seconds(10)), (std::vector<std::string>{"loss"}));
}

// §3.7: metrics come from the log through the job's MetricDefinitions; a regex that matches
// none of its lines gives no metric at all.
TEST(PrintedOutput, OnlyWhatTheRegexesReadIsPublished) {
  const auto never =
      planned_job({{"validation:rmse", 0.25, {}}}, 4, {{{"validation:rmse", "THIS-NEVER-APPEARS=([0-9.]+)"}}});
  EXPECT_EQ(printed_lines(never, 1, seconds(1000)).size(), 5u) << "the job prints as before";
  EXPECT_TRUE(published_metrics(never, seconds(1000)).empty());
  EXPECT_TRUE(metric_points(never, "validation:rmse", seconds(1000)).empty());
  EXPECT_TRUE(final_metrics(never, seconds(1000)).empty());
  EXPECT_FALSE(value_read_at(never, "validation:rmse", 2));
  // A user's regex of another name reads the same line under that name.
  const auto renamed = planned_job({{"validation:rmse", 0.25, {}}}, 4, {{{"my-rmse", "validation-rmse:(\\S+)"}}});
  EXPECT_EQ(published_metrics(renamed, seconds(1000)), (std::vector<std::string>{"my-rmse"}));
  EXPECT_EQ(final_metrics(renamed, seconds(1000)).at(0).value, double(0.25f));
  const auto broken = planned_job({{"loss", 0.25, {}}}, 4, {{{"loss", "loss=([0-9"}}});
  EXPECT_TRUE(published_metrics(broken, seconds(1000)).empty()) << "a regex that does not compile reads nothing";
}

TEST(PrintedOutput, BuiltInDefinitionsAreAwsXgboostRegexesAndReadWhatTheTunerSees) {
  EXPECT_EQ(built_in_definition("validation:rmse").regex,
            R"(.*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)");
  EXPECT_EQ(built_in_definition("a.b").regex, R"(a\.b=([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?))");
  auto job = planned_job({{"validation:auc", 0.9, {}}}, 3);
  job.output->planned->objective_curve =
      std::make_shared<const std::vector<double>>(std::vector<double>{0.5, 0.7, 0.9});
  EXPECT_EQ(value_read_at(job, "validation:auc", 2), double(0.7f));
  EXPECT_FALSE(value_read_at(job, "validation:auc", 4));
}

// §3.3: FinalMetricDataList is the last value of each metric published, however the job ends.
TEST(PrintedOutput, FinalMetricsAreTheLastValuesPrintedBeforeTheEndOrTheCut) {
  auto job = planned_job({{"validation:rmse", 0.25, {}}}, 10);
  EXPECT_TRUE(final_metrics(job, seconds(105)).empty()) << "nothing printed yet";
  const auto whole = final_metrics(job, seconds(1000));
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].metric_name, "validation:rmse");
  EXPECT_EQ(whole[0].value, double(0.25f));
  EXPECT_EQ(whole[0].timestamp, seconds(1000));
  job.output->cut = seconds(150);  // stopped after five epochs
  const auto stopped = final_metrics(job, seconds(1000));
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].value, metric_points(job, "validation:rmse", seconds(1000)).back().value);
  EXPECT_GT(stopped[0].value, 0.25) << "the value printed at the stop, not the one training would have reached";
}

TEST(PrintedOutput, FinalMetricsOfARealProcessAreItsLastReportsAsFloat32) {
  model::TrainingJob job;
  job.name = "real";
  job.spec = std::make_shared<model::TrainingJobSpec>();
  job.output = std::make_shared<model::TrainingOutput>();
  job.output->latest = {{"big", -1e39}, {"loss", 1.19876}};
  const auto finals = final_metrics(job, seconds(10));
  ASSERT_EQ(finals.size(), 2u);
  EXPECT_EQ(finals[0].value, -static_cast<double>(std::numeric_limits<float>::max())) << "saturates";
  EXPECT_EQ(finals[1].value, 1.1987600326538086);  // float32(1.19876), as in a real FinalMetricDataList
}

}  // namespace
}  // namespace emulator::telemetry
