// One contract, every strategy (architecture.md, example 8): proposals are legal points of
// the search space, and the same seed gives the same proposals.
#include <charconv>
#include <set>

#include <gtest/gtest.h>

#include "emulator/strategies/strategy.h"

namespace emulator::strategies {
namespace {

using model::HyperParameterScalingType;
using Type = model::HyperParameterTuningJobStrategyType;

std::vector<search::SearchSpace> space_for(Type type) {
  model::ParameterRanges r;
  r.categorical_ranges.push_back({"booster", {"gbtree", "dart", "gblinear"}});
  if (type != Type::Grid) {  // Grid takes categorical ranges only
    r.continuous_ranges.push_back({"eta", "0.001", "1", HyperParameterScalingType::Logarithmic});
    r.integer_ranges.push_back({"max_depth", "2", "10", HyperParameterScalingType::Linear});
  } else {
    r.categorical_ranges.push_back({"tree_method", {"auto", "hist"}});
  }
  return {*search::SearchSpace::from_ranges(r)};
}

// Runs `n` rounds of propose → (fake) objective, as the tuning controller would.
std::vector<Proposal> run(Type type, std::uint64_t seed, int n) {
  auto strategy = make_strategy(type);
  const auto spaces = space_for(type);
  std::mt19937_64 rng(seed);
  std::vector<Observation> history;
  const std::vector<Proposal> pending;
  std::vector<Proposal> out;
  for (int i = 0; i < n; ++i) {
    auto p = strategy->propose({spaces, history, pending, model::HyperParameterTuningJobObjectiveType::Minimize}, rng);
    if (!p) break;
    double y = 0;
    for (double u : p->unit_point) y += (u - 0.3) * (u - 0.3);
    history.push_back({*p, y});
    out.push_back(*p);
  }
  return out;
}

class StrategyContract : public testing::TestWithParam<Type> {};

TEST_P(StrategyContract, ProposalsAreLegalValuesOfTheSearchSpace) {
  const auto spaces = space_for(GetParam());
  const auto proposals = run(GetParam(), 1, 12);
  ASSERT_FALSE(proposals.empty());
  for (const auto& p : proposals) {
    ASSERT_EQ(p.definition, 0u);
    ASSERT_EQ(p.unit_point.size(), spaces[0].size());
    for (double u : p.unit_point) {
      EXPECT_GE(u, 0.0);
      EXPECT_LE(u, 1.0);
    }
    for (const auto& [name, value] : spaces[0].values_at(p.unit_point)) {
      if (name == "booster") {
        EXPECT_TRUE(value == "gbtree" || value == "dart" || value == "gblinear") << value;
      } else if (name == "max_depth") {
        int depth = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), depth);
        EXPECT_TRUE(ec == std::errc() && end == value.data() + value.size()) << value;
        EXPECT_GE(depth, 2);
        EXPECT_LE(depth, 10);
      } else if (name == "eta") {
        const double eta = std::stod(value);
        EXPECT_GE(eta, 0.001);
        EXPECT_LE(eta, 1.0);
      }
    }
  }
}

TEST_P(StrategyContract, TheSameSeedGivesTheSameProposals) {
  const auto a = run(GetParam(), 42, 10), b = run(GetParam(), 42, 10);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].unit_point, b[i].unit_point) << i;
}

INSTANTIATE_TEST_SUITE_P(EveryStrategy, StrategyContract,
                         testing::Values(Type::Random, Type::Grid, Type::Bayesian, Type::Hyperband),
                         [](const testing::TestParamInfo<Type>& info) { return std::string(model::to_string(info.param)); });

TEST(StrategyContractGrid, StopsAfterEveryCombination) {
  const auto proposals = run(Type::Grid, 1, 100);
  EXPECT_EQ(proposals.size(), 6u);  // 3 boosters × 2 tree methods
  std::set<std::vector<double>> distinct;
  for (const auto& p : proposals) distinct.insert(p.unit_point);
  EXPECT_EQ(distinct.size(), 6u);
}

}  // namespace
}  // namespace emulator::strategies
