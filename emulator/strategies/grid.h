#pragma once

#include "emulator/strategies/strategy.h"

namespace emulator::strategies {

// Every combination of the categorical values once, in odometer order (last range fastest),
// definition after definition. Deterministic: the engine is not used.
class GridSearch final : public Strategy {
 public:
  std::optional<Proposal> propose(const SearchState& state, std::mt19937_64& rng) override;

 private:
  std::size_t definition_ = 0;
  std::vector<std::size_t> odometer_;
  bool started_ = false;
};

}  // namespace emulator::strategies
