// Bayesian suggestion latency versus history size (optimizer_quality.cc measures regret).
//
//   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON
//   cmake --build build --target strategy_bench
//   build/bench/strategy_bench --benchmark_filter=Latency   # ms per suggestion, 6 dimensions
//
// Latency/<n>: the strategy has been searching already (its last hyperparameter fit was at
// n − 25 observations, as in a running tuning job); 21 suggestions are timed while the
// history grows from n to n + 20 (median_ms, p90_ms, max_ms). ColdLatency/<n>: a fresh
// strategy per suggestion, so every one includes a hyperparameter fit from scratch.
#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "emulator/objective/test_functions.h"
#include "emulator/strategies/bayesian.h"

namespace {

using emulator::objective::evaluate;
using emulator::objective::TestFunction;
using emulator::strategies::BayesianSearch;
using emulator::strategies::Observation;
using emulator::strategies::Proposal;
using emulator::strategies::SearchState;
using Objective = emulator::model::HyperParameterTuningJobObjectiveType;

std::vector<emulator::search::SearchSpace> unit_cube(int dims) {
  emulator::model::ParameterRanges ranges;
  for (int d = 0; d < dims; ++d) {
    std::string name = "x";
    name += std::to_string(d);
    ranges.continuous_ranges.push_back({name, "0", "1", emulator::model::HyperParameterScalingType::Linear});
  }
  return {*emulator::search::SearchSpace::from_ranges(ranges)};
}

std::vector<Observation> random_history(int n, int dims, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Observation> history;
  for (int i = 0; i < n; ++i) {
    Proposal p{0, std::vector<double>(static_cast<std::size_t>(dims))};
    for (auto& u : p.unit_point) u = unit(rng);
    history.push_back({p, evaluate(TestFunction::Hartmann6, p.unit_point)});
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

}  // namespace

BENCHMARK_MAIN();
