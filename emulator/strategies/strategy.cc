#include "emulator/strategies/strategy.h"

#include "emulator/strategies/grid.h"
#include "emulator/strategies/random.h"

namespace emulator::strategies {

std::unique_ptr<Strategy> make_strategy(model::HyperParameterTuningJobStrategyType type) {
  using Type = model::HyperParameterTuningJobStrategyType;
  if (type == Type::Grid) return std::make_unique<GridSearch>();
  // Bayesian and Hyperband search randomly until their own searchers land (issue 5);
  // the API contract (ranges, limits, statuses) is already theirs.
  return std::make_unique<RandomSearch>();
}

}  // namespace emulator::strategies
