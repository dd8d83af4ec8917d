#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "emulator/model/tuning_request.h"

namespace emulator::tuning {

// TrainingJobEarlyStoppingType=Auto, the rule SageMaker documents (§3.9): after each epoch,
// take for every earlier training job the running average of its objective up to that
// epoch; stop the job if its value is worse than the median of those averages.
class MedianStoppingRule {
 public:
  // Earlier jobs needed before the rule judges anyone (emulator choice: a median of one or
  // two jobs would stop half of all jobs on noise).
  static constexpr std::size_t kMinEarlierJobs = 3;

  // Records the report and answers whether the job may go on.
  bool should_continue(const std::string& job, int launch_ordinal, int epoch, double value, bool maximize);

 private:
  struct Reports {
    int launch_ordinal = 0;
    std::vector<std::pair<int, double>> by_epoch;  // ascending epochs
  };
  std::map<std::string, Reports> reports_;
};

// Hyperband as asynchronous successive halving in its stopping form: rungs at
// MinResource·η^k epochs below MaxResource; a job reaching a rung goes on only if its value
// is within the best 1/η of the values recorded at that rung before it.
class SuccessiveHalving {
 public:
  static constexpr int kReductionFactor = 3;

  SuccessiveHalving(int min_resource, int max_resource);
  const std::vector<int>& rungs() const { return rungs_; }
  bool should_continue(int epoch, double value, bool maximize);

 private:
  std::vector<int> rungs_;
  std::map<int, std::vector<double>> recorded_;
};

// At most `limit` evenly spread epochs of 1..epochs, always including the last.
std::vector<int> report_epochs(int epochs, int limit);

}  // namespace emulator::tuning
