#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/model/training_job.h"
#include "emulator/sim/clock.h"

// What a training job has printed and reported by a given moment, as CloudWatch shows it:
// log group /aws/sagemaker/TrainingJobs, one stream per host, and the job's metrics in the
// namespace of the same name (training-contract.md §5). Rendered from the job's record
// (model::TrainingOutput) when read.
namespace emulator::telemetry {

inline constexpr std::string_view kTrainingLogGroup = "/aws/sagemaker/TrainingJobs";

struct PrintedLine {
  sim::SimTime at;
  std::string text;
};

struct MetricPoint {
  sim::SimTime at;
  double value = 0;
};

// The hosts that have a stream (1-based): every host of a simulated job; a real job runs one
// process, which is host 1.
int hosts_with_output(const model::TrainingJob& job);
// `<job>/algo-<host>-<epoch seconds of the container's start>`.
std::string stream_name(const model::TrainingJob& job, int host, std::int64_t epoch_ms);
// The host a stream name of `job` stands for, if it is one of its streams.
std::optional<int> host_of_stream(const model::TrainingJob& job, std::string_view stream, std::int64_t epoch_ms);

std::vector<PrintedLine> printed_lines(const model::TrainingJob& job, int host, sim::SimTime now);
// When the first and the last of those lines were printed, without rendering them (nullopt
// when there are none): what DescribeLogStreams shows of every stream it lists.
std::optional<std::pair<sim::SimTime, sim::SimTime>> printed_span(const model::TrainingJob& job, int host,
                                                                  sim::SimTime now);
// The metrics the job has published a value of by `now`, and each one's values: what its
// MetricDefinitions read on the lines it printed (§3.7), so a regex that matches none of
// them publishes nothing.
std::vector<std::string> published_metrics(const model::TrainingJob& job, sim::SimTime now);
std::vector<MetricPoint> metric_points(const model::TrainingJob& job, std::string_view metric, sim::SimTime now);
// What the job's MetricDefinitions read of `metric` on the line a simulated job prints after
// `epoch` (1-based): the value its tuner sees (early stopping, Hyperband), if any.
std::optional<double> value_read_at(const model::TrainingJob& job, std::string_view metric, int epoch);
// The MetricDefinition a built-in algorithm comes with for `metric` (§3.7): it reads the
// lines a simulated job prints of it, as AWS's XGBoost regexes read XGBoost's.
model::MetricDefinition built_in_definition(const std::string& metric);
// FinalMetricDataList of a job that ends at `now`, however it ends (§3.3): the last value of
// every metric it has published by then, as SageMaker stores it (float32), stamped `now`.
std::vector<model::MetricData> final_metrics(const model::TrainingJob& job, sim::SimTime now);

}  // namespace emulator::telemetry
