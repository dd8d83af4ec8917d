#pragma once

#include "emulator/strategies/strategy.h"

namespace emulator::strategies {

// Independent uniform draws in the unit cube of a uniformly chosen definition; scaling
// makes them logarithmic where the range asks for it.
class RandomSearch final : public Strategy {
 public:
  std::optional<Proposal> propose(const SearchState& state, std::mt19937_64& rng) override;
};

}  // namespace emulator::strategies
