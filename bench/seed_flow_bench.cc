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
    int fell_back = 0, completed = 0;
    world->stores().at(kScope).sorted_training_jobs().walk(
        emulator::store::ListOrder::Name, false, std::nullopt, std::nullopt, [&](const auto& job) {
          fell_back += job.resource.instance_type == "ml.m5.4xlarge";
          completed += job.status == emulator::model::TrainingJobStatus::Completed;
          return true;
        });
    state.counters["on_m5_4xlarge"] = fell_back;
    state.counters["completed"] = completed;
  }
  state.SetLabel(m4_dry ? "ml.m4.xlarge dry: every child falls back" : "plenty of capacity");
}
BENCHMARK(BM_SeedFlow)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// 1,000 children in `instant` mode: one tuning job of 1,000 (MaxParallel 10, AMT's
// per-job quota raised to 1,000 as AWS support would) — Arg(1) — or four of 250 running
// side by side (10 parallel each) — Arg(4), which fits the 1,000 in fewer virtual hours.
void BM_ThousandChildren(benchmark::State& state) {
  const int jobs = static_cast<int>(state.range(0));
  std::size_t children = 0;
  for (auto _ : state) {
    capacity_model::Scenario scenario;
    scenario.quotas.tuning.max_training_jobs_per_tuning_job = 1000;
    auto world = test_support::make_world(scenario, 7);
    for (int i = 0; i < jobs; ++i) {
      auto request = test_support::blog_request("day-" + std::to_string(i));
      request.config.resource_limits.max_number_of_training_jobs = 1000 / jobs;
      request.config.resource_limits.max_parallel_training_jobs = 10;
      auto created = world->tuning().create(kScope, request);
      if (!created.ok()) state.SkipWithError(created.error().message.c_str());
    }
    run_to_end(*world);
    children = world->stores().at(kScope).sorted_training_jobs().size();
    state.counters["virtual_hours"] = double(world->simulator().now().count()) / 3.6e6;
  }
  state.counters["children"] = double(children);
  state.SetLabel(jobs == 1 ? "one tuning job of 1,000" : "4 tuning jobs of 250");
}
BENCHMARK(BM_ThousandChildren)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
