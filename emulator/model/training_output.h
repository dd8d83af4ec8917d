#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/sim/clock.h"

namespace emulator::model {

struct MetricData;

// What the simulated executor prints, as a plan rendered when read (emulator/telemetry): its
// epochs are spread evenly over the training phase and follow a learning curve to the final
// values, so a job of 20,000 rounds costs no more to keep than one of 10.
struct PlannedOutput {
  sim::SimTime begins{0};  // where epoch 0 is (a run resumed from a checkpoint: as if never interrupted)
  sim::SimTime ends{0};    // where the last epoch is
  int epochs = 0;
  bool higher_is_better = false;  // of the objective: which way the curves go
  // The metrics the job reports when it ends, each reached at the last epoch.
  std::shared_ptr<const std::vector<MetricData>> final_metrics;
  // The objective's values by epoch when the tuner watched them (early stopping): the printed
  // curve must be the one the tuner saw. Otherwise curves are derived from the final values.
  std::shared_ptr<const std::vector<double>> objective_curve;
};

struct PrintedLine {
  sim::SimTime at;
  std::string text;  // escaped as CloudWatch stores it (a TAB is #011)
};

struct ReportedValue {
  sim::SimTime at;
  std::string metric;
  double value = 0;
};

// What a training job printed and the metric values it reported: what CloudWatch Logs and
// CloudWatch metrics show of it. A real process's lines and values are kept as they came
// (at most kMaxKeptLines lines); the simulated executor's are planned.
struct TrainingOutput {
  static constexpr std::size_t kMaxKeptLines = 100'000;

  sim::SimTime first_printed{0};    // when the container first ran: it names the log streams
  std::optional<sim::SimTime> cut;  // training stopped early here: the plan printed nothing after
  std::optional<PlannedOutput> planned;
  std::vector<PrintedLine> lines;
  std::vector<ReportedValue> values;
  // The last value of each metric reported, also past kMaxKeptLines: what FinalMetricDataList holds.
  std::map<std::string, double, std::less<>> latest;
};

}  // namespace emulator::model
