#pragma once

#include "api/clock/clock_driver.h"
#include "api/control/control_api.h"
#include "api/metrics/metrics_api.h"
#include "api/sagemaker/sagemaker_api.h"
#include "api/server/http_types.h"

namespace api {

// The one entry point of every request: the control plane and /metrics first (matched by
// path, before any AWS parsing, as LocalStack orders its handlers), then AWS JSON 1.1 by
// X-Amz-Target on any path (botocore posts to the endpoint URL's path, §1.1).
class Router {
 public:
  Router(control::ControlApi& control, metrics::MetricsApi& metrics, sagemaker::SageMakerApi& sagemaker,
         ClockDriver& clock)
      : control_(control), metrics_(metrics), sagemaker_(sagemaker), clock_(clock) {}

  server::HttpResponse route(const server::HttpRequest& request);

 private:
  control::ControlApi& control_;
  metrics::MetricsApi& metrics_;
  sagemaker::SageMakerApi& sagemaker_;
  ClockDriver& clock_;
};

}  // namespace api
