#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/result.h"
#include "emulator/sim/clock.h"
#include "emulator/timeline/timeline.h"

namespace api {

// Real training code (design.md "Real training code"): off unless --training local.
struct TrainingOptions {
  bool local = false;                    // --training simulated|local
  std::optional<std::string> image_map;  // JSON list: training image (regex) -> command or container
  std::optional<std::string> s3_dir;     // the S3 store's folder (default: a temporary one)
  std::optional<std::string> work_dir;   // job folders and logs (default: a temporary one)
  bool keep_job_dirs = false;            // keep the folders of failed jobs
  std::size_t max_local_jobs = 0;        // processes at once; 0: the number of cores
  std::optional<std::string> python;     // script mode's interpreter (default /usr/bin/python3, else python3)
  std::chrono::seconds stop_grace{120};  // SIGTERM to SIGKILL, as SageMaker's docker stop -t 120
};

// Signature checking and the control plane's token (docs/operations.md "Signatures").
struct AuthOptions {
  bool sigv4 = false;                            // --auth none|sigv4
  std::optional<std::string> credentials_file;   // --credentials FILE (AWS shared-credentials INI)
  std::optional<std::string> access_key_id;      // AMT_EMULATOR_ACCESS_KEY_ID (environment only)
  std::optional<std::string> secret_access_key;  // AMT_EMULATOR_SECRET_ACCESS_KEY (environment only)
  std::optional<std::string> control_token;      // --control-token TOKEN
};

// Command-line flags, each also readable from an AMT_EMULATOR_* variable (flags win).
struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4599;
  std::optional<std::string> scenario_file;
  std::optional<emulator::sim::ClockMode> clock;  // the scenario's, else realtime
  std::optional<double> time_scale;               // the scenario's, else 600
  std::optional<std::uint64_t> seed;              // the scenario's, else 0
  std::string log_level = "info";
  std::size_t max_events = emulator::timeline::kDefaultMaxEvents;  // the timeline's retention
  TrainingOptions training;
  AuthOptions auth;
  std::optional<std::string> state_dir;  // --state-dir: the journal's folder (default: in memory)
  // --snapshot-every: journal records after which the world is snapshotted once quiescent (0: never).
  std::size_t snapshot_every = 1'000;
  bool help = false;
  bool version = false;
};

struct OptionsError {
  std::string message;
};

// `getenv` is handed in so tests can supply an environment.
capacity_model::Result<Options, OptionsError> parse_options(const std::vector<std::string>& args,
                                                            const std::function<const char*(const char*)>& getenv);

std::string usage();

}  // namespace api
