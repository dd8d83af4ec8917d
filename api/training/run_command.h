#pragma once

#include <map>
#include <optional>
#include <string>

#include "api/training/image_map.h"
#include "api/training/job_folder.h"
#include "api/training/training_process.h"

namespace api::training {

// How one job runs: the command an image map gives, a container through Docker or Podman,
// or a script-mode program under the toolkit's rules.
struct RunPlan {
  enum class Kind { Command, Container, Script } kind;
  const ImageRunner* runner = nullptr;  // Command and Container
};

// Whether the emulator can run the job at all: the image map first, then script mode.
std::optional<RunPlan> plan_for(const RunContext& run, const ImageMap& map);

struct CommandSettings {
  std::string python;                                     // script mode's interpreter
  std::map<std::string, std::string> base_environment;    // PATH, HOME, LANG of the job's process
  std::map<std::string, std::string> engine_environment;  // the emulator's own, for the engine CLI
};

// The folder as the code sees it: the local one for a process, /opt/ml in a container.
JobPaths seen_as(const RunPlan& plan, const JobPaths& local, const RunContext& run);

// The process to start. A container gets input/, model/, output/ (and the checkpoint folder)
// mounted one by one, never all of /opt/ml, which would hide code baked into the image
// (training-contract.md §1.8), the hostname algo-1, and the job's environment with -e.
ProcessSpec command_for(const RunPlan& plan, const RunContext& run, const JobPaths& local,
                        const CommandSettings& settings);

}  // namespace api::training
