// Composition root: flags → scenario → world → façades → HTTP server on one io_context.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp misses it under GCC 12

#include "api/clock/clock_driver.h"
#include "api/control/control_api.h"
#include "api/objectives/objective_library_json.h"
#include "api/options.h"
#include "api/router.h"
#include "api/sagemaker/sagemaker_api.h"
#include "api/server/http_server.h"
#include "api/service_model/service_model.h"
#include "capacity_model/scenario_json.h"
#include "embedded/default_scenario.h"
#include "embedded/instance_catalog.h"
#include "emulator/control.h"
#include "emulator/sagemaker_service.h"
#include "emulator/world.h"

namespace {

constexpr const char* kVersion = "0.1.0";

template <typename T>
T or_exit(capacity_model::Result<T, capacity_model::ParseError> parsed, const std::string& what) {
  if (!parsed) {
    std::cerr << "amt-emulator: " << what << ": " << parsed.error().message << "\n";
    std::exit(2);
  }
  return std::move(*parsed);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "amt-emulator: cannot read scenario file '" << path << "'\n";
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
      mode, time_scale, std::move(scenario_name)};
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = api::parse_options(std::vector<std::string>(argv + 1, argv + argc), &std::getenv);
  if (!parsed) {
    std::cerr << "amt-emulator: " << parsed.error().message << "\n\n" << api::usage();
    return 2;
  }
  const auto options = std::move(*parsed);
  if (options.help) {
    std::cout << api::usage();
    return 0;
  }
  if (options.version) {
    std::cout << "amt-emulator " << kVersion << "\n";
    return 0;
  }
  start_logging(options.log_level);
  auto startup = load_startup(options);
  const auto mode = startup.mode;
  const auto time_scale = startup.time_scale;
  const auto seed = startup.config.seed;
  const auto& scenario_name = startup.scenario_name;
  // Before the world: what trains may hold Asio objects on it (api/training), which must go first.
  boost::asio::io_context io(1);
  emulator::World world(std::move(startup.config));
  emulator::SageMakerService service(world);
  emulator::Control control(world);

  api::ClockDriver clock(
      [&io](std::chrono::milliseconds delay, std::function<void()> task) {
        if (delay.count() <= 0) return boost::asio::post(io, std::move(task));
        auto timer = std::make_shared<boost::asio::steady_timer>(io, delay);
        timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& ec) {
          if (!ec) task();
        });
      },
      control, mode, time_scale);
  api::control::ControlApi control_api(control, clock, {kVersion, scenario_name});
  api::sagemaker::SageMakerApi sagemaker_api(service, api::service_model::sagemaker_model(),
                                             world.scenario().region);
  api::metrics::MetricsApi metrics_api(control);
  api::Router router(control_api, metrics_api, sagemaker_api, clock);

  api::server::HttpServer server(io, [&router](const api::server::HttpRequest& r) { return router.route(r); });
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
  });

  const bool ipv6 = options.host.find(':') != std::string::npos;
  spdlog::info("amt-emulator {} listening on http://{}{}{}:{} (scenario {}, region {}, clock {}, time scale {}, seed {})",
               kVersion, ipv6 ? "[" : "", options.host, ipv6 ? "]" : "", port, scenario_name, world.scenario().region,
               emulator::sim::to_string(mode), time_scale, seed);
  io.run();
  spdlog::info("stopped");
  return 0;
}
