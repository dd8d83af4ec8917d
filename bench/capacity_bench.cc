// The capacity model's costs (issue 4): allocation decisions per second in a region of 100
// instance types × 6 zones holding 1,000 clusters, and a 24-hour gpu-crunch day in process.
//   build-bench/bench/capacity_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <random>

#include "capacity_model/faults.h"
#include "capacity_model/pool.h"
#include "capacity_model/unavailable_offerings.h"
#include "tests/support/test_world.h"
#include "tests/support/tuning_request_builder.h"

namespace {

using namespace std::chrono_literals;

struct BusyRegion {
  capacity_model::Catalog catalog = test_support::real_catalog();
  std::vector<std::string> types;
  std::unique_ptr<capacity_model::RegionalPool> pool;

  BusyRegion() {
    for (std::size_t i = 0; i < 100; ++i) types.push_back(catalog.all()[i].name);
    std::vector<std::string> zones;
    for (char z = 'a'; z <= 'f'; ++z) zones.push_back(std::string("us-east-1") + z);
    pool = std::make_unique<capacity_model::RegionalPool>(catalog, "us-east-1", zones, 12,
                                                          std::vector<capacity_model::PoolCapacity>{});
    std::mt19937_64 rng(1);
    for (int held = 0; held < 1000;) {  // 1,000 concurrent training jobs' clusters
      const auto& type = types[rng() % types.size()];
      if (std::holds_alternative<capacity_model::Granted>(pool->allocate(type, 1 + int(rng() % 4)))) ++held;
    }
  }
};

void BM_AllocateRelease(benchmark::State& state) {
  BusyRegion region;
  std::mt19937_64 rng(2);
  capacity_model::FaultBook faults;
  faults.add({"", {region.types[0], region.types[1]}, {}, 30, 0ms, std::nullopt});
  faults.add({"", {}, {"us-east-1c"}, 30, 0ms, std::nullopt});
  capacity_model::UnavailableOfferings cache(180s);
  const bool with_context = state.range(0) == 1;
  std::size_t granted = 0, decisions = 0;
  capacity_model::Millis now{0};
  for (auto _ : state) {
    const auto& type = region.types[rng() % region.types.size()];
    const int count = 1 + int(rng() % 4);
    now += 1s;
    const auto decision = with_context
        ? region.pool->allocate(type, count, capacity_model::CapacityType::OnDemand,
                                {now, &faults, &rng, &cache})
        : region.pool->allocate(type, count);
    ++decisions;
    if (const auto* g = std::get_if<capacity_model::Granted>(&decision)) {
      ++granted;
      region.pool->release(g->lease);
    } else if (with_context) {
      for (const auto& zone : std::get<capacity_model::InsufficientCapacity>(decision).refused_zones) {
        cache.mark(type, zone, capacity_model::CapacityType::OnDemand, now);
      }
    }
  }
  state.SetItemsProcessed(std::int64_t(decisions));
  state.counters["granted_share"] = double(granted) / double(std::max<std::size_t>(1, decisions));
  state.SetLabel(with_context ? "two 30% faults + unavailable-offerings cache" : "plain pool");
}
BENCHMARK(BM_AllocateRelease)->Arg(0)->Arg(1);

capacity_model::Scenario gpu_crunch() {
  auto catalog = test_support::real_catalog();
  auto parsed = capacity_model::parse_scenario(test_support::read_fixture("scenarios/gpu-crunch.json"), catalog);
  return std::get<capacity_model::Scenario>(std::move(parsed));
}

void BM_GpuCrunchDay(benchmark::State& state) {
  std::map<std::string, int> counts;
  std::size_t jobs = 0;
  for (auto _ : state) {
    auto scenario = gpu_crunch();
    scenario.quotas.tuning.max_training_jobs_per_tuning_job = 5000;
    auto world = test_support::make_world(scenario, 7);
    for (int i = 0; i < 4; ++i) {
      auto request = test_support::blog_request("gpu-" + std::to_string(i));
      request.config.resource_limits.max_number_of_training_jobs = 1000;
      request.config.resource_limits.max_parallel_training_jobs = 10;
      auto& def = request.definitions[0];
      def.tuning_resource_config->instance_configs = {{"ml.p3.2xlarge", 1, 50}, {"ml.g5.xlarge", 1, 50},
                                                      {"ml.g5.2xlarge", 1, 50}};
      def.static_hyper_parameters["num_round"] = "2000";
      if (i == 3) {
        def.enable_managed_spot_training = true;
        def.max_wait_time_in_seconds = 2 * def.max_runtime_in_seconds;
      }
      if (!world->tuning().create(test_support::kScope, request).ok()) state.SkipWithError("refused");
    }
    world->simulator().run_until(24h);
    counts.clear();
    for (const auto& e : world->timeline().all()) counts[e.type]++;
    jobs = world->stores().at(test_support::kScope).training_jobs().size();
  }
  state.counters["training_jobs"] = double(jobs);
  state.counters["ice"] = counts["ice"];
  state.counters["fell_back"] = counts["fell-back"];
  state.counters["interrupted"] = counts["interrupted"];
  state.counters["events"] = 0;
  for (const auto& [_, n] : counts) state.counters["events"] += n;
}
BENCHMARK(BM_GpuCrunchDay)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
