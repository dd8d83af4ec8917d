#pragma once

#include <algorithm>
#include <cstddef>

namespace api::persistence {

// When a snapshot is worth writing (docs/persistence.md, "Snapshots"). A restart loads the
// snapshot instead of replaying the records before it, so a snapshot pays when loading it is
// quicker than that replay. Loading took 1.3 to 1.7 times as long as making it in
// bench/snapshot_bench.py, so twice the time it took to make stands for its load; the replay
// is measured by the CPU time its work took when it was first done (the journaled requests and
// every simulation run since the journal began). A simulation that is cheap to replay (many
// small random-search jobs) is not snapshotted; an expensive one (Bayesian search) is. Pure:
// the times are handed in.
class SnapshotPolicy {
 public:
  static constexpr double kLoadPerSave = 2.0;
  // Seconds a snapshot takes to make per unit of World::snapshot_weight(), until one is made:
  // 2 µs, above the 1.25 to 1.6 µs measured (Release, worlds of 6,000 to 740,000 units), so
  // the first guess errs towards not trying.
  static constexpr double kFirstSecondsPerWeight = 2e-6;

  // `every` records at least between two tries (0: never snapshot).
  explicit SnapshotPolicy(std::size_t every) : every_(every) {}

  // Whether enough records follow the journal's beginning to think of a snapshot.
  bool due(std::size_t records) const { return every_ > 0 && records >= every_; }
  // Whether to make a snapshot of a world of `weight` now: a replay of the records
  // (`replay_seconds`) slower than the snapshot's foretold load.
  bool worth_trying(double replay_seconds, std::size_t weight) const {
    return replay_seconds >= kLoadPerSave * foretold_seconds(weight);
  }
  // A snapshot of `weight` was made in `cost_seconds`: its cost foretells the next ones'.
  void made(double cost_seconds, std::size_t weight) {
    seconds_per_weight_ = cost_seconds / double(std::max<std::size_t>(weight, 1));
  }
  // Whether a snapshot made in `cost_seconds` loads quicker than the replay it replaces (else
  // it is dropped).
  static bool pays(double cost_seconds, double replay_seconds) { return replay_seconds >= kLoadPerSave * cost_seconds; }

 private:
  double foretold_seconds(std::size_t weight) const { return seconds_per_weight_ * double(weight); }

  std::size_t every_;
  double seconds_per_weight_ = kFirstSecondsPerWeight;
};

}  // namespace api::persistence
