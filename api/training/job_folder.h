#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "api/object_store/object_store.h"
#include "api/training/job_definition.h"
#include "api/training/toolkit_arguments.h"
#include "capacity_model/result.h"

namespace api::training {

// The /opt/ml-shaped folder of one run (training-contract.md §1.1), as the code sees it:
// <work-dir>/<job> for a process, /opt/ml inside a container.
struct JobPaths {
  std::filesystem::path base;
  std::filesystem::path checkpoint_dir;  // CheckpointConfig.LocalPath in a container, base/checkpoints else

  std::filesystem::path config() const { return base / "input" / "config"; }
  std::filesystem::path data() const { return base / "input" / "data"; }
  std::filesystem::path model() const { return base / "model"; }
  std::filesystem::path output() const { return base / "output"; }
  std::filesystem::path output_data() const { return base / "output" / "data"; }
  std::filesystem::path failure() const { return base / "output" / "failure"; }
  std::filesystem::path code() const { return base / "code"; }
};

// One run of a training job: who it is, what it got, what it asked for.
struct RunContext {
  std::string job_name;
  std::string job_arn;
  std::string region;
  std::string instance_type;
  std::map<std::string, std::string> hyperparameters;
  JobDefinition definition;
  ToolkitHyperparameters toolkit;
};

// Makes the folder for a fresh run, as a new container finds it: config files, each channel
// copied from the S3 store (or a file:// folder), the checkpoints under CheckpointConfig.S3Uri,
// and in script mode the unpacked source archive in code/. Anything left from an earlier run
// (a spot restart) is removed first. `seen_as` is the same folder as the code sees it.
capacity_model::Status<std::string> prepare_job_folder(const JobPaths& local, const JobPaths& seen_as,
                                                       const RunContext& run, const object_store::ObjectStore& store);

// The whole environment of the process: the SM_* variables the training toolkit sets (with
// paths as `seen_as`), TRAINING_JOB_NAME, TRAINING_JOB_ARN, AWS_REGION, `base` (PATH, HOME,
// ...), then the request's Environment, which may not replace the job's identity.
std::vector<std::string> job_environment(const RunContext& run, const JobPaths& seen_as,
                                         const std::map<std::string, std::string>& base);

}  // namespace api::training
