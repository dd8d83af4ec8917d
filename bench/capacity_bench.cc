// The capacity model's cost (issue 4, "A benchmark"):
//  - allocation decisions per second on a RegionalPool of 100 catalog types x 6 zones holding
//    1,000 concurrent leases, bare and with what the provisioner passes along (a FaultBook
//    with two active 30 % faults, an UnavailableOfferings cache with a 180 s TTL);
//  - wall time of a 24-hour `gpu-crunch` day in `instant` mode, in process;
//  - the design.md target: a 24-hour scenario with 1,000 children in `instant` mode <= 1 s.
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON
//   cmake --build build-bench --target capacity_bench
//   build-bench/bench/capacity_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "api/objectives/objective_library_json.h"
#include "capacity_model/faults.h"
#include "capacity_model/pool.h"
#include "capacity_model/scenario_json.h"
#include "capacity_model/unavailable_offerings.h"
#include "emulator/model/scope.h"
#include "emulator/store/job_store.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/tuning_controller.h"
#include "emulator/world.h"
#include "tests/support/tuning_request_builder.h"

namespace {

using capacity_model::CapacityType;
using capacity_model::Millis;

std::string read_fixture(const std::string& relative) {
  const std::string path = std::string(AMT_FIXTURES_DIR) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const capacity_model::Catalog& real_catalog() {
  static const capacity_model::Catalog catalog = [] {
    auto parsed = capacity_model::parse_catalog(read_fixture("catalog/instance-types.json"));
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::move(*parsed);
  }();
  return catalog;
}

// ---- allocation decisions ------------------------------------------------------------------

constexpr int kTypes = 100;
constexpr int kLeases = 1000;
const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b", "us-east-1c",
                                         "us-east-1d", "us-east-1e", "us-east-1f"};
// One decision advances the context's clock by this much: 1,000 jobs of about an hour turn
// over far slower, so the 180 s cache sees more churn than a real region would.
constexpr Millis kTick{1000};

struct Request {
  std::string_view type;
  int count = 1;
  CapacityType capacity_type = CapacityType::OnDemand;
};

// The first 100 types of the real catalog; GPU types are scarce (4 per zone, 2 spot), four
// of them dry (0 everywhere), CPU types have 16 per zone (8 spot); other tenants use 0-50 %
// of each pool. Then 1,000 leases of 1-4 instances are taken across the types.
class AllocationFixture {
 public:
  AllocationFixture()
      : catalog_(first_types(kTypes)),
        pool_(catalog_, "us-east-1", kZones, 16, overrides(), 8),
        unavailable_(Millis{180'000}),
        fault_rng_(11) {
    for (const auto& spec : catalog_.all()) (spec.gpus > 0 ? gpu_ : cpu_).push_back(spec.name);
    for (int i = 0; i < 4; ++i) dry_.push_back(gpu_[gpu_.size() - 1 - i]);
    gpu_.resize(gpu_.size() - 4);

    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> share(0.0, 0.5);
    std::vector<double> demand(pool_.keys().size());
    for (double& d : demand) d = share(rng);
    pool_.set_demand_utilization(demand);

    faults_.add({"gpu-ab", gpu_, {"us-east-1a", "us-east-1b"}, "", 30, Millis{0}, std::nullopt});
    faults_.add({"zone-f", {}, {"us-east-1f"}, "", 30, Millis{0}, std::nullopt});

    // A realistic mix: 85 % on-demand; 70 % CPU types, 25 % GPU, 5 % dry; mostly 1 instance.
    std::discrete_distribution<int> count({50, 25, 15, 10});
    std::discrete_distribution<int> kind({70, 25, 5});
    std::bernoulli_distribution spot(0.15);
    auto pick = [&](const std::vector<std::string>& names) -> std::string_view {
      return names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(rng)];
    };
    mix_.resize(4096);
    for (auto& r : mix_) {
      const int k = kind(rng);
      r.type = pick(k == 0 ? cpu_ : k == 1 ? gpu_ : dry_);
      r.count = count(rng) + 1;
      r.capacity_type = spot(rng) ? CapacityType::Spot : CapacityType::OnDemand;
    }
    // Requests that cannot be granted: half on dry types, half for more GPUs than a zone has.
    ice_mix_.resize(4096);
    for (auto& r : ice_mix_) {
      const bool dry = rng() % 2 == 0;
      r.type = pick(dry ? dry_ : gpu_);
      r.count = dry ? count(rng) + 1 : 5 + count(rng);
      r.capacity_type = spot(rng) ? CapacityType::Spot : CapacityType::OnDemand;
    }

    // 1,000 concurrent leases (no faults, no cache while filling).
    leases_.reserve(kLeases);
    while (leases_.size() < kLeases) {
      const int k = kind(rng);
      if (k == 2) continue;
      auto d = pool_.allocate(pick(k == 0 ? cpu_ : gpu_), count(rng) + 1,
                              spot(rng) ? CapacityType::Spot : CapacityType::OnDemand);
      if (auto* g = std::get_if<capacity_model::Granted>(&d)) leases_.push_back(g->lease);
    }
  }

  // One decision as the provisioner makes it: ask, and on a grant hand back the oldest lease
  // (so 1,000 stay held); on ICE mark the zones asked in the cache. True when granted.
  bool decide(const Request& r, bool with_context) {
    capacity_model::Decision d;
    if (with_context) {
      now_ += kTick;
      const capacity_model::AllocationContext context{now_, &faults_, &fault_rng_, &unavailable_};
      d = pool_.allocate(r.type, r.count, r.capacity_type, context);
    } else {
      d = pool_.allocate(r.type, r.count, r.capacity_type);
    }
    if (auto* g = std::get_if<capacity_model::Granted>(&d)) {
      pool_.release(leases_[next_]);
      leases_[next_] = g->lease;
      next_ = (next_ + 1) % leases_.size();
      return true;
    }
    const auto& ice = std::get<capacity_model::InsufficientCapacity>(d);
    if (ice.refused_zones.empty()) ++answered_by_cache_;
    if (!ice.fault_id.empty()) ++by_fault_;
    if (with_context) {
      for (const auto& zone : ice.refused_zones) unavailable_.mark(r.type, zone, r.capacity_type, now_);
    }
    return false;
  }

  const std::vector<Request>& mix() const { return mix_; }
  const std::vector<Request>& ice_mix() const { return ice_mix_; }
  std::size_t answered_by_cache() const { return answered_by_cache_; }
  std::size_t by_fault() const { return by_fault_; }
  std::size_t cache_size() const { return unavailable_.size(); }

 private:
  static capacity_model::Catalog first_types(int n) {
    const auto& all = real_catalog().all();
    return capacity_model::Catalog({all.begin(), all.begin() + std::min<std::size_t>(n, all.size())});
  }
  std::vector<capacity_model::PoolCapacity> overrides() const {
    std::vector<capacity_model::PoolCapacity> out;
    std::vector<std::string> gpus;
    for (const auto& spec : catalog_.all()) {
      if (spec.gpus > 0) gpus.push_back(spec.name);
    }
    for (std::size_t i = 0; i < gpus.size(); ++i) {
      const bool dry = i + 4 >= gpus.size();
      out.push_back({gpus[i], std::nullopt, dry ? 0 : 4, CapacityType::OnDemand});
      out.push_back({gpus[i], std::nullopt, dry ? 0 : 2, CapacityType::Spot});
    }
    return out;
  }

  capacity_model::Catalog catalog_;
  capacity_model::RegionalPool pool_;
  capacity_model::FaultBook faults_;
  capacity_model::UnavailableOfferings unavailable_;
  std::mt19937_64 fault_rng_;
  Millis now_{0};
  std::vector<std::string> cpu_, gpu_, dry_;
  std::vector<Request> mix_, ice_mix_;
  std::vector<capacity_model::LeaseId> leases_;
  std::size_t next_ = 0;
  std::size_t answered_by_cache_ = 0, by_fault_ = 0;
};

void run_decisions(benchmark::State& state, bool ice_only) {
  const bool with_context = state.range(0) == 1;
  AllocationFixture fixture;
  const auto& mix = ice_only ? fixture.ice_mix() : fixture.mix();
  std::size_t i = 0, granted = 0;
  for (auto _ : state) {
    granted += fixture.decide(mix[i++ & (mix.size() - 1)], with_context) ? 1 : 0;
  }
  const double n = double(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["granted_share"] = double(granted) / n;
  state.counters["cache_only_share"] = double(fixture.answered_by_cache()) / n;
  state.counters["fault_share"] = double(fixture.by_fault()) / n;
  state.counters["cache_entries"] = double(fixture.cache_size());
  state.SetLabel(with_context ? "faults x2 at 30 % + 180 s cache" : "bare pool");
}

// allocate (+ release of the oldest lease on a grant) over the realistic mix.
void BM_AllocateRelease(benchmark::State& state) { run_decisions(state, false); }
BENCHMARK(BM_AllocateRelease)->Arg(0)->Arg(1);

// allocate that answers ICE: dry types and clusters larger than any zone's GPU pool.
void BM_AllocateIce(benchmark::State& state) { run_decisions(state, true); }
BENCHMARK(BM_AllocateIce)->Arg(0)->Arg(1);

// ---- whole days in `instant` mode ------------------------------------------------------------

constexpr std::uint64_t kSeed = 7;
constexpr auto kDay = std::chrono::hours(24);
const emulator::model::Scope kScope{"123456789012", "us-east-1"};

const capacity_model::Scenario& gpu_crunch() {
  static const capacity_model::Scenario scenario = [] {
    auto parsed = capacity_model::parse_scenario(read_fixture("scenarios/gpu-crunch.json"), real_catalog());
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::move(*parsed);
  }();
  return scenario;
}

std::unique_ptr<emulator::World> make_world(capacity_model::Scenario scenario) {
  return std::make_unique<emulator::World>(emulator::WorldConfig{
      real_catalog(), std::move(scenario), kSeed, 0, api::objectives::builtin_objective_library()});
}

void count_outcomes(benchmark::State& state, emulator::World& world) {
  using emulator::timeline::EventType;
  const auto& store = world.stores().at(kScope);
  const auto training = store.sorted_training_jobs().counts();
  auto count_of = [](const auto& counts, std::string_view status) {
    auto it = counts.find(status);
    return it == counts.end() ? 0.0 : double(it->second);
  };
  state.counters["training_jobs"] = double(store.sorted_training_jobs().size());
  state.counters["completed"] = count_of(training, "Completed");
  state.counters["failed"] = count_of(training, "Failed");
  for (EventType type : {EventType::Granted, EventType::Ice, EventType::FellBack, EventType::Waiting,
                         EventType::CapacityError, EventType::Interrupted, EventType::Reused}) {
    state.counters[std::string(emulator::timeline::to_string(type))] =
        double(world.timeline().appended_by_type()[static_cast<std::size_t>(type)]);
  }
  state.counters["events"] = double(world.timeline().size());
  state.counters["virtual_h"] = double(world.simulator().now().count()) / 3.6e6;
  state.counters["tuning_in_progress"] = count_of(store.sorted_tuning_jobs().counts(), "InProgress");
  if (std::getenv("CAPACITY_BENCH_VERBOSE") != nullptr) {
    store.sorted_tuning_jobs().walk(emulator::store::ListOrder::Name, false, std::nullopt, std::nullopt,
                                    [](const emulator::model::TuningJob& job) {
                                      std::fprintf(stderr, "%s %s at %.2f h: %s (%zu children)\n", job.name.c_str(),
                                                   std::string(emulator::model::to_string(job.status)).c_str(),
                                                   job.end_time ? double(job.end_time->count()) / 3.6e6 : -1.0,
                                                   job.failure_reason.c_str(), job.children.size());
                                      return true;
                                    });
  }
}

// A day of gpu-crunch: `jobs` tuning jobs of the blog request on [ml.p3.2xlarge, ml.g5.xlarge,
// ml.g5.2xlarge], MaxParallel 10, enough MaxNumberOfTrainingJobs never to end before 24 h
// (AMT's per-job quota raised accordingly), the last one on managed spot; run_until(24 h).
// The second argument is xgboost's num_round: 2000 makes a child train for about half an
// hour on these GPUs, 100 for a few minutes (many more, shorter children in the same day).
void BM_GpuCrunchDay(benchmark::State& state) {
  const int jobs = static_cast<int>(state.range(0));
  const std::string num_round = std::to_string(state.range(1));
  constexpr int kChildrenPerJob = 5000;
  auto scenario = gpu_crunch();
  scenario.quotas.tuning.max_training_jobs_per_tuning_job = kChildrenPerJob;
  std::unique_ptr<emulator::World> last;
  for (auto _ : state) {
    last.reset();  // the previous day's teardown is not this one's cost
    auto world = make_world(scenario);
    for (int i = 0; i < jobs; ++i) {
      auto request = test_support::blog_request("crunch-" + std::to_string(i));
      request.config.resource_limits.max_number_of_training_jobs = kChildrenPerJob;
      request.config.resource_limits.max_parallel_training_jobs = 10;
      auto& def = request.definitions.front();
      def.static_hyper_parameters["num_round"] = num_round;
      def.tuning_resource_config->instance_configs = {
          {"ml.p3.2xlarge", 1, 50}, {"ml.g5.xlarge", 1, 50}, {"ml.g5.2xlarge", 1, 50}};
      if (i == jobs - 1) {
        def.enable_managed_spot_training = true;
        def.max_wait_time_in_seconds = 2 * def.max_runtime_in_seconds;
      }
      auto created = world->tuning().create(kScope, request);
      if (!created.ok()) {
        state.SkipWithError(created.error().message.c_str());
        return;
      }
    }
    world->simulator().run_until(kDay);
    last = std::move(world);
  }
  // After the loop: not timed.
  if (last) count_outcomes(state, *last);
  state.SetLabel(std::to_string(jobs) + " tuning jobs x MaxParallel 10, 1 on spot, num_round " + num_round);
}
BENCHMARK(BM_GpuCrunchDay)->Args({4, 2000})->Args({4, 100})->Unit(benchmark::kMillisecond);

// The design.md target: 1,000 children in all, default scenario, `jobs` tuning jobs of the
// blog request side by side (MaxParallel `parallel` each), run to the end. With 4 x 2 in
// parallel the 1,000 children (~10 virtual minutes each) stretch over about a day.
void BM_ThousandChildrenDay(benchmark::State& state) {
  const int jobs = static_cast<int>(state.range(0));
  const int parallel = static_cast<int>(state.range(1));
  std::unique_ptr<emulator::World> last;
  for (auto _ : state) {
    last.reset();
    auto world = make_world({});
    for (int i = 0; i < jobs; ++i) {
      auto request = test_support::blog_request("day-" + std::to_string(i));
      request.config.resource_limits.max_number_of_training_jobs = 1000 / jobs;
      request.config.resource_limits.max_parallel_training_jobs = parallel;
      auto created = world->tuning().create(kScope, request);
      if (!created.ok()) {
        state.SkipWithError(created.error().message.c_str());
        return;
      }
    }
    while (world->simulator().step()) {
    }
    last = std::move(world);
  }
  // After the loop: not timed.
  if (last) count_outcomes(state, *last);
  state.SetLabel(std::to_string(jobs) + " tuning jobs of " + std::to_string(1000 / jobs) + ", MaxParallel " +
                 std::to_string(parallel));
}
BENCHMARK(BM_ThousandChildrenDay)->Args({4, 10})->Args({10, 10})->Args({4, 2})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
