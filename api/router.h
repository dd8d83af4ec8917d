#pragma once

#include "api/auth_gate.h"
#include "api/clock/clock_driver.h"
#include "api/control/control_api.h"
#include "api/logs/logs_api.h"
#include "api/metrics/metrics_api.h"
#include "api/monitoring/monitoring_api.h"
#include "api/s3/s3_api.h"
#include "api/sagemaker/sagemaker_api.h"
#include "api/server/http_types.h"
#include "api/sts/sts_api.h"

namespace api {

// The one entry point of every request (wire-protocols.md §1): the dashboard's files, the
// control plane and /metrics first (matched by path, before any AWS parsing, as LocalStack
// orders its handlers), then AWS JSON by X-Amz-Target on any path (botocore posts to the
// endpoint URL's path, §1.1), CloudWatch's RPC v2 CBOR by its path, then the query protocol (a
// form POSTed to /) by the credential scope's service, else its Version; whatever is left is
// S3 (REST-XML, any method and path).
class Router {
 public:
  Router(control::ControlApi& control, metrics::MetricsApi& metrics, sagemaker::SageMakerApi& sagemaker,
         logs::LogsApi& logs, sts::StsApi& sts, monitoring::MonitoringApi& monitoring, s3::S3Api& s3,
         ClockDriver& clock)
      : control_(control),
        metrics_(metrics),
        sagemaker_(sagemaker),
        logs_(logs),
        sts_(sts),
        monitoring_(monitoring),
        s3_(s3),
        clock_(clock) {}

  // With a gate, the control plane and every AWS request pass its checks before dispatch
  // (--auth, --control-token); the gate outlives the router.
  void set_auth(const AuthGate* gate) { auth_ = gate; }

  server::HttpResponse route(const server::HttpRequest& request);
  // Whether a request, seen by its request line and headers alone, goes to S3: the server lets
  // those carry bodies up to s3::S3Api::kMaxBodyBytes.
  static bool is_s3(const server::HttpRequest& request);
  // Whether a path is the control plane's (/_emulator/*).
  static bool is_control(std::string_view path);
  // Whether a request may change what the emulator holds, so a state folder journals it:
  // control-plane writes, and the AWS operations that are not reads (Describe, List, Get,
  // Filter, Search, Batch...). S3 keeps its own folder; STS sessions are kept as they start.
  static bool changes_state(const server::HttpRequest& request);
  // The control plane's refusal of this request (--control-token), if any.
  std::optional<server::HttpResponse> refuse_control(const server::HttpRequest& request) const {
    return auth_ ? auth_->refuse_control(request) : std::nullopt;
  }
  const AuthGate* auth() const { return auth_; }

 private:
  server::HttpResponse route_json(const server::HttpRequest& request, std::string_view target);
  server::HttpResponse route_query(const server::HttpRequest& request);
  std::optional<server::HttpResponse> refused(const server::HttpRequest& request, Protocol protocol) const {
    return auth_ ? auth_->refuse(request, protocol) : std::nullopt;
  }
  // CloudWatch metrics in any framing: the simulation is brought up to now first, since
  // training jobs publish their metrics as they run; the call is counted in /metrics.
  template <typename Call>
  server::HttpResponse to_monitoring(std::string_view operation, Call&& call);
  // The answer, counted in /metrics under the operation (nullopt: one not served) and its status.
  server::HttpResponse counted(std::optional<std::string_view> operation, server::HttpResponse response);

  control::ControlApi& control_;
  metrics::MetricsApi& metrics_;
  sagemaker::SageMakerApi& sagemaker_;
  logs::LogsApi& logs_;
  sts::StsApi& sts_;
  monitoring::MonitoringApi& monitoring_;
  s3::S3Api& s3_;
  ClockDriver& clock_;
  const AuthGate* auth_ = nullptr;
};

}  // namespace api
