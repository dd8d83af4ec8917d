#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace emulator::what_if {

// What one run of a tuning request on one seed came to.
struct RunRecord {
  std::uint64_t seed = 0;
  std::string status;           // the tuning job's HyperParameterTuningJobStatus at its end
  std::string failure_reason;   // its FailureReason, when it failed
  double duration_seconds = 0;  // virtual time from creation to end
  // Instance-hours at the catalog's on-demand prices times instance count: BillableTimeInSeconds
  // (spot already discounted there) plus the time warm pools were kept alive.
  double cost = 0;
  int children = 0;
  int failed_children = 0;
  std::optional<double> best_objective;
  std::map<std::string, int> children_by_type;   // the type each child that got instances ran on
  std::map<std::string, int> ice_by_type;        // InsufficientCapacityError answers, by type asked
  std::map<std::string, int> fallbacks_by_type;  // grants of a type other than the first, by type granted

  bool completed() const { return status == "Completed"; }
  int ice_answers() const;
  int fallbacks() const;

  friend bool operator==(const RunRecord&, const RunRecord&) = default;
};

}  // namespace emulator::what_if
