#include "emulator/strategies/grid.h"

namespace emulator::strategies {
namespace {

// Odometer step, last digit fastest; false when every digit wrapped (all combinations seen).
bool advance(std::vector<std::size_t>& odometer, const std::vector<search::Dimension>& dims) {
  for (std::size_t d = dims.size(); d-- > 0;) {
    if (++odometer[d] < dims[d].values.size()) return true;
    odometer[d] = 0;
  }
  return false;
}

}  // namespace

std::optional<Proposal> GridSearch::propose(const SearchState& state, std::mt19937_64&) {
  while (definition_ < state.spaces.size()) {
    const auto& dims = state.spaces[definition_].dimensions();
    if (!started_) {
      odometer_.assign(dims.size(), 0);
      started_ = true;
    } else if (!advance(odometer_, dims)) {
      ++definition_;
      started_ = false;
      continue;
    }
    Proposal proposal{definition_, {}};
    for (std::size_t d = 0; d < dims.size(); ++d) {
      proposal.unit_point.push_back((double(odometer_[d]) + 0.5) / double(dims[d].values.size()));
    }
    return proposal;
  }
  return std::nullopt;
}

}  // namespace emulator::strategies
