#include "api/training/run_command.h"

#include <filesystem>

namespace api::training {
namespace {

namespace fs = std::filesystem;

ProcessSpec container_command(const ImageRunner& runner, const RunContext& run, const JobPaths& local,
                              const CommandSettings& settings) {
  const auto inside = seen_as({RunPlan::Kind::Container, &runner}, local, run);
  std::vector<std::string> argv = {runner.engine, "run", "--rm", "--hostname", "algo-1"};
  const std::pair<fs::path, fs::path> mounts[] = {{local.base / "input", inside.base / "input"},
                                                  {local.model(), inside.model()},
                                                  {local.output(), inside.output()}};
  for (const auto& [from, to] : mounts) argv.insert(argv.end(), {"-v", from.string() + ":" + to.string()});
  if (run.definition.checkpoint_s3_uri) {
    argv.insert(argv.end(), {"-v", local.checkpoint_dir.string() + ":" + inside.checkpoint_dir.string()});
  }
  for (const auto& variable : job_environment(run, inside, {})) argv.insert(argv.end(), {"-e", variable});
  const auto& entrypoint = run.definition.container_entrypoint;
  if (!entrypoint.empty()) argv.insert(argv.end(), {"--entrypoint", entrypoint.front()});
  argv.push_back(*runner.container);
  // SageMaker runs `<image> train` unless the request names an entrypoint or arguments.
  if (!entrypoint.empty()) argv.insert(argv.end(), entrypoint.begin() + 1, entrypoint.end());
  const auto& arguments = run.definition.container_arguments;
  if (!arguments.empty()) argv.insert(argv.end(), arguments.begin(), arguments.end());
  if (entrypoint.empty() && arguments.empty()) argv.push_back("train");
  std::vector<std::string> environment;
  for (const auto& [k, v] : settings.engine_environment) environment.push_back(k + "=" + v);
  return {std::move(argv), std::move(environment), local.base};
}

ProcessSpec script_command(const RunContext& run, const JobPaths& local, const CommandSettings& settings) {
  const auto& program = *run.toolkit.program;
  std::vector<std::string> argv;
  if (program.ends_with(".py")) {
    argv = {settings.python, program};
  } else {  // the toolkit runs any other entry point as an executable of its own
    std::error_code ignored;
    fs::permissions(local.code() / program, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add,
                    ignored);
    argv = {(local.code() / program).string()};
  }
  argv.insert(argv.end(), run.toolkit.arguments.begin(), run.toolkit.arguments.end());
  return {std::move(argv), job_environment(run, local, settings.base_environment), local.code()};
}

}  // namespace

std::optional<RunPlan> plan_for(const RunContext& run, const ImageMap& map) {
  if (const auto* runner = map.find(run.definition.training_image)) {
    return RunPlan{runner->container ? RunPlan::Kind::Container : RunPlan::Kind::Command, runner};
  }
  if (run.toolkit.script_mode()) return RunPlan{RunPlan::Kind::Script};
  return std::nullopt;
}

JobPaths seen_as(const RunPlan& plan, const JobPaths& local, const RunContext& run) {
  if (plan.kind != RunPlan::Kind::Container) return local;
  return {"/opt/ml", run.definition.checkpoint_local_path};
}

ProcessSpec command_for(const RunPlan& plan, const RunContext& run, const JobPaths& local,
                        const CommandSettings& settings) {
  switch (plan.kind) {
    case RunPlan::Kind::Container: return container_command(*plan.runner, run, local, settings);
    case RunPlan::Kind::Script: return script_command(run, local, settings);
    case RunPlan::Kind::Command: break;
  }
  const auto workdir = plan.runner->workdir ? fs::path(*plan.runner->workdir) : local.base;
  return {plan.runner->command, job_environment(run, local, settings.base_environment), workdir};
}

}  // namespace api::training
