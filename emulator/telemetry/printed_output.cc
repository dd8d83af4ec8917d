#include "emulator/telemetry/printed_output.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iterator>
#include <limits>
#include <map>

#include "emulator/model/training_messages.h"
#include "emulator/objective/objective_model.h"
#include "emulator/sim/rng.h"
#include "emulator/telemetry/metric_scanner.h"

namespace emulator::telemetry {
namespace {

using model::MetricData;
using model::PlannedOutput;

// The objective a job reports: a tuning child's, else the first metric it defined.
const std::string* objective_of(const model::TrainingJob& job, const PlannedOutput& plan) {
  if (const auto* objective = job.hyper_parameter(model::kTuningObjectiveKey)) return objective;
  return plan.final_metrics->empty() ? nullptr : &plan.final_metrics->front().metric_name;
}

// A metric's values by epoch: the curve the tuner watched for the objective, else one
// derived from the final value, with noise seeded by the job and metric names.
std::vector<double> curve_of(const model::TrainingJob& job, const PlannedOutput& plan, const MetricData& metric) {
  const auto* objective = objective_of(job, plan);
  const bool is_objective = objective != nullptr && *objective == metric.metric_name;
  if (is_objective && plan.objective_curve) return *plan.objective_curve;
  const bool higher_is_better =
      is_objective
          ? plan.higher_is_better
          : objective::higher_is_better({model::HyperParameterTuningJobObjectiveType::Minimize, metric.metric_name});
  auto noise = sim::make_stream(0, job.name + "/" + metric.metric_name);
  return objective::learning_curve(metric.value, higher_is_better, plan.epochs, noise);
}

// As a training script prints a value.
std::string printed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}
// SageMaker keeps metric values as float32; a value beyond float range stays at the largest
// float (our choice: an infinity could not be sent as JSON).
double as_stored(double value) {
  constexpr double kLargest = std::numeric_limits<float>::max();
  return static_cast<double>(static_cast<float>(std::clamp(value, -kLargest, kLargest)));
}

sim::SimTime epoch_time(const PlannedOutput& plan, int epoch) {
  return plan.begins + (plan.ends - plan.begins) * epoch / plan.epochs;
}

// How many epochs have printed by `now`.
int epochs_printed(const model::TrainingOutput& output, sim::SimTime now) {
  const auto& plan = *output.planned;
  const auto limit = output.cut ? std::min(now, *output.cut) : now;
  int done = 0;
  while (done < plan.epochs && epoch_time(plan, done + 1) <= limit) ++done;
  return done;
}

// Built-in algorithms name metrics `<set>:<name>` (validation:auc) and print them as
// xgboost does: `[<round>]#011train-auc:0.91#011validation-auc:0.89`, rounds from 0.
bool builtin_style(const std::vector<MetricData>& metrics) {
  return !metrics.empty() && std::all_of(metrics.begin(), metrics.end(), [](const MetricData& m) {
    const auto colon = m.metric_name.find(':');
    return colon != std::string::npos && colon > 0 && m.metric_name.find(' ') == std::string::npos;
  });
}

std::string epoch_line(const std::vector<MetricData>& metrics, const std::vector<std::vector<double>>& curves,
                       int epoch) {
  std::string line;
  if (builtin_style(metrics)) {
    line = "[" + std::to_string(epoch - 1) + "]";
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      auto name = metrics[i].metric_name;
      name[name.find(':')] = '-';
      line += "#011" + name + ":" + printed(curves[i][std::size_t(epoch) - 1]);
    }
    return line;
  }
  line = "epoch " + std::to_string(epoch) + ":";
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    line += (i == 0 ? " " : ", ") + metrics[i].metric_name + "=" + printed(curves[i][std::size_t(epoch) - 1]);
  }
  return line;
}

// A job's MetricDefinitions compiled once and shared by every read of its lines (children of
// one definition share theirs). A regex Boost.Regex does not compile reads nothing here (a
// real process's job fails for it instead, api/training's local executor).
const MetricScanner* scanner_of(const std::vector<model::MetricDefinition>& definitions) {
  static thread_local std::map<std::vector<model::MetricDefinition>, std::optional<MetricScanner>> compiled;
  constexpr std::size_t kMaxKept = 1024;
  auto it = compiled.find(definitions);
  if (it == compiled.end()) {
    if (compiled.size() >= kMaxKept) compiled.clear();
    auto made = MetricScanner::make(definitions);
    it = compiled.emplace(definitions, made ? std::optional<MetricScanner>(std::move(*made)) : std::nullopt).first;
  }
  return it->second ? &*it->second : nullptr;
}

struct ReadValue {
  sim::SimTime at;
  MetricDataPoint point;
};

std::vector<PrintedLine> planned_lines(const model::TrainingJob& job, int host, sim::SimTime now);

// What the job's MetricDefinitions read on the lines it printed by `now` (the metrics print on
// the first host), as SageMaker stores values (float32).
std::vector<ReadValue> read_values(const model::TrainingJob& job, sim::SimTime now) {
  std::vector<ReadValue> values;
  const auto* scanner = scanner_of(job.spec->metric_definitions);
  if (scanner == nullptr) return values;
  for (auto& line : planned_lines(job, 1, now)) {
    for (auto& point : scanner->scan(line.text)) {
      point.value = as_stored(point.value);
      values.push_back({line.at, std::move(point)});
    }
  }
  return values;
}

std::vector<PrintedLine> planned_lines(const model::TrainingJob& job, int host, sim::SimTime now) {
  const auto& output = *job.output;
  const auto& plan = *output.planned;
  std::vector<PrintedLine> lines;
  lines.push_back({output.first_printed, "amt-emulator: simulated training on algo-" + std::to_string(host) + " of " +
                                             std::to_string(job.resource.instance_count) + " (" +
                                             job.resource.instance_type + "), " + std::to_string(plan.epochs) +
                                             " epochs"});
  if (host != 1 || plan.final_metrics->empty()) return lines;  // the metrics print on the first host
  const auto& metrics = *plan.final_metrics;
  std::vector<std::vector<double>> curves;
  for (const auto& metric : metrics) curves.push_back(curve_of(job, plan, metric));
  const int printed_epochs = epochs_printed(output, now);
  for (int epoch = 1; epoch <= printed_epochs; ++epoch) {
    lines.push_back({epoch_time(plan, epoch), epoch_line(metrics, curves, epoch)});
  }
  return lines;
}

}  // namespace

int hosts_with_output(const model::TrainingJob& job) {
  if (!job.output) return 0;
  return job.output->planned ? std::max(job.resource.instance_count, 1) : 1;
}

std::string stream_name(const model::TrainingJob& job, int host, std::int64_t epoch_ms) {
  const auto started_ms = epoch_ms + (job.output ? job.output->first_printed.count() : 0);
  return job.name + "/algo-" + std::to_string(host) + "-" + std::to_string(started_ms / 1000);
}

std::optional<int> host_of_stream(const model::TrainingJob& job, std::string_view stream, std::int64_t epoch_ms) {
  const std::string prefix = job.name + "/algo-";
  if (stream.substr(0, prefix.size()) != prefix) return std::nullopt;
  int host = 0;
  const auto digits = stream.substr(prefix.size());
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), host);
  if (ec != std::errc() || host < 1 || host > hosts_with_output(job)) return std::nullopt;
  if (stream != stream_name(job, host, epoch_ms)) return std::nullopt;
  return host;
}

std::vector<PrintedLine> printed_lines(const model::TrainingJob& job, int host, sim::SimTime now) {
  if (!job.output || host < 1 || host > hosts_with_output(job)) return {};
  if (job.output->planned) return planned_lines(job, host, now);
  std::vector<PrintedLine> lines;
  for (const auto& line : job.output->lines) {
    if (line.at <= now) lines.push_back({line.at, line.text});
  }
  return lines;
}

std::optional<std::pair<sim::SimTime, sim::SimTime>> printed_span(const model::TrainingJob& job, int host,
                                                                  sim::SimTime now) {
  if (!job.output || host < 1 || host > hosts_with_output(job)) return std::nullopt;
  const auto& output = *job.output;
  if (output.planned) {
    // The banner first; the metrics print on the first host only.
    const int printed_epochs = host == 1 && !output.planned->final_metrics->empty() ? epochs_printed(output, now) : 0;
    return std::pair{output.first_printed,
                     printed_epochs == 0 ? output.first_printed : epoch_time(*output.planned, printed_epochs)};
  }
  const auto end = std::find_if(output.lines.begin(), output.lines.end(), [&](const auto& l) { return l.at > now; });
  if (end == output.lines.begin()) return std::nullopt;
  return std::pair{output.lines.front().at, std::prev(end)->at};
}

std::vector<std::string> published_metrics(const model::TrainingJob& job, sim::SimTime now) {
  std::vector<std::string> names;
  if (!job.output) return names;
  const auto& output = *job.output;
  if (output.planned) {
    for (auto& value : read_values(job, now)) names.push_back(std::move(value.point.name));
  } else {
    for (const auto& value : output.values) {
      if (value.at <= now) names.push_back(value.metric);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<MetricPoint> metric_points(const model::TrainingJob& job, std::string_view metric, sim::SimTime now) {
  std::vector<MetricPoint> points;
  if (!job.output) return points;
  const auto& output = *job.output;
  if (!output.planned) {
    for (const auto& value : output.values) {
      if (value.metric == metric && value.at <= now) points.push_back({value.at, value.value});
    }
    return points;
  }
  for (const auto& value : read_values(job, now)) {
    if (value.point.name == metric) points.push_back({value.at, value.point.value});
  }
  return points;
}

std::optional<double> value_read_at(const model::TrainingJob& job, std::string_view metric, int epoch) {
  if (!job.output || !job.output->planned) return std::nullopt;
  const auto& plan = *job.output->planned;
  const auto* scanner = scanner_of(job.spec->metric_definitions);
  if (scanner == nullptr || epoch < 1 || epoch > plan.epochs || plan.final_metrics->empty()) return std::nullopt;
  const auto& metrics = *plan.final_metrics;
  std::vector<std::vector<double>> curves;
  for (const auto& m : metrics) curves.push_back(curve_of(job, plan, m));
  std::optional<double> value;
  for (const auto& point : scanner->scan(epoch_line(metrics, curves, epoch))) {
    if (point.name == metric) value = as_stored(point.value);
  }
  return value;
}

model::MetricDefinition built_in_definition(const std::string& metric) {
  constexpr std::string_view kNumber = "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";
  std::string quoted;
  for (const char c : metric) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) quoted += '\\';
    quoted += c;
  }
  const auto colon = quoted.find(':');
  if (colon == std::string::npos) return {metric, quoted + "=" + std::string(kNumber)};
  // As AWS defines XGBoost's: validation:rmse is read from "[3]#011validation-rmse:0.41".
  quoted[colon] = '-';
  return {metric, ".*\\[[0-9]+\\].*#011" + quoted + ":" + std::string(kNumber) + ".*"};
}

std::vector<MetricData> final_metrics(const model::TrainingJob& job, sim::SimTime now) {
  std::vector<MetricData> finals;
  if (!job.output) return finals;
  if (!job.output->planned) {
    for (const auto& [metric, value] : job.output->latest) finals.push_back({metric, as_stored(value), now});
    return finals;
  }
  const auto* scanner = scanner_of(job.spec->metric_definitions);
  if (scanner == nullptr) return finals;
  // The last lines first: each metric's last value is usually on the last line.
  std::map<std::string, double, std::less<>> last;
  const auto lines = planned_lines(job, 1, now);
  for (auto line = lines.rbegin(); line != lines.rend() && last.size() < job.spec->metric_definitions.size(); ++line) {
    for (const auto& point : scanner->scan(line->text)) last.emplace(point.name, as_stored(point.value));
  }
  for (const auto& [metric, value] : last) finals.push_back({metric, value, now});
  return finals;
}

}  // namespace emulator::telemetry
