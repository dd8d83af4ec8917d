#pragma once

#include "api/clock/clock_driver.h"
#include "api/control/control_api.h"
#include "api/logs/logs_api.h"
#include "api/metrics/metrics_api.h"
#include "api/monitoring/monitoring_api.h"
#include "api/sagemaker/sagemaker_api.h"
#include "api/server/http_types.h"
#include "api/sts/sts_api.h"

namespace api {

// The one entry point of every request (wire-protocols.md §1): the dashboard's files, the
// control plane and /metrics first (matched by path, before any AWS parsing, as LocalStack
// orders its handlers), then AWS JSON by X-Amz-Target on any path (botocore posts to the
// endpoint URL's path, §1.1), CloudWatch's RPC v2 CBOR by its path, then the query protocol (a
// form POSTed to /) by the credential scope's service, else its Version.
class Router {
 public:
  Router(control::ControlApi& control, metrics::MetricsApi& metrics, sagemaker::SageMakerApi& sagemaker,
         logs::LogsApi& logs, sts::StsApi& sts, monitoring::MonitoringApi& monitoring, ClockDriver& clock)
      : control_(control),
        metrics_(metrics),
        sagemaker_(sagemaker),
        logs_(logs),
        sts_(sts),
        monitoring_(monitoring),
        clock_(clock) {}

  server::HttpResponse route(const server::HttpRequest& request);

 private:
  server::HttpResponse route_json(const server::HttpRequest& request, std::string_view target);
  server::HttpResponse route_query(const server::HttpRequest& request);
  // CloudWatch metrics in any framing: the simulation is brought up to now first, since
  // training jobs publish their metrics as they run; the call is counted in /metrics.
  template <typename Call>
  server::HttpResponse to_monitoring(std::string_view operation, Call&& call);

  control::ControlApi& control_;
  metrics::MetricsApi& metrics_;
  sagemaker::SageMakerApi& sagemaker_;
  logs::LogsApi& logs_;
  sts::StsApi& sts_;
  monitoring::MonitoringApi& monitoring_;
  ClockDriver& clock_;
};

}  // namespace api
