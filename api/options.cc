#include "api/options.h"

#include <charconv>
#include <cmath>

namespace api {
namespace {

struct Flag {
  const char* name;  // without "--"
  const char* env;
};

constexpr Flag kFlags[] = {
    {"host", "AMT_EMULATOR_HOST"},
    {"port", "AMT_EMULATOR_PORT"},
    {"scenario", "AMT_EMULATOR_SCENARIO"},
    {"clock", "AMT_EMULATOR_CLOCK"},
    {"time-scale", "AMT_EMULATOR_TIME_SCALE"},
    {"seed", "AMT_EMULATOR_SEED"},
    {"log-level", "AMT_EMULATOR_LOG_LEVEL"},
    {"max-events", "AMT_EMULATOR_MAX_EVENTS"},
    {"training", "AMT_EMULATOR_TRAINING"},
    {"image-map", "AMT_EMULATOR_IMAGE_MAP"},
    {"s3-dir", "AMT_EMULATOR_S3_DIR"},
    {"work-dir", "AMT_EMULATOR_WORK_DIR"},
    {"keep-job-dirs", "AMT_EMULATOR_KEEP_JOB_DIRS"},
    {"max-local-jobs", "AMT_EMULATOR_MAX_LOCAL_JOBS"},
    {"python", "AMT_EMULATOR_PYTHON"},
    {"stop-grace", "AMT_EMULATOR_STOP_GRACE"},
    {"auth", "AMT_EMULATOR_AUTH"},
    {"credentials", "AMT_EMULATOR_CREDENTIALS"},
    {"control-token", "AMT_EMULATOR_CONTROL_TOKEN"},
    {"state-dir", "AMT_EMULATOR_STATE_DIR"},
    {"snapshot-every", "AMT_EMULATOR_SNAPSHOT_EVERY"},
};

// Flags that stand alone: `--keep-job-dirs` means true.
bool is_switch(std::string_view name) { return name == "keep-job-dirs"; }

capacity_model::Status<std::string> whole_number(std::string_view flag, const std::string& value, std::size_t low,
                                                 std::size_t& out) {
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || out < low) {
    return "--" + std::string(flag) + " must be a whole number of at least " + std::to_string(low) + ", got '" + value +
           "'";
  }
  return capacity_model::Done{};
}

capacity_model::Status<std::string> apply_training(TrainingOptions& o, std::string_view name,
                                                   const std::string& value) {
  if (name == "training") {
    if (value != "simulated" && value != "local") return "--training must be simulated or local, got '" + value + "'";
    o.local = value == "local";
  } else if (name == "keep-job-dirs") {
    if (value != "true" && value != "false" && value != "1" && value != "0") {
      return "--keep-job-dirs is true or false, got '" + value + "'";
    }
    o.keep_job_dirs = value == "true" || value == "1";
  } else if (name == "max-local-jobs") {
    return whole_number(name, value, 1, o.max_local_jobs);
  } else if (name == "stop-grace") {
    std::size_t seconds = 0;
    if (auto ok = whole_number(name, value, 0, seconds); !ok) return ok;
    o.stop_grace = std::chrono::seconds(seconds);
  } else if (value.empty()) {
    return "--" + std::string(name) + " needs a path";
  } else {
    (name == "image-map"  ? o.image_map
     : name == "s3-dir"   ? o.s3_dir
     : name == "work-dir" ? o.work_dir
                          : o.python) = value;
  }
  return capacity_model::Done{};
}

capacity_model::Status<std::string> apply_auth(AuthOptions& o, std::string_view name, const std::string& value) {
  if (name == "auth") {
    if (value != "none" && value != "sigv4") return "--auth must be none or sigv4, got '" + value + "'";
    o.sigv4 = value == "sigv4";
  } else if (value.empty()) {
    return "--" + std::string(name) + (name == "credentials" ? " needs a path" : " needs a token");
  } else {
    (name == "credentials" ? o.credentials_file : o.control_token) = value;
  }
  return capacity_model::Done{};
}

// The one key pair the environment may give (no flags: a secret on a command line shows in `ps`).
capacity_model::Status<std::string> environment_key(AuthOptions& o,
                                                    const std::function<const char*(const char*)>& getenv) {
  const char* key = getenv("AMT_EMULATOR_ACCESS_KEY_ID");
  const char* secret = getenv("AMT_EMULATOR_SECRET_ACCESS_KEY");
  const bool has_key = key != nullptr && *key != '\0';
  const bool has_secret = secret != nullptr && *secret != '\0';
  if (has_key != has_secret) {
    return std::string("AMT_EMULATOR_ACCESS_KEY_ID and AMT_EMULATOR_SECRET_ACCESS_KEY go together; only ") +
           (has_key ? "the key id" : "the secret") + " is set";
  }
  if (has_key) {
    o.access_key_id = key;
    o.secret_access_key = secret;
  }
  return capacity_model::Done{};
}

capacity_model::Status<std::string> apply(Options& o, std::string_view name, const std::string& value) {
  if (name == "auth" || name == "credentials" || name == "control-token") return apply_auth(o.auth, name, value);
  if (name == "host") {
    if (value.empty()) return std::string("--host needs an address");
    o.host = value;
  } else if (name == "port") {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
    if (ec != std::errc() || end != value.data() + value.size() || port > 65535) {
      return "--port must be a number from 0 to 65535, got '" + value + "'";
    }
    o.port = static_cast<std::uint16_t>(port);
  } else if (name == "scenario") {
    o.scenario_file = value;
  } else if (name == "state-dir") {
    if (value.empty()) return std::string("--state-dir needs a path");
    o.state_dir = value;
  } else if (name == "snapshot-every") {
    return whole_number(name, value, 0, o.snapshot_every);
  } else if (name == "clock") {
    o.clock = emulator::sim::parse_clock_mode(value);
    if (!o.clock) return "--clock must be realtime, manual or instant, got '" + value + "'";
  } else if (name == "time-scale") {
    char* end = nullptr;
    const double scale = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(scale > 0) || !std::isfinite(scale)) {
      return "--time-scale must be a number greater than 0, got '" + value + "'";
    }
    o.time_scale = scale;
  } else if (name == "seed") {
    std::uint64_t seed = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
    if (ec != std::errc() || end != value.data() + value.size()) {
      return "--seed must be a non-negative integer, got '" + value + "'";
    }
    o.seed = seed;
  } else if (name == "log-level") {
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    bool known = false;
    for (auto level : kLevels) known = known || level == value;
    if (!known) return "--log-level must be trace, debug, info, warn, error, critical or off, got '" + value + "'";
    o.log_level = value;
  } else if (name == "max-events") {
    return whole_number(name, value, 1, o.max_events);
  } else {
    return apply_training(o.training, name, value);
  }
  return capacity_model::Done{};
}

}  // namespace

capacity_model::Result<Options, OptionsError> parse_options(const std::vector<std::string>& args,
                                                            const std::function<const char*(const char*)>& getenv) {
  Options options;
  for (const auto& flag : kFlags) {
    if (const char* value = getenv(flag.env); value != nullptr && *value != '\0') {
      if (auto applied = apply(options, flag.name, value); !applied) {
        return OptionsError{applied.error() + " (from " + flag.env + ")"};
      }
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      continue;
    }
    if (arg == "--version") {
      options.version = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) return OptionsError{"unexpected argument '" + arg + "'"};
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool known = false;
    for (const auto& flag : kFlags) known = known || name == flag.name;
    if (!known) return OptionsError{"unknown flag --" + name};
    if (!value && is_switch(name)) value = "true";
    if (!value) {
      if (i + 1 >= args.size()) return OptionsError{"--" + name + " needs a value"};
      value = args[++i];
    }
    if (auto applied = apply(options, name, *value); !applied) return OptionsError{applied.error()};
  }
  if (auto key = environment_key(options.auth, getenv); !key) return OptionsError{key.error()};
  if (options.state_dir && options.training.local) {
    return OptionsError{"--state-dir " + *options.state_dir +
                        " does not work with --training local yet: real training processes are not deterministic, "
                        "so a restart could not rebuild their jobs"};
  }
  return options;
}

std::string usage() {
  return R"(amt-emulator: a local Amazon SageMaker Automatic Model Tuning endpoint.

Usage: amt-emulator [flags]

  --host ADDR          listen address (default 127.0.0.1)            AMT_EMULATOR_HOST
  --port N             listen port, 0 picks a free one (default 4599) AMT_EMULATOR_PORT
  --scenario FILE      capacity scenario (JSON, see fixtures/scenarios) AMT_EMULATOR_SCENARIO
  --clock MODE         realtime | manual | instant (default realtime) AMT_EMULATOR_CLOCK
  --time-scale K       virtual seconds per wall second (default 600)  AMT_EMULATOR_TIME_SCALE
  --seed N             seed of every random choice (default 0)        AMT_EMULATOR_SEED
  --log-level LEVEL    trace|debug|info|warn|error|critical|off       AMT_EMULATOR_LOG_LEVEL
  --max-events N       timeline events kept; the oldest go first      AMT_EMULATOR_MAX_EVENTS
                       (default 1000000)
  --state-dir DIR      keep state there across restarts (default: in  AMT_EMULATOR_STATE_DIR
                       memory; docs/persistence.md)
  --snapshot-every N   after N journal records, snapshot the world   AMT_EMULATOR_SNAPSHOT_EVERY
                       once nothing is under way, if loading it beats
                       replaying them (default 1000; 0 never)

Real training code (docs/real-training.md):
  --training MODE      simulated | local (default simulated)          AMT_EMULATOR_TRAINING
  --image-map FILE     training image (regex) -> command or container AMT_EMULATOR_IMAGE_MAP
  --s3-dir DIR         the S3 store, DIR/<bucket>/<key> (default temp) AMT_EMULATOR_S3_DIR
  --work-dir DIR       job folders and logs (default temp)            AMT_EMULATOR_WORK_DIR
  --keep-job-dirs      keep the folders of failed jobs                AMT_EMULATOR_KEEP_JOB_DIRS
  --max-local-jobs N   training processes at once (default: cores)    AMT_EMULATOR_MAX_LOCAL_JOBS
  --python PATH        script mode's interpreter (default /usr/bin/python3) AMT_EMULATOR_PYTHON
  --stop-grace S       seconds from SIGTERM to SIGKILL (default 120)  AMT_EMULATOR_STOP_GRACE

Signatures and the control plane (docs/services.md "Signatures"):
  --auth MODE          none | sigv4: check SigV4 (and S3 presigned      AMT_EMULATOR_AUTH
                       SigV2) signatures (default none)
  --credentials FILE   key pairs, AWS shared-credentials format       AMT_EMULATOR_CREDENTIALS
                       also AMT_EMULATOR_ACCESS_KEY_ID with AMT_EMULATOR_SECRET_ACCESS_KEY
  --control-token T    /_emulator/* needs Authorization: Bearer T     AMT_EMULATOR_CONTROL_TOKEN
                       (not the dashboard page /_emulator/ui, nor /metrics)
  --version, --help

Point an SDK at http://HOST:PORT (e.g. boto3 endpoint_url); the control plane is under /_emulator/.
)";
}

}  // namespace api
