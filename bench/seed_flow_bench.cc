// In-process wall time of whole tuning runs, the clock jumping from event to event as in
// `instant` mode: the seed flow (issue 2) and a day of 1,000 children (design.md targets).
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON
//   cmake --build build-bench --target seed_flow_bench && build-bench/bench/seed_flow_bench
#include <benchmark/benchmark.h>

#include "tests/support/test_world.h"
#include "tests/support/tuning_request_builder.h"

namespace {

using test_support::kScope;

void run_to_end(emulator::World& world) {
  while (world.simulator().step()) {
  }
}

capacity_model::Scenario dry(bool m4_dry) {
  capacity_model::Scenario scenario;
  if (m4_dry) scenario.pools.push_back({"ml.m4.xlarge", std::nullopt, 0});
  return scenario;
}

void BM_SeedFlow(benchmark::State& state) {
  const bool m4_dry = state.range(0) == 1;
  for (auto _ : state) {
    auto world = test_support::make_world(dry(m4_dry), 7);
    auto created = world->tuning().create(kScope, test_support::blog_request("blog"));
    if (!created.ok()) state.SkipWithError(created.error().message.c_str());
    run_to_end(*world);
    benchmark::DoNotOptimize(world->timeline().size());
  }
  state.SetLabel(m4_dry ? "ml.m4.xlarge dry: every child falls back" : "plenty of capacity");
}
BENCHMARK(BM_SeedFlow)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ThousandChildren(benchmark::State& state) {
  std::size_t children = 0;
  for (auto _ : state) {
    capacity_model::Scenario scenario;
    scenario.quotas.tuning.max_training_jobs_per_tuning_job = 1000;
    auto world = test_support::make_world(scenario, 7);
    for (int i = 0; i < 4; ++i) {
      auto request = test_support::blog_request("day-" + std::to_string(i));
      request.config.resource_limits.max_number_of_training_jobs = 250;
      request.config.resource_limits.max_parallel_training_jobs = 10;
      if (!world->tuning().create(kScope, request).ok()) state.SkipWithError("refused");
    }
    run_to_end(*world);
    children = world->stores().at(kScope).training_jobs().size();
    state.counters["virtual_hours"] = double(world->simulator().now().count()) / 3.6e6;
  }
  state.counters["children"] = double(children);
}
BENCHMARK(BM_ThousandChildren)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
