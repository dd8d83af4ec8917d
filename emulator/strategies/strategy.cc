#include "emulator/strategies/strategy.h"

#include "emulator/strategies/bayesian.h"
#include "emulator/strategies/grid.h"
#include "emulator/strategies/random.h"

namespace emulator::strategies {

std::unique_ptr<Strategy> make_strategy(model::HyperParameterTuningJobStrategyType type) {
  using Type = model::HyperParameterTuningJobStrategyType;
  if (type == Type::Grid) return std::make_unique<GridSearch>();
  if (type == Type::Bayesian) return std::make_unique<BayesianSearch>();
  // Hyperband searches randomly until its own searcher lands (issue 5); the API contract
  // (ranges, limits, statuses) is already its own.
  return std::make_unique<RandomSearch>();
}

}  // namespace emulator::strategies
