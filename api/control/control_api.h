#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/clock/clock_driver.h"
#include "api/control/replies.h"
#include "api/server/http_types.h"
#include "emulator/control.h"

namespace api::control {

struct BuildInfo {
  std::string version;
  std::string scenario;
  std::string region;  // the default: unsigned SageMaker requests act in it
};

// /_emulator/* : the emulator's own control plane (README "Control plane"). Plain JSON,
// no SigV4, errors as {"error": code, "message": text} — a different envelope from the
// AWS API so a client can never confuse the two.
class ControlApi {
 public:
  ControlApi(emulator::Control& control, ClockDriver& clock, BuildInfo info)
      : control_(control), clock_(clock), info_(std::move(info)) {}

  server::HttpResponse handle(const server::HttpRequest& request);

 private:
  server::HttpResponse health(const server::HttpRequest& request) const;
  server::HttpResponse get_capacity(const server::HttpRequest& request);
  server::HttpResponse get_history(const Query& query, const std::optional<std::string>& region,
                                   const std::string& format);
  server::HttpResponse put_capacity(const server::HttpRequest& request);
  server::HttpResponse get_catalog(const server::HttpRequest& request) const;
  server::HttpResponse get_clock(const server::HttpRequest& request) const;
  server::HttpResponse clock_reply() const;
  server::HttpResponse post_clock(const server::HttpRequest& request);
  server::HttpResponse get_events(const server::HttpRequest& request) const;
  server::HttpResponse post_reset(const server::HttpRequest& request);
  server::HttpResponse get_faults(const server::HttpRequest& request) const;
  server::HttpResponse post_fault(const server::HttpRequest& request);
  server::HttpResponse delete_faults(const server::HttpRequest& request);
  server::HttpResponse delete_fault(const server::HttpRequest& request, std::string_view id);

  nlohmann::json fault_json(const capacity_model::Fault& fault) const;

  emulator::Control& control_;
  ClockDriver& clock_;
  BuildInfo info_;
};

}  // namespace api::control
