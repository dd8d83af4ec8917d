// Search strategies: suggestion latency versus history size, and optimiser quality.
//
//   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON
//   cmake --build build --target strategy_bench
//   build/bench/strategy_bench --benchmark_filter=Latency   # ms per suggestion, 6 dimensions
//   build/bench/strategy_bench --benchmark_filter=Regret    # Branin / Hartmann-6, Random vs Bayesian
//
// Latency/<n>: the strategy has been searching already (its last hyperparameter fit was at
// n − 25 observations, as in a running tuning job); 21 suggestions are timed while the
// history grows from n to n + 20 (median_ms, p90_ms, max_ms). ColdLatency/<n>: a fresh
// strategy per suggestion, so every one includes a hyperparameter fit from scratch.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "emulator/strategies/bayesian.h"
#include "emulator/strategies/random.h"

namespace {

using emulator::strategies::BayesianSearch;
using emulator::strategies::Observation;
using emulator::strategies::Proposal;
using emulator::strategies::RandomSearch;
using emulator::strategies::SearchState;
using emulator::strategies::Strategy;
using Objective = emulator::model::HyperParameterTuningJobObjectiveType;

std::vector<emulator::tuning::SearchSpace> unit_cube(int dims) {
  emulator::model::ParameterRanges ranges;
  for (int d = 0; d < dims; ++d) {
    std::string name = "x";
    name += std::to_string(d);
    ranges.continuous_ranges.push_back({name, "0", "1", emulator::model::HyperParameterScalingType::Linear});
  }
  return {*emulator::tuning::SearchSpace::from_ranges(ranges)};
}

// Branin on [−5, 10] × [0, 15] mapped onto [0, 1]²; minimum 0.397887.
double branin(const std::vector<double>& u) {
  const double x1 = -5 + 15 * u[0], x2 = 15 * u[1];
  const double pi = 3.14159265358979323846;
  const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
  return std::pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * std::cos(x1) + 10;
}

// Hartmann-6 on [0, 1]⁶; minimum −3.32237.
double hartmann6(const std::vector<double>& x) {
  static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  static const double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
                                 {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  static const double p[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                 {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                 {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                 {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  double sum = 0;
  for (int i = 0; i < 4; ++i) {
    double inner = 0;
    for (int j = 0; j < 6; ++j) inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
    sum += alpha[i] * std::exp(-inner);
  }
  return -sum;
}

std::vector<Observation> random_history(int n, int dims, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Observation> history;
  for (int i = 0; i < n; ++i) {
    Proposal p{0, std::vector<double>(static_cast<std::size_t>(dims))};
    for (auto& u : p.unit_point) u = unit(rng);
    history.push_back({p, hartmann6(p.unit_point)});
  }
  return history;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * double(v.size() - 1) + 0.5)];
}

void report(benchmark::State& state, const std::vector<double>& ms) {
  state.counters["median_ms"] = quantile(ms, 0.5);
  state.counters["p90_ms"] = quantile(ms, 0.9);
  state.counters["max_ms"] = *std::max_element(ms.begin(), ms.end());
}

void BM_BayesianLatency(benchmark::State& state) {
  constexpr int kDims = 6, kTimed = 21, kWarm = 25;
  const int n = static_cast<int>(state.range(0));
  const auto spaces = unit_cube(kDims);
  const auto all = random_history(n + kTimed, kDims, 42);
  const std::vector<Proposal> pending;
  std::vector<double> ms;
  for (auto _ : state) {
    BayesianSearch bayes;
    std::mt19937_64 rng(7);
    std::vector<Observation> history(all.begin(), all.begin() + std::max(0, n - kWarm));
    if (!history.empty()) bayes.propose({spaces, history, pending, Objective::Minimize}, rng);
    for (int i = 0; i < kTimed; ++i) {
      history.assign(all.begin(), all.begin() + n + i);
      const auto start = std::chrono::steady_clock::now();
      auto p = bayes.propose({spaces, history, pending, Objective::Minimize}, rng);
      const auto stop = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(p);
      ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
  }
  report(state, ms);
}
BENCHMARK(BM_BayesianLatency)->Name("Latency")->Arg(10)->Arg(50)->Arg(100)->Arg(250)->Arg(500)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_BayesianColdLatency(benchmark::State& state) {
  constexpr int kDims = 6, kTimed = 5;
  const int n = static_cast<int>(state.range(0));
  const auto spaces = unit_cube(kDims);
  const auto history = random_history(n, kDims, 43);
  const std::vector<Proposal> pending;
  std::vector<double> ms;
  for (auto _ : state) {
    for (int i = 0; i < kTimed; ++i) {
      BayesianSearch bayes;
      std::mt19937_64 rng(static_cast<std::uint64_t>(i));
      const auto start = std::chrono::steady_clock::now();
      auto p = bayes.propose({spaces, history, pending, Objective::Minimize}, rng);
      const auto stop = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(p);
      ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
  }
  report(state, ms);
}
BENCHMARK(BM_BayesianColdLatency)->Name("ColdLatency")->Arg(10)->Arg(50)->Arg(100)->Arg(250)->Arg(500)->Iterations(1)->Unit(benchmark::kMillisecond);

// Simple regret after `budget` evaluations with `parallel` in flight (oldest finishes first).
double regret(Strategy& strategy, int dims, double (*f)(const std::vector<double>&), double optimum, int budget,
              int parallel, std::uint64_t seed) {
  const auto spaces = unit_cube(dims);
  std::mt19937_64 rng(seed);
  std::vector<Observation> history;
  std::vector<Proposal> pending;
  int launched = 0;
  double best = INFINITY;
  while (launched < budget || !pending.empty()) {
    while (launched < budget && static_cast<int>(pending.size()) < parallel) {
      pending.push_back(*strategy.propose({spaces, history, pending, Objective::Minimize}, rng));
      ++launched;
    }
    const double y = f(pending.front().unit_point);
    best = std::min(best, y);
    history.push_back({pending.front(), y});
    pending.erase(pending.begin());
  }
  return best - optimum;
}

// Args: function (0 Branin, 1 Hartmann-6), strategy (0 Random, 1 Bayesian), budget, parallel.
void BM_Regret(benchmark::State& state) {
  constexpr int kSeeds = 10;
  const bool hartmann = state.range(0) == 1;
  const int budget = static_cast<int>(state.range(2)), parallel = static_cast<int>(state.range(3));
  std::vector<double> regrets;
  for (auto _ : state) {
    for (int seed = 1; seed <= kSeeds; ++seed) {
      std::unique_ptr<Strategy> s;
      if (state.range(1) == 1) s = std::make_unique<BayesianSearch>();
      else s = std::make_unique<RandomSearch>();
      regrets.push_back(hartmann ? regret(*s, 6, hartmann6, -3.32237, budget, parallel, static_cast<std::uint64_t>(seed))
                                 : regret(*s, 2, branin, 0.397887357729739, budget, parallel, static_cast<std::uint64_t>(seed)));
    }
  }
  state.SetLabel(std::string(hartmann ? "Hartmann-6 " : "Branin ") + (state.range(1) == 1 ? "Bayesian" : "Random"));
  state.counters["q1"] = quantile(regrets, 0.25);
  state.counters["median"] = quantile(regrets, 0.5);
  state.counters["q3"] = quantile(regrets, 0.75);
}
BENCHMARK(BM_Regret)
    ->Name("Regret")
    ->ArgNames({"fn", "bayes", "budget", "parallel"})
    ->Args({0, 0, 50, 1})
    ->Args({0, 1, 50, 1})
    ->Args({0, 1, 50, 5})
    ->Args({1, 0, 100, 1})
    ->Args({1, 1, 100, 1})
    ->Args({1, 1, 100, 5})
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
