#include <set>

#include <gtest/gtest.h>

#include "emulator/strategies/grid.h"
#include "emulator/strategies/random.h"

namespace emulator::strategies {
namespace {

using model::HyperParameterScalingType;

search::SearchSpace space_of(model::ParameterRanges ranges) { return *search::SearchSpace::from_ranges(ranges); }

std::vector<search::SearchSpace> mixed_spaces() {
  model::ParameterRanges r;
  r.continuous_ranges.push_back({"eta", "0", "1", HyperParameterScalingType::Linear});
  r.integer_ranges.push_back({"max_depth", "2", "6", HyperParameterScalingType::Linear});
  r.categorical_ranges.push_back({"booster", {"gbtree", "dart"}});
  return {space_of(r)};
}

std::vector<Proposal> draw(Strategy& strategy, const std::vector<search::SearchSpace>& spaces, std::uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  std::vector<Observation> history;
  std::vector<Proposal> pending, out;
  for (int i = 0; i < n; ++i) {
    SearchState state{spaces, history, pending, model::HyperParameterTuningJobObjectiveType::Minimize};
    auto p = strategy.propose(state, rng);
    if (!p) break;
    out.push_back(*p);
  }
  return out;
}

TEST(RandomSearch, ProposalsStayInTheUnitCube) {
  RandomSearch random;
  const auto spaces = mixed_spaces();
  for (const auto& p : draw(random, spaces, 1, 500)) {
    ASSERT_EQ(p.unit_point.size(), 3u);
    EXPECT_EQ(p.definition, 0u);
    for (double u : p.unit_point) {
      EXPECT_GE(u, 0.0);
      EXPECT_LE(u, 1.0);
    }
  }
}

TEST(RandomSearch, SameSeedSameProposalsOtherSeedOthers) {
  RandomSearch a, b, c;
  const auto spaces = mixed_spaces();
  auto first = draw(a, spaces, 7, 20), second = draw(b, spaces, 7, 20), third = draw(c, spaces, 8, 20);
  ASSERT_EQ(first.size(), 20u);
  ASSERT_EQ(second.size(), 20u);
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].unit_point, second[i].unit_point);
  EXPECT_NE(first[0].unit_point, third[0].unit_point);
}

TEST(RandomSearch, SpreadsOverDefinitions) {
  RandomSearch random;
  const std::vector<search::SearchSpace> spaces = {mixed_spaces()[0], mixed_spaces()[0], mixed_spaces()[0]};
  std::set<std::size_t> used;
  for (const auto& p : draw(random, spaces, 3, 60)) used.insert(p.definition);
  EXPECT_EQ(used.size(), 3u);
}

TEST(GridSearch, VisitsEveryCombinationOnceThenStops) {
  model::ParameterRanges r;
  r.categorical_ranges.push_back({"a", {"x", "y", "z"}});
  r.categorical_ranges.push_back({"b", {"1", "2"}});
  const std::vector<search::SearchSpace> spaces = {space_of(r)};
  GridSearch grid;
  auto proposals = draw(grid, spaces, 0, 100);
  ASSERT_EQ(proposals.size(), 6u);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& p : proposals) {
    auto values = spaces[0].values_at(p.unit_point);
    seen.insert({values["a"], values["b"]});
  }
  EXPECT_EQ(seen.size(), 6u);
}

TEST(GridSearch, WalksDefinitionsInOrder) {
  model::ParameterRanges r;
  r.categorical_ranges.push_back({"a", {"x", "y"}});
  const std::vector<search::SearchSpace> spaces = {space_of(r), space_of(r)};
  GridSearch grid;
  auto proposals = draw(grid, spaces, 0, 100);
  ASSERT_EQ(proposals.size(), 4u);
  EXPECT_EQ(proposals[0].definition, 0u);
  EXPECT_EQ(proposals[1].definition, 0u);
  EXPECT_EQ(proposals[2].definition, 1u);
  EXPECT_EQ(proposals[3].definition, 1u);
}

}  // namespace
}  // namespace emulator::strategies
