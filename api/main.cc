// Composition root: flags → scenario → world → façades → HTTP server on one io_context.
#include <malloc.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp misses it under GCC 12

#include "api/clock/clock_driver.h"
#include "api/control/replies.h"
#include "api/objectives/objective_library_json.h"
#include "api/options.h"
#include "api/persistence/journal_writer.h"
#include "api/persistence/state_folder.h"
#include "api/persistence/state_keeper.h"
#include "api/router.h"
#include "api/s3/s3_api.h"
#include "api/server/http_server.h"
#include "api/server/open_files.h"
#include "api/services.h"
#include "api/training/local_executor.h"
#include "api/what_if/what_if_command.h"
#include "capacity_model/scenario_json.h"
#include "embedded/default_scenario.h"
#include "embedded/instance_catalog.h"
#include "emulator/cloudwatch/metric_store.h"
#include "emulator/control.h"
#include "emulator/world.h"

namespace {

constexpr const char* kVersion = "0.1.0";
// Descriptors beside the connections: the listening socket, logs, the state of local
// training jobs (a process's pipes, its log file).
constexpr std::size_t kSpareDescriptors = 256;

template <typename T>
T or_exit(capacity_model::Result<T, capacity_model::ParseError> parsed, const std::string& what) {
  if (!parsed) {
    std::cerr << "amt-emulator: " << what << ": " << parsed.error().message << "\n";
    std::exit(2);
  }
  return std::move(*parsed);
}

std::string read_file(const std::string& path, std::string_view what = "scenario file") {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "amt-emulator: cannot read " << what << " '" << path << "'\n";
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The log is diagnostics, so it goes to stderr; stdout stays free for --help and --version.
void start_logging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("amt-emulator");
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
  spdlog::set_default_logger(std::move(logger));
  spdlog::set_level(spdlog::level::from_str(level));
}

// What the world starts from: the catalog, the scenario, and the flags that override it.
struct Startup {
  emulator::WorldConfig config;
  emulator::sim::ClockMode mode;
  double time_scale;
  std::string scenario_name;
  std::string scenario_text;  // its bytes: a state folder is tied to them
};

Startup load_startup(const api::Options& options) {
  auto catalog = or_exit(capacity_model::parse_catalog(embedded::instance_catalog), "built-in instance catalog");
  std::string scenario_name = options.scenario_file.value_or("default (built in)");
  const std::string scenario_text =
      options.scenario_file ? read_file(*options.scenario_file) : std::string(embedded::default_scenario);
  auto scenario = or_exit(capacity_model::parse_scenario(scenario_text, catalog), "scenario " + scenario_name);

  using emulator::sim::ClockMode;
  const ClockMode mode = options.clock.value_or(
      scenario.clock_mode ? emulator::sim::parse_clock_mode(*scenario.clock_mode).value_or(ClockMode::Realtime)
                          : ClockMode::Realtime);
  const double time_scale = options.time_scale.value_or(scenario.time_scale.value_or(600.0));
  const std::uint64_t seed = options.seed.value_or(scenario.seed.value_or(0));
  return Startup{
      emulator::WorldConfig{std::move(catalog), std::move(scenario), seed, api::ClockDriver::epoch_ms_for(mode),
                            api::objectives::builtin_objective_library(), options.max_events},
      mode, time_scale, std::move(scenario_name), scenario_text};
}

// A folder the user named, or a fresh one under the temporary folder (logged at start).
std::filesystem::path folder_or_temporary(const std::optional<std::string>& given, const char* purpose) {
  std::filesystem::path folder = given ? std::filesystem::path(*given) : std::filesystem::path();
  if (!given) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / (std::string("amt-emulator-") + purpose + "-XXXXXX"));
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::cerr << "amt-emulator: cannot make a temporary " << purpose << " folder\n";
      std::exit(2);
    }
    folder = pattern;
  }
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    std::cerr << "amt-emulator: cannot make " << folder << ": " << error.message() << "\n";
    std::exit(2);
  }
  return std::filesystem::absolute(folder);
}

// One store folder for the S3 API and the training jobs that read channels and write models;
// with a state folder and no --s3-dir, inside the state folder, so it survives with it.
std::optional<std::string> s3_folder(const api::Options& options) {
  if (options.training.s3_dir || !options.state_dir) return options.training.s3_dir;
  return (std::filesystem::path(*options.state_dir) / "s3").string();
}

// --training local: what the local executor needs, checked before the server starts.
api::training::LocalTrainingConfig local_training_config(const api::TrainingOptions& options,
                                                         const std::filesystem::path& s3_dir) {
  api::training::LocalTrainingConfig config;
  const char* path = std::getenv("PATH");
  const std::string search = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  if (options.image_map) {
    auto map = api::training::ImageMap::load(*options.image_map, search);
    if (!map) {
      std::cerr << "amt-emulator: " << map.error() << "\n";
      std::exit(2);
    }
    config.image_map = std::move(*map);
  }
  config.work_dir = folder_or_temporary(options.work_dir, "work");
  config.s3_dir = s3_dir;
  config.keep_job_dirs = options.keep_job_dirs;
  config.max_local_jobs =
      options.max_local_jobs > 0 ? options.max_local_jobs : std::max(1u, std::thread::hardware_concurrency());
  config.command.python =
      options.python.value_or(::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3");
  // A training process gets a clean environment, as a container would; the container engine's
  // command line gets the emulator's own (DOCKER_HOST, XDG_RUNTIME_DIR, ...).
  const char* home = std::getenv("HOME");
  config.command.base_environment = {{"PATH", search},
                                     {"HOME", home != nullptr ? home : config.work_dir.string()},
                                     {"LANG", "C.UTF-8"},
                                     {"PYTHONUNBUFFERED", "1"}};
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (const auto eq = text.find('='); eq != std::string_view::npos) {
      config.command.engine_environment.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  config.limits.stop_grace = options.stop_grace;
  spdlog::info("real training code: work dir {}, S3 store {}, at most {} processes", config.work_dir.string(),
               config.s3_dir.string(), config.max_local_jobs);
  return config;
}

// --training local: the executor the world makes (again after every reset), whose processes
// report through the clock driver, which exists only once the world does.
class LocalTraining {
 public:
  LocalTraining(boost::asio::io_context& io, const api::TrainingOptions& options, const std::filesystem::path& s3_dir)
      : io_(io), config_(local_training_config(options, s3_dir)) {}

  auto executor_factory() {
    return
        [this](emulator::sim::Simulator& simulator, std::unique_ptr<emulator::execution::TrainingExecutor> simulated) {
          api::training::TrainingClock bridge{[this] { return clock_->report_time(); },
                                              [this](bool started) { clock_->hold_for_process(started); },
                                              [this] { clock_->wake(); }};
          auto executor = std::make_unique<api::training::LocalExecutor>(io_, config_, simulator, std::move(bridge),
                                                                         std::move(simulated));
          executor_ = executor.get();
          return executor;
        };
  }
  void attach(api::ClockDriver& clock) { clock_ = &clock; }  // before any process can start
  void shut_down() { executor_->shut_down(); }

 private:
  boost::asio::io_context& io_;
  api::training::LocalTrainingConfig config_;
  api::ClockDriver* clock_ = nullptr;
  api::training::LocalExecutor* executor_ = nullptr;  // the world's current one
};

// --state-dir: the folder is opened (or refused, naming it), what it holds is replayed, and
// from here on every change is journaled there before its answer goes out.
class StateFolder {
 public:
  // Before anything else is made in the folder (the S3 store may go inside it).
  static api::persistence::OpenedFolder open(const std::filesystem::path& folder,
                                             const api::persistence::Provenance& provenance) {
    auto opened = api::persistence::open_state_folder(folder, provenance);
    if (!opened) {
      std::cerr << "amt-emulator: " << opened.error() << "\n";
      std::exit(2);
    }
    return std::move(*opened);
  }

  StateFolder(boost::asio::io_context& io, const std::filesystem::path& folder, api::persistence::StateKeeper& keeper,
              api::persistence::OpenedFolder opened)
      : lock_(std::move(opened.lock)), tick_(io) {
    if (opened.torn) {
      spdlog::warn("state folder {}: dropped a torn last record, never acknowledged ({})", folder.string(),
                   *opened.torn);
    }
    const auto file = folder / api::persistence::kJournalFile;
    // Durability lost is not an answer the emulator can give: it stops, as a database does.
    try {
      journal_.emplace(
          file, [&io](std::function<void()> task) { boost::asio::post(io, std::move(task)); },
          [](const std::string& message) {
            spdlog::critical("state: {}; stopping, since no answer can be made durable", message);
            spdlog::shutdown();
            std::_Exit(3);
          });
    } catch (const std::exception& error) {
      std::cerr << "amt-emulator: state folder " << folder.string() << ": " << error.what() << "\n";
      std::exit(2);
    }
    const auto attached = keeper.attach(*journal_, opened.records);
    if (!attached) {
      std::cerr << "amt-emulator: state folder " << folder.string() << ": " << attached.error() << "\n";
      std::exit(2);
    }
    const auto& summary = *attached;
    opened.records = {};
    ::malloc_trim(0);  // the records read and the bytes of the replay are garbage now: give them back
    spdlog::info(
        "state folder {}: {}", folder.string(),
        opened.created
            ? std::string("new")
            : fmt::format("{} records replayed{} ({} requests, {} disagreements){}", summary.records,
                          summary.from_snapshot ? " from a snapshot" : "", summary.requests, summary.disagreements,
                          summary.superseded == 0
                              ? std::string()
                              : fmt::format("; {} superseded clock records dropped", summary.superseded)));
    tick(keeper);
  }

  // A graceful stop: the time reached goes into the journal, and the ticks end so that the
  // event loop can (the journal writes what is queued as it closes).
  void stop(api::persistence::StateKeeper& keeper) {
    keeper.tick();
    tick_.cancel();
  }

 private:
  void tick(api::persistence::StateKeeper& keeper) {
    tick_.expires_after(std::chrono::seconds(1));
    tick_.async_wait([this, &keeper](const boost::system::error_code& ec) {
      if (ec) return;
      keeper.tick();
      tick(keeper);
    });
  }

  api::persistence::FolderLock lock_;
  std::optional<api::persistence::JournalWriter> journal_;
  boost::asio::steady_timer tick_;
};

// The clock driver's tasks: at once, or after a wall delay.
api::ClockDriver::Post post_on(boost::asio::io_context& io) {
  return [&io](std::chrono::milliseconds delay, std::function<void()> task) {
    if (delay.count() <= 0) return boost::asio::post(io, std::move(task));
    auto timer = std::make_shared<boost::asio::steady_timer>(io, delay);
    timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& ec) {
      if (!ec) task();
    });
  };
}

// The keys --auth sigv4 checks against: the credentials file's and the environment's pair.
api::AuthSettings auth_settings(const api::AuthOptions& options) {
  api::AuthSettings settings{options.sigv4, {}, options.control_token};
  if (options.credentials_file) {
    auto keys = api::auth::parse_credentials(read_file(*options.credentials_file, "credentials file"));
    if (!keys) {
      std::cerr << "amt-emulator: credentials file '" << *options.credentials_file << "': " << keys.error() << "\n";
      std::exit(2);
    }
    settings.keys = std::move(*keys);
  }
  if (options.access_key_id) settings.keys[*options.access_key_id] = *options.secret_access_key;
  if (settings.sigv4 && settings.keys.empty()) {
    std::cerr << "amt-emulator: --auth sigv4 needs key pairs: --credentials FILE, or AMT_EMULATOR_ACCESS_KEY_ID and "
                 "AMT_EMULATOR_SECRET_ACCESS_KEY\n";
    std::exit(2);
  }
  return settings;
}

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

// What a user should know of who may call in: the signature rule, and an open control plane.
void announce_access(const api::Options& options) {
  spdlog::info("signatures: {}", options.auth.sigv4 ? "checked (--auth sigv4)" : "not checked (--auth none)");
  if (!options.auth.control_token && !is_loopback(options.host)) {
    spdlog::warn("the control plane (/_emulator/*) is open to anyone who reaches {}: give --control-token",
                 options.host);
  }
}

// S3 bodies may be large; the connection cap must fit under the open-files limit.
api::server::ServerLimits server_limits() {
  api::server::ServerLimits limits;
  // S3 objects, and imported states (an export of a long-lived folder).
  limits.large_bodies = {api::s3::S3Api::kMaxBodyBytes, [](const api::server::HttpRequest& r) {
                           return api::Router::is_s3(r) || api::persistence::StateKeeper::is_import(r);
                         }};
  // Each answers in its own format: the AWS JSON services keep the transport's
  // ValidationException.
  limits.too_large = [](const api::server::HttpRequest& r,
                        std::size_t limit) -> std::optional<api::server::HttpResponse> {
    if (api::persistence::StateKeeper::is_import(r)) return api::persistence::StateKeeper::too_large(r);
    if (api::Router::is_control(r.path())) return api::control::too_large(limit);
    if (api::Router::is_s3(r)) return api::s3::S3Api::too_large(r);
    return std::nullopt;
  };
  const auto fitting = api::server::fit_open_files(limits.max_connections, kSpareDescriptors);
  if (fitting < limits.max_connections) {
    spdlog::warn("open-files limit: {} connections fit, not {} (raise `ulimit -n`)", fitting, limits.max_connections);
    limits.max_connections = fitting;
  }
  return limits;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "what-if") {
    return api::what_if::what_if_main(std::vector<std::string>(argv + 2, argv + argc), embedded::instance_catalog,
                                      std::cout, std::cerr);
  }
  auto parsed = api::parse_options(std::vector<std::string>(argv + 1, argv + argc), &std::getenv);
  if (!parsed) {
    std::cerr << "amt-emulator: " << parsed.error().message << "\n\n" << api::usage();
    return 2;
  }
  const auto options = std::move(*parsed);
  if (options.help || options.version) {
    std::cout << (options.help ? api::usage() : std::string("amt-emulator ") + kVersion + "\n");
    return 0;
  }
  start_logging(options.log_level);
  auto startup = load_startup(options);
  const auto mode = startup.mode;
  const auto time_scale = startup.time_scale;
  const auto& scenario_name = startup.scenario_name;
  // Before the world: what trains may hold Asio objects on it (api/training), which must go first.
  boost::asio::io_context io(1);
  const auto provenance = api::persistence::provenance_of(kVersion, scenario_name, startup.scenario_text);
  std::optional<api::persistence::OpenedFolder> opened_state;
  if (options.state_dir) opened_state = StateFolder::open(*options.state_dir, provenance);
  const auto s3_dir = folder_or_temporary(s3_folder(options), "s3");
  std::optional<LocalTraining> local_training;
  if (options.training.local)
    startup.config.make_executor = local_training.emplace(io, options.training, s3_dir).executor_factory();
  emulator::World world(std::move(startup.config));
  emulator::Control control(world);
  api::ClockDriver clock(post_on(io), control, mode, time_scale);
  if (local_training) local_training->attach(clock);
  api::Services services(world, control, clock, s3_dir, {kVersion, scenario_name, world.scenario().region},
                         auth_settings(options.auth));
  api::persistence::StateKeeper keeper(services.router, clock, control, services.sts_api, provenance,
                                       options.snapshot_every);
  std::optional<StateFolder> state_folder;
  if (opened_state) state_folder.emplace(io, *options.state_dir, keeper, std::move(*opened_state));
  api::server::HttpServer server(
      io, [&keeper](const api::server::HttpRequest& r) { return keeper.handle(r); }, server_limits());
  server.set_answer_gate([&keeper](std::function<void()> write) { keeper.gate(std::move(write)); });
  services.metrics_api.watch(server);
  auto bound = server.listen(options.host, options.port);
  if (!bound) {
    std::cerr << "amt-emulator: " << bound.error() << "\n";
    return 1;
  }
  const auto port = *bound;

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: stopping", signal);
    server.stop();
    if (state_folder) state_folder->stop(keeper);
    if (local_training) local_training->shut_down();
  });

  const bool ipv6 = options.host.find(':') != std::string::npos;
  spdlog::info(
      "amt-emulator {} listening on http://{}{}{}:{} (scenario {}, region {}, clock {}, time scale {}, seed {})",
      kVersion, ipv6 ? "[" : "", options.host, ipv6 ? "]" : "", port, scenario_name, world.scenario().region,
      emulator::sim::to_string(clock.mode()), clock.time_scale(), control.seed());
  spdlog::info("S3 store {}", s3_dir.string());
  announce_access(options);
  io.run();
  spdlog::info("stopped");
  return 0;
}
