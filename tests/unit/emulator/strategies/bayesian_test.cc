#include "emulator/strategies/bayesian.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "emulator/objective/test_functions.h"
#include "emulator/strategies/random.h"

namespace emulator::strategies {
namespace {

using model::HyperParameterScalingType;
using model::HyperParameterTuningJobObjectiveType;

search::SearchSpace space_of(const model::ParameterRanges& ranges) { return *search::SearchSpace::from_ranges(ranges); }

std::vector<search::SearchSpace> mixed_spaces() {
  model::ParameterRanges r;
  r.continuous_ranges.push_back({"eta", "0.001", "1", HyperParameterScalingType::Logarithmic});
  r.integer_ranges.push_back({"max_depth", "2", "6", HyperParameterScalingType::Linear});
  r.integer_ranges.push_back({"num_round", "1", "1000", HyperParameterScalingType::Logarithmic});
  r.categorical_ranges.push_back({"booster", {"gbtree", "dart", "gblinear"}});
  return {space_of(r)};
}

std::vector<search::SearchSpace> unit_square() {
  model::ParameterRanges r;
  r.continuous_ranges.push_back({"x1", "0", "1", HyperParameterScalingType::Linear});
  r.continuous_ranges.push_back({"x2", "0", "1", HyperParameterScalingType::Linear});
  return {space_of(r)};
}

// Branin on [−5, 10] × [0, 15] mapped onto the unit square; minimum 0.397887.
double branin(const std::vector<double>& u) {
  const double x1 = -5 + 15 * u[0], x2 = 15 * u[1];
  const double pi = 3.14159265358979323846;
  const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
  return std::pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * std::cos(x1) + 10;
}
constexpr double kBraninMinimum = 0.397887357729739;

using Objective = std::function<std::optional<double>(const Proposal&)>;

struct Run {
  std::vector<Proposal> proposals;
  std::vector<Observation> history;
};

// The tuning loop in miniature: keep `parallel` proposals training, finish the oldest first.
Run run(Strategy& strategy, const std::vector<search::SearchSpace>& spaces, const Objective& f, std::uint64_t seed,
        int budget, int parallel = 1,
        HyperParameterTuningJobObjectiveType direction = HyperParameterTuningJobObjectiveType::Minimize,
        const std::function<void(const Proposal&, const std::vector<Proposal>&)>& check = {}) {
  std::mt19937_64 rng(seed);
  Run out;
  std::vector<Proposal> pending;
  int launched = 0;
  while (launched < budget || !pending.empty()) {
    while (launched < budget && static_cast<int>(pending.size()) < parallel) {
      const SearchState state{spaces, out.history, pending, direction};
      auto p = strategy.propose(state, rng);
      if (!p) return out;
      if (check) check(*p, pending);
      out.proposals.push_back(*p);
      pending.push_back(*p);
      ++launched;
    }
    out.history.push_back({pending.front(), f(pending.front())});
    pending.erase(pending.begin());
  }
  return out;
}

double best_of(const Run& r) {
  double best = INFINITY;
  for (const auto& o : r.history) {
    if (o.objective) best = std::min(best, *o.objective);
  }
  return best;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void expect_legal(const search::SearchSpace& space, const Proposal& p) {
  ASSERT_EQ(p.unit_point.size(), space.size());
  for (double u : p.unit_point) {
    EXPECT_GE(u, 0.0);
    EXPECT_LE(u, 1.0);
  }
  EXPECT_EQ(legal_unit_point(space, p.unit_point), p.unit_point);
  for (std::size_t d = 0; d < space.size(); ++d) {
    const auto& dim = space.dimensions()[d];
    if (dim.kind == search::Dimension::Kind::Continuous) continue;
    EXPECT_EQ(space.to_unit(d, space.value_at(d, p.unit_point[d])), p.unit_point[d]) << dim.name;
    if (dim.kind == search::Dimension::Kind::Categorical) {
      const auto& values = dim.values;
      EXPECT_NE(std::find(values.begin(), values.end(), space.value_at(d, p.unit_point[d])), values.end());
    }
  }
}

TEST(BayesianEncoding, LegalPointsKeepTheirValuesAndRoundTripThroughOneHot) {
  const auto space = mixed_spaces()[0];
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 500; ++i) {
    std::vector<double> u = {unit(rng), unit(rng), unit(rng), unit(rng)};
    const auto legal = legal_unit_point(space, u);
    EXPECT_EQ(space.values_at(legal), space.values_at(u));
    EXPECT_EQ(legal_unit_point(space, legal), legal);
    const auto inputs = model_inputs(space, u);
    ASSERT_EQ(inputs.size(), 6u);  // max_depth, num_round, eta, 3 × booster
    for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(inputs[k], legal[k]);
    EXPECT_DOUBLE_EQ(inputs[3] + inputs[4] + inputs[5], 1.0);
    EXPECT_EQ(unit_point_of_inputs(space, inputs), legal);
  }
}

TEST(BayesianEncoding, IntegersSnapToTheCentreOfTheirCell) {
  const auto space = mixed_spaces()[0];  // integers first: max_depth, num_round, then eta, booster
  // max_depth 2..6 linear: five cells of width 0.2.
  EXPECT_NEAR(legal_unit_point(space, {0.01, 0.5, 0.5, 0.5})[0], 0.1, 1e-12);
  EXPECT_NEAR(legal_unit_point(space, {0.79, 0.5, 0.5, 0.5})[0], 0.7, 1e-12);
  // Two coordinates in the same (logarithmic) integer cell become the same point.
  EXPECT_EQ(legal_unit_point(space, {0.5, 0.40, 0.5, 0.5}), legal_unit_point(space, {0.5, 0.4001, 0.5, 0.5}));
  EXPECT_EQ(space.values_at(legal_unit_point(space, {0.5, 0.40, 0.5, 0.5})).at("num_round"), "15");
  EXPECT_EQ(legal_unit_point(space, {0.5, 0.5, 0.5, 0.7})[3], 2.5 / 3);
}

TEST(BayesianSearch, ProposalsAreLegalPointsOfTheSpace) {
  const auto spaces = mixed_spaces();
  BayesianSearch bayes;
  const Objective f = [&](const Proposal& p) {
    const auto v = spaces[0].values_at(p.unit_point);
    return std::optional<double>(std::pow(std::log10(std::stod(v.at("eta"))) + 1, 2) + std::stod(v.at("max_depth")) / 10 +
                                 (v.at("booster") == "dart" ? 0.0 : 0.5));
  };
  const auto r = run(bayes, spaces, f, 3, 30);
  ASSERT_EQ(r.proposals.size(), 30u);
  for (const auto& p : r.proposals) {
    EXPECT_EQ(p.definition, 0u);
    expect_legal(spaces[0], p);
  }
}

TEST(BayesianSearch, StartsWithALatinHypercube) {
  const auto spaces = unit_square();
  BayesianSearch bayes;
  const auto r = run(bayes, spaces, [](const Proposal& p) { return std::optional<double>(branin(p.unit_point)); }, 4, 3);
  ASSERT_EQ(r.proposals.size(), 3u);
  for (int axis = 0; axis < 2; ++axis) {
    std::set<int> strata;
    for (const auto& p : r.proposals) strata.insert(static_cast<int>(p.unit_point[axis] * 3));
    EXPECT_EQ(strata.size(), 3u) << "axis " << axis;
  }
}

TEST(BayesianSearch, SameSeedSameProposalsOtherSeedOthers) {
  const auto spaces = mixed_spaces();
  const Objective f = [](const Proposal& p) { return std::optional<double>(std::sin(5 * p.unit_point[0]) + p.unit_point[1]); };
  BayesianSearch a, b, c;
  const auto x = run(a, spaces, f, 21, 15, 2), y = run(b, spaces, f, 21, 15, 2), z = run(c, spaces, f, 22, 15, 2);
  ASSERT_EQ(x.proposals.size(), 15u);
  ASSERT_EQ(y.proposals.size(), 15u);
  for (std::size_t i = 0; i < x.proposals.size(); ++i) EXPECT_EQ(x.proposals[i].unit_point, y.proposals[i].unit_point) << i;
  EXPECT_NE(x.proposals.back().unit_point, z.proposals.back().unit_point);
}

TEST(BayesianSearch, PendingProposalsPushTheNextOneElsewhere) {
  const auto spaces = unit_square();
  std::vector<Observation> history;
  std::mt19937_64 draw(9);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 12; ++i) {
    Proposal p{0, {unit(draw), unit(draw)}};
    history.push_back({p, branin(p.unit_point)});
  }
  const std::vector<Proposal> none;
  BayesianSearch first;
  std::mt19937_64 rng1(5);
  const auto p = first.propose({spaces, history, none, HyperParameterTuningJobObjectiveType::Minimize}, rng1);
  ASSERT_TRUE(p);
  const std::vector<Proposal> pending = {*p};
  BayesianSearch second;
  std::mt19937_64 rng2(5);
  const auto q = second.propose({spaces, history, pending, HyperParameterTuningJobObjectiveType::Minimize}, rng2);
  ASSERT_TRUE(q);
  EXPECT_GT(std::hypot(q->unit_point[0] - p->unit_point[0], q->unit_point[1] - p->unit_point[1]), 1e-3);
}

TEST(BayesianSearch, ParallelProposalsNeverRepeatAPendingOne) {
  const auto spaces = unit_square();
  BayesianSearch bayes;
  int checked = 0;
  const auto r = run(bayes, spaces, [](const Proposal& p) { return std::optional<double>(branin(p.unit_point)); }, 6, 30, 5,
                     HyperParameterTuningJobObjectiveType::Minimize, [&](const Proposal& p, const std::vector<Proposal>& pending) {
                       for (const auto& q : pending) {
                         EXPECT_GT(std::hypot(q.unit_point[0] - p.unit_point[0], q.unit_point[1] - p.unit_point[1]), 1e-4);
                         ++checked;
                       }
                     });
  EXPECT_EQ(r.proposals.size(), 30u);
  EXPECT_GT(checked, 50);
  EXPECT_LT(best_of(r) - kBraninMinimum, 0.5);
}

TEST(BayesianSearch, FailedPointsAreNotProposedAgain) {
  model::ParameterRanges ranges;
  ranges.categorical_ranges.push_back({"kind", {"a", "b", "c"}});
  ranges.integer_ranges.push_back({"n", "1", "3", HyperParameterScalingType::Linear});
  const std::vector<search::SearchSpace> spaces = {space_of(ranges)};
  BayesianSearch bayes;
  // Every "a" fails; the others score n.
  const Objective f = [&](const Proposal& p) -> std::optional<double> {
    const auto v = spaces[0].values_at(p.unit_point);
    if (v.at("kind") == "a") return std::nullopt;
    return std::stod(v.at("n"));
  };
  const auto r = run(bayes, spaces, f, 2, 9);
  std::set<std::vector<double>> seen;
  for (const auto& p : r.proposals) {
    expect_legal(spaces[0], p);
    EXPECT_TRUE(seen.insert(p.unit_point).second) << "proposed twice";
  }
  EXPECT_EQ(seen.size(), 9u);  // the whole grid, each point once
}

TEST(BayesianSearch, KeepsSearchingWhenEveryJobFails) {
  const auto spaces = mixed_spaces();
  BayesianSearch bayes;
  const auto r = run(bayes, spaces, [](const Proposal&) { return std::optional<double>(); }, 8, 12, 2);
  ASSERT_EQ(r.proposals.size(), 12u);
  std::set<std::vector<double>> seen;
  for (const auto& p : r.proposals) {
    expect_legal(spaces[0], p);
    EXPECT_TRUE(seen.insert(p.unit_point).second);
  }
}

TEST(BayesianSearch, NothingToTuneStillProposes) {
  const std::vector<search::SearchSpace> spaces = {space_of(model::ParameterRanges{})};
  BayesianSearch bayes;
  const auto r = run(bayes, spaces, [](const Proposal&) { return std::optional<double>(1.0); }, 1, 6);
  ASSERT_EQ(r.proposals.size(), 6u);
  for (const auto& p : r.proposals) EXPECT_TRUE(p.unit_point.empty());
}

TEST(BayesianSearch, MaximizeClimbs) {
  const auto spaces = unit_square();
  BayesianSearch bayes;
  const auto r = run(bayes, spaces, [](const Proposal& p) { return std::optional<double>(-branin(p.unit_point)); }, 7, 30, 1,
                     HyperParameterTuningJobObjectiveType::Maximize);
  double best = -INFINITY;
  for (const auto& o : r.history) best = std::max(best, *o.objective);
  EXPECT_GT(best, -kBraninMinimum - 0.1);
}

TEST(BayesianSearch, SpendsTheBudgetOnTheBetterDefinition) {
  const std::vector<search::SearchSpace> spaces = {unit_square()[0], unit_square()[0]};
  BayesianSearch bayes;
  const Objective f = [](const Proposal& p) {
    const double d = std::pow(p.unit_point[0] - 0.3, 2) + std::pow(p.unit_point[1] - 0.6, 2);
    return std::optional<double>(p.definition == 1 ? d : 2.0 + d);
  };
  const auto r = run(bayes, spaces, f, 12, 30);
  int second = 0;
  for (std::size_t i = 6; i < r.proposals.size(); ++i) second += r.proposals[i].definition == 1 ? 1 : 0;
  EXPECT_EQ(r.proposals[0].definition, 0u);  // initial points alternate between definitions
  EXPECT_EQ(r.proposals[1].definition, 1u);
  EXPECT_GE(second, 20);
  EXPECT_LT(best_of(r), 1e-3);
}

TEST(BayesianSearch, MakeStrategyPicksItForBayesian) {
  auto s = make_strategy(model::HyperParameterTuningJobStrategyType::Bayesian);
  EXPECT_NE(dynamic_cast<BayesianSearch*>(s.get()), nullptr);
  auto h = make_strategy(model::HyperParameterTuningJobStrategyType::Hyperband);
  EXPECT_NE(dynamic_cast<RandomSearch*>(h.get()), nullptr);
}

// Quality: Branin within 40 evaluations, against random search on the same budget.
TEST(BayesianSearch, FindsBraninsMinimumAndBeatsRandom) {
  const auto spaces = unit_square();
  const Objective f = [](const Proposal& p) { return std::optional<double>(branin(p.unit_point)); };
  std::vector<double> bayes_regret, random_regret;
  int solved = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    BayesianSearch bayes;
    RandomSearch random;
    bayes_regret.push_back(best_of(run(bayes, spaces, f, seed, 40)) - kBraninMinimum);
    random_regret.push_back(best_of(run(random, spaces, f, seed, 40)) - kBraninMinimum);
    solved += bayes_regret.back() <= 0.05 ? 1 : 0;
    std::printf("seed %d: bayesian regret %.5f, random %.5f\n", int(seed), bayes_regret.back(), random_regret.back());
  }
  EXPECT_GE(solved, 4);
  EXPECT_LT(median(bayes_regret), median(random_regret));
}

std::vector<search::SearchSpace> unit_cube(int dims) {
  model::ParameterRanges r;
  for (int d = 1; d <= dims; ++d) r.continuous_ranges.push_back({"x" + std::to_string(d), "0", "1", HyperParameterScalingType::Linear});
  return {space_of(r)};
}

double bowl(const Proposal& p) { return std::pow(p.unit_point[0] - 0.3, 2) + std::pow(p.unit_point[1] - 0.6, 2); }

double distance_to_bowl_minimum(const Proposal& p) { return std::hypot(p.unit_point[0] - 0.3, p.unit_point[1] - 0.6); }

// Once the search has nothing left to gain around its minimum it starts again elsewhere (a
// new Latin hypercube); without restarts it keeps polishing the same point.
TEST(BayesianSearch, RestartsAwayFromAConvergedMinimum) {
  const auto spaces = unit_square();
  const Objective f = [](const Proposal& p) { return std::optional<double>(bowl(p)); };
  auto far_late = [&](BayesianOptions options) {
    BayesianSearch bayes(options);
    const auto r = run(bayes, spaces, f, 5, 60);
    int far = 0;
    for (std::size_t i = 40; i < r.proposals.size(); ++i) far += distance_to_bowl_minimum(r.proposals[i]) > 0.25 ? 1 : 0;
    EXPECT_LT(best_of(r), 1e-4);  // the minimum was found before leaving it
    return far;
  };
  BayesianOptions never;
  never.converged_ei = 0;
  EXPECT_GE(far_late(BayesianOptions{}), 4);
  EXPECT_LE(far_late(never), 1);
}

// Restarted searches never propose a point tried before, pending ones included.
TEST(BayesianSearch, RestartsNeverRepeatAPoint) {
  const auto spaces = unit_square();
  BayesianSearch bayes;
  std::set<std::vector<double>> seen;
  const auto r = run(bayes, spaces, [](const Proposal& p) { return std::optional<double>(bowl(p)); }, 8, 80, 3,
                     HyperParameterTuningJobObjectiveType::Minimize,
                     [&](const Proposal& p, const std::vector<Proposal>&) {
                       expect_legal(spaces[0], p);
                       EXPECT_TRUE(seen.insert(p.unit_point).second) << "proposed twice";
                     });
  EXPECT_EQ(r.proposals.size(), 80u);
  int far = 0;
  for (std::size_t i = 50; i < r.proposals.size(); ++i) far += distance_to_bowl_minimum(r.proposals[i]) > 0.25 ? 1 : 0;
  EXPECT_GE(far, 3);  // it did restart
}

// A restarted search leaves the converged basin to the search before: once the bowl's
// minimum has been polished and the search restarts, no later proposal comes back to it
// (without basins the next search finds the only minimum again and polishes it anew).
TEST(BayesianSearch, RestartedSearchesLeaveTheConvergedBasin) {
  const auto spaces = unit_square();
  const Objective f = [](const Proposal& p) { return std::optional<double>(bowl(p)); };
  auto near_late = [&](BayesianOptions options) {
    BayesianSearch bayes(options);
    const auto r = run(bayes, spaces, f, 5, 80);
    EXPECT_LT(best_of(r), 1e-4);
    int near = 0;
    for (std::size_t i = 45; i < r.proposals.size(); ++i) {
      near += distance_to_bowl_minimum(r.proposals[i]) < 0.05 ? 1 : 0;
    }
    return near;
  };
  BayesianOptions no_basins;
  no_basins.basin_radius = 0;
  EXPECT_EQ(near_late(BayesianOptions{}), 0);
  EXPECT_GE(near_late(no_basins), 5);
}

// Branin is smooth: its lengthscales are long enough that two lengthscales around a minimum
// hold the whole square. Capped at half the space, a basin still leaves the next search
// something to model, and an early restart (before the minimum is polished to 0.01) costs
// nothing; uncapped, seeds 16 and 20 end farther than 0.01 from the minimum after 50.
TEST(BayesianSearch, BasinsLeaveRoomOnSmoothFunctions) {
  const auto spaces = unit_square();
  const Objective f = [](const Proposal& p) { return std::optional<double>(branin(p.unit_point)); };
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    BayesianSearch bayes;
    EXPECT_LE(best_of(run(bayes, spaces, f, seed, 50)) - kBraninMinimum, 0.01) << "seed " << seed;
  }
}

// The trap: Hartmann-6 has a local minimum at −3.2032 next to its optimum −3.32237;
// without restarts seeds 4 and 7 of these ten end there after 100 evaluations.
TEST(BayesianSearch, EscapesHartmann6LocalMinimum) {
  const auto spaces = unit_cube(6);
  const double optimum = objective::global_minimum(objective::TestFunction::Hartmann6);
  const Objective f = [](const Proposal& p) {
    return std::optional<double>(objective::evaluate(objective::TestFunction::Hartmann6, p.unit_point));
  };
  int solved = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    BayesianSearch bayes;
    const double regret = best_of(run(bayes, spaces, f, seed, 100)) - optimum;
    solved += regret <= 0.01 ? 1 : 0;
    std::printf("seed %d: regret %.5f\n", int(seed), regret);
  }
  EXPECT_GE(solved, 9);
}

// The same trap with the API's observation noise (σ = 0.005, fixtures/objectives): a second
// search finds the −3.20 valley again about half the time, and a third has no budget left.
// Leaving the converged basin to the search before, 19 of these 20 seeds end within 0.01 of
// the optimum (16 without). The noise is libstdc++'s normal_distribution, as in the tuner.
TEST(BayesianSearch, EscapesHartmann6LocalMinimumWithNoise) {
  const auto spaces = unit_cube(6);
  const double optimum = objective::global_minimum(objective::TestFunction::Hartmann6);
  int solved = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 noise(seed * 7919);
    std::normal_distribution<double> gauss(0.0, 0.005);
    const Objective f = [&](const Proposal& p) {
      const double value = objective::evaluate(objective::TestFunction::Hartmann6, p.unit_point);
      return std::optional<double>(value + gauss(noise));
    };
    BayesianSearch bayes;
    const double regret = best_of(run(bayes, spaces, f, seed, 100)) - optimum;
    solved += regret <= 0.01 ? 1 : 0;
    std::printf("seed %d: regret %.5f\n", int(seed), regret);
  }
  EXPECT_GE(solved, 18);
}

}  // namespace
}  // namespace emulator::strategies
