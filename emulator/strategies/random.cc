#include "emulator/strategies/random.h"

namespace emulator::strategies {

std::optional<Proposal> RandomSearch::propose(const SearchState& state, std::mt19937_64& rng) {
  if (state.spaces.empty()) return std::nullopt;
  Proposal proposal;
  proposal.definition =
      std::uniform_int_distribution<std::size_t>(0, state.spaces.size() - 1)(rng);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto& space = state.spaces[proposal.definition];
  proposal.unit_point.reserve(space.size());
  for (std::size_t d = 0; d < space.size(); ++d) proposal.unit_point.push_back(unit(rng));
  return proposal;
}

}  // namespace emulator::strategies
