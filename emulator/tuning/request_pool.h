#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <vector>

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"
#include "emulator/tuning/request_rules.h"

namespace emulator::tuning {

// Tuning jobs created from equal requests share one stored copy of the request and one
// training-job spec per definition. A CI host creates the same tuning job over and over
// under new names, and the request (its wire text above all) is most of what a tuning job
// holds. An entry lives as long as a tuning job holds it.
class RequestPool {
 public:
  struct Shared {
    std::shared_ptr<const model::TuningRequestBody> request;
    std::vector<std::shared_ptr<const model::TrainingJobSpec>> child_specs;  // one per definition
  };

  // The pooled copy of an equal request while one is held, else `request`, pooled from now on
  // with its children's specs made from `resolved`.
  Shared share(model::TuningRequestBody request, const ResolvedTuningJob& resolved);
  // A request a snapshot brought back with its jobs: pooled as if share() had made it, so a
  // later equal request shares it as it would have in the world that was saved.
  void adopt(const Shared& shared);
  // Entries kept: one per distinct request held, and those no job holds any more until the
  // next sweep.
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::weak_ptr<const model::TuningRequestBody> request;
    std::vector<std::weak_ptr<const model::TrainingJobSpec>> child_specs;
  };

  static std::optional<Shared> lock(const Entry& entry);
  std::optional<Shared> find(const model::TuningRequestBody& request) const;
  void insert(const Shared& shared);
  // Forgets the entries of requests no tuning job holds any more; runs when the pool has
  // doubled since the last sweep, so its cost is constant per share().
  void sweep();

  std::unordered_multimap<std::size_t, Entry> entries_;  // by the hash of the description text
  std::size_t sweep_at_ = kFirstSweep;
  static constexpr std::size_t kFirstSweep = 64;
};

// The spec the children of one definition of a tuning request run.
std::shared_ptr<const model::TrainingJobSpec> child_spec(const model::TuningRequestBody& request,
                                                         const ResolvedTuningJob& resolved, std::size_t definition);

}  // namespace emulator::tuning
