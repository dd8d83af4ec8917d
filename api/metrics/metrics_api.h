#pragma once

#include <map>
#include <string>
#include <utility>

#include "api/server/http_server.h"
#include "api/server/http_types.h"
#include "emulator/control.h"

namespace api::metrics {

// GET /metrics: what a Prometheus server scrapes while a test suite or a pipeline runs against
// the emulator — API calls by operation and status, jobs by status, timeline decisions by type
// (ICE answers, fallbacks, interruptions, ...), each pool's capacity and use, and virtual time.
class MetricsApi {
 public:
  explicit MetricsApi(emulator::Control& control) : control_(control) {}

  // Called by the router for every SageMaker and STS call once it is answered.
  void count_call(std::string operation, int status) { ++calls_[{std::move(operation), status}]; }
  server::HttpResponse handle(const server::HttpRequest& request) const;
  // The server whose connections /metrics reports (it is made after the router that needs this).
  void watch(const server::HttpServer& server) { server_ = &server; }

 private:
  emulator::Control& control_;
  const server::HttpServer* server_ = nullptr;
  std::map<std::pair<std::string, int>, double> calls_;
};

}  // namespace api::metrics
