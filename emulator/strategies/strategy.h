#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "emulator/model/tuning_request.h"
#include "emulator/search/search_space.h"

namespace emulator::strategies {

// Where to train next: which training job definition, and the point in its unit cube.
struct Proposal {
  std::size_t definition = 0;
  std::vector<double> unit_point;
};

struct Observation {
  Proposal proposal;
  std::optional<double> objective;  // none when the job failed or emitted no objective
};

// What a strategy may look at: the search spaces (one per definition), the finished
// observations and the proposals still training. Strategies are pure functions of these
// and the seeded engine handed in; they never touch the clock or the stores.
struct SearchState {
  const std::vector<search::SearchSpace>& spaces;
  const std::vector<Observation>& history;
  const std::vector<Proposal>& pending;
  model::HyperParameterTuningJobObjectiveType direction;
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  // The next proposal, or nullopt when the strategy has nothing left to try (Grid).
  virtual std::optional<Proposal> propose(const SearchState& state, std::mt19937_64& rng) = 0;
};

std::unique_ptr<Strategy> make_strategy(model::HyperParameterTuningJobStrategyType type);

}  // namespace emulator::strategies
