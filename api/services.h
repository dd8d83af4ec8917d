#pragma once
// Every service on the port, and the router in front of them, over one World: what main.cc
// serves, and what the request-path fuzz target (tests/fuzz) drives without a socket.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/auth_gate.h"
#include "api/clock/clock_driver.h"
#include "api/control/control_api.h"
#include "api/logs/logs_api.h"
#include "api/metrics/metrics_api.h"
#include "api/monitoring/monitoring_api.h"
#include "api/object_store/object_store.h"
#include "api/router.h"
#include "api/s3/s3_api.h"
#include "api/sagemaker/sagemaker_api.h"
#include "api/service_model/service_model.h"
#include "api/sts/sts_api.h"
#include "emulator/control.h"
#include "emulator/logs_service.h"
#include "emulator/sagemaker_service.h"
#include "emulator/world.h"

namespace api {

// Every service on the port, and the router in front of them (behind the signature check), over
// one World.
struct Services {
  Services(emulator::World& world, emulator::Control& control, api::ClockDriver& clock,
           const std::filesystem::path& s3_dir, api::control::BuildInfo info, api::AuthSettings auth_settings = {})
      : sagemaker_service(world),
        logs_service(world),
        control_api(control, clock, std::move(info)),
        store(s3_dir),
        // SageMaker calls signed with a key AssumeRole issued act in the role's account; a
        // channel in a bucket the store knows must hold an object.
        sagemaker_api(sagemaker_service, api::service_model::sagemaker_model(), world.scenario().region, issued(),
                      [this](std::string_view uri) { return store.knows_empty_prefix(uri); }),
        logs_api(logs_service, api::service_model::logs_model(), world.scenario().region, issued()),
        // CloudWatch's "now" is the simulation's, on the wall clock its epoch stands for.
        monitoring_api(world.metric_store(), world.scenario().region, issued(),
                       [&world] { return world.epoch_ms() + world.simulator().now().count(); }),
        metrics_api(control),
        s3_api(store, world.scenario().region, issued()),
        router(control_api, metrics_api, sagemaker_api, logs_api, sts_api, monitoring_api, s3_api, clock),
        // Signatures are signed with the wall clock, never the virtual one.
        auth(
            std::move(auth_settings), [this](std::string_view key) { return sts_api.issued_session(key); },
            [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }) {
    router.set_auth(&auth);
  }

  std::function<std::optional<std::string>(std::string_view)> issued() {
    return [this](std::string_view access_key) { return sts_api.issued_account(access_key); };
  }

  emulator::SageMakerService sagemaker_service;
  emulator::CloudWatchLogsService logs_service;
  api::control::ControlApi control_api;
  api::sts::StsApi sts_api;
  api::object_store::ObjectStore store;
  api::sagemaker::SageMakerApi sagemaker_api;
  api::logs::LogsApi logs_api;
  api::monitoring::MonitoringApi monitoring_api;
  api::metrics::MetricsApi metrics_api;
  api::s3::S3Api s3_api;
  api::Router router;
  const api::AuthGate auth;
};

}  // namespace api
