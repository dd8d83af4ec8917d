// Runs one shipped scenario with a fixed seed and workload to the end of its events and
// compares the timeline with fixtures/golden/<scenario>.jsonl, line by line.
//   golden_runner <scenario.json> <golden.jsonl> [--update]
// --update rewrites the golden file (review the diff before committing it).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/objectives/objective_library_json.h"
#include "capacity_model/scenario_json.h"
#include "emulator/model/scope.h"
#include "emulator/store/job_store.h"
#include "emulator/timeline/render.h"
#include "emulator/training/lifecycle.h"
#include "emulator/tuning/tuning_controller.h"
#include "emulator/world.h"
#include "tests/support/tuning_request_builder.h"

namespace {

constexpr std::uint64_t kSeed = 7;
constexpr std::size_t kMaxEvents = 1'000'000;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The workload every scenario plays: the blog post's fallback job, and a GPU job that
// prefers spot p3 and falls back to g5 — what the scarce, faulty and spot scenarios touch.
std::vector<emulator::model::CreateHyperParameterTuningJobRequest> workload() {
  auto blog = test_support::blog_request("blog");
  auto gpu = test_support::blog_request("gpu");
  gpu.config.strategy = emulator::model::HyperParameterTuningJobStrategyType::Bayesian;
  gpu.config.resource_limits.max_number_of_training_jobs = 8;
  gpu.config.resource_limits.max_parallel_training_jobs = 4;
  auto& def = gpu.definitions.front();
  def.tuning_resource_config->instance_configs = {{"ml.p3.2xlarge", 1, 50}, {"ml.g5.xlarge", 1, 50}};
  def.enable_managed_spot_training = true;
  def.max_wait_time_in_seconds = 2 * def.max_runtime_in_seconds;
  return {blog, gpu};
}

std::vector<std::string> timeline_lines(emulator::World& world) {
  std::vector<std::string> lines;
  for (const auto* event : world.timeline().select({}).events) {
    const auto e = emulator::timeline::render(world.timeline(), *event);
    nlohmann::ordered_json j = {{"seq", e.sequence}, {"ms", e.time.count()}, {"type", e.type}};
    auto put = [&](const char* key, const std::string& value) {
      if (!value.empty()) j[key] = value;
    };
    put("region", e.region);
    put("tuningJob", e.tuning_job);
    put("trainingJob", e.training_job);
    put("instanceType", e.instance_type);
    put("zone", e.zone);
    if (e.instance_count > 0) j["count"] = e.instance_count;
    put("message", e.message);
    lines.push_back(j.dump());
  }
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: golden_runner <scenario.json> <golden.jsonl> [--update]\n";
    return 2;
  }
  const std::string scenario_path = argv[1], golden_path = argv[2];
  const bool update = argc > 3 && std::string(argv[3]) == "--update";

  auto catalog = *capacity_model::parse_catalog(read(std::string(AMT_FIXTURES_DIR) + "/catalog/instance-types.json"));
  auto parsed = capacity_model::parse_scenario(read(scenario_path), catalog);
  if (!parsed) {
    std::cerr << scenario_path << ": " << parsed.error().message << "\n";
    return 1;
  }
  emulator::World world(
      {std::move(catalog), std::move(*parsed), kSeed, 0, api::objectives::builtin_objective_library()});
  const emulator::model::Scope scope{"123456789012", world.scenario().region};
  for (auto& request : workload()) {
    auto created = world.tuning().create(scope, std::move(request));
    if (!created.ok()) {
      std::cerr << "workload refused: " << created.error().message << "\n";
      return 1;
    }
  }
  for (std::size_t i = 0; i < kMaxEvents && world.simulator().step(); ++i) {
  }
  if (world.simulator().pending() > 0) {
    std::cerr << "the run did not end within " << kMaxEvents << " events\n";
    return 1;
  }
  const auto lines = timeline_lines(world);

  if (update) {
    std::ofstream out(golden_path);
    for (const auto& line : lines) out << line << "\n";
    std::cout << "wrote " << lines.size() << " events to " << golden_path << "\n";
    return 0;
  }
  std::ifstream in(golden_path);
  if (!in) {
    std::cerr << "no golden file " << golden_path << " (run with --update to create it)\n";
    return 1;
  }
  std::string expected;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!std::getline(in, expected)) {
      std::cerr << "the run has more events than the golden file; first extra (line " << i + 1 << "):\n  "
                << lines[i] << "\n";
      return 1;
    }
    if (expected != lines[i]) {
      std::cerr << "timeline differs at line " << i + 1 << "\n  expected: " << expected << "\n  actual:   " << lines[i]
                << "\n";
      return 1;
    }
  }
  if (std::getline(in, expected)) {
    std::cerr << "the golden file has more events than the run; first missing: " << expected << "\n";
    return 1;
  }
  std::cout << scenario_path << ": " << lines.size() << " events match\n";
  return 0;
}
