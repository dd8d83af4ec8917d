#include "emulator/what_if/summary.h"

#include <algorithm>

namespace emulator::what_if {
namespace {

void add_into(std::map<std::string, int>& total, const std::map<std::string, int>& part) {
  for (const auto& [key, count] : part) total[key] += count;
}

}  // namespace

Summary summarize(std::vector<RunRecord> runs) {
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.seed < b.seed; });
  Summary summary;
  summary.runs = static_cast<int>(runs.size());
  std::vector<double> durations, costs, objectives;
  for (const auto& run : runs) {
    summary.completed += run.completed();
    ++summary.outcomes[run.status];
    durations.push_back(run.duration_seconds);
    costs.push_back(run.cost);
    if (run.best_objective) objectives.push_back(*run.best_objective);
    summary.children += run.children;
    summary.failed_children += run.failed_children;
    summary.ice_answers += run.ice_answers();
    add_into(summary.ice_by_type, run.ice_by_type);
    add_into(summary.fallbacks_by_type, run.fallbacks_by_type);
    add_into(summary.children_by_type, run.children_by_type);
  }
  summary.completion = wilson_interval(summary.completed, summary.runs);
  summary.duration_seconds = distribution_of(std::move(durations));
  summary.cost = distribution_of(std::move(costs));
  if (!objectives.empty()) summary.best_objective = distribution_of(std::move(objectives));
  for (const auto& [type, count] : summary.children_by_type) {
    summary.child_share_by_type[type] = double(count) / double(summary.children);
  }
  return summary;
}

}  // namespace emulator::what_if
