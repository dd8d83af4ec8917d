#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/what_if/run_record.h"
#include "emulator/what_if/statistics.h"

namespace emulator::what_if {

// What the runs of one request came to, over runs. Always recomputed from the run records
// (sorted by seed first), never merged, so shards merged give the unsharded summary exactly.
struct Summary {
  int runs = 0;
  int completed = 0;
  Proportion completion;                       // share of runs whose tuning job Completed, Wilson 95 %
  std::map<std::string, int> outcomes;         // runs by tuning-job status
  Distribution duration_seconds;               // over every run
  Distribution cost;                           // over every run
  std::optional<Distribution> best_objective;  // over the runs that have one
  int children = 0;
  int failed_children = 0;
  int ice_answers = 0;
  std::map<std::string, int> ice_by_type;
  std::map<std::string, int> fallbacks_by_type;
  std::map<std::string, int> children_by_type;
  std::map<std::string, double> child_share_by_type;  // of every child, those that ran on the type
};

Summary summarize(std::vector<RunRecord> runs);

}  // namespace emulator::what_if
