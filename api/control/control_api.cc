#include "api/control/control_api.h"

#include <cmath>

#include "api/control/query_string.h"
#include "api/control/replies.h"

namespace api::control {

using Json = nlohmann::json;

namespace {

using emulator::sim::ClockMode;

constexpr int kMaxAdvanceSeconds = 30 * 24 * 3600;

}  // namespace

server::HttpResponse ControlApi::handle(const server::HttpRequest& request) {
  clock_.before_request();
  const auto path = request.path();
  const auto& method = request.method;
  auto allow = [&](std::initializer_list<std::string_view> methods) {
    for (auto m : methods) {
      if (m == method) return true;
    }
    return false;
  };
  server::HttpResponse response;
  if (path == "/_emulator/health") {
    response = allow({"GET", "HEAD"}) ? health(request) : error(405, "MethodNotAllowed", "Use GET.");
  } else if (path == "/_emulator/capacity") {
    response = method == "GET" ? get_capacity(request)
             : method == "PUT" ? put_capacity(request)
                               : error(405, "MethodNotAllowed", "Use GET or PUT.");
  } else if (path == "/_emulator/catalog") {
    response = method == "GET" ? get_catalog(request) : error(405, "MethodNotAllowed", "Use GET.");
  } else if (path == "/_emulator/clock") {
    response = method == "GET"    ? get_clock(request)
               : method == "POST" ? post_clock(request)
                                  : error(405, "MethodNotAllowed", "Use GET or POST.");
  } else if (path == "/_emulator/events") {
    response = method == "GET" ? get_events(request) : error(405, "MethodNotAllowed", "Use GET.");
  } else if (path == "/_emulator/faults") {
    response = method == "GET"      ? get_faults(request)
               : method == "POST"   ? post_fault(request)
               : method == "DELETE" ? delete_faults(request)
                                    : error(405, "MethodNotAllowed", "Use GET, POST or DELETE.");
  } else if (path.substr(0, 18) == "/_emulator/faults/") {
    response =
        method == "DELETE" ? delete_fault(request, path.substr(18)) : error(405, "MethodNotAllowed", "Use DELETE.");
  } else if (path == "/_emulator/reset") {
    response = method == "POST" ? post_reset(request) : error(405, "MethodNotAllowed", "Use POST.");
  } else {
    response = error(404, "NotFound", "No control-plane resource at " + std::string(path) + ".");
  }
  clock_.after_request();
  return response;
}

server::HttpResponse ControlApi::health(const server::HttpRequest& request) const {
  if (auto query = query_of(request, {}); !query) return query.error();
  const auto timeline = control_.timeline_stats();
  return reply(
      200, Json{{"status", "ok"},
                {"version", info_.version},
                {"scenario", info_.scenario},
                {"region", info_.region},
                {"clock", emulator::sim::to_string(clock_.mode())},
                {"services", {"logs", "monitoring", "s3", "sagemaker", "sts"}},
                {"timeline",
                 {{"events", timeline.events}, {"maxEvents", timeline.max_events}, {"dropped", timeline.dropped}}}});
}
server::HttpResponse ControlApi::get_clock(const server::HttpRequest& request) const {
  if (auto query = query_of(request, {}); !query) return query.error();
  return clock_reply();
}

server::HttpResponse ControlApi::clock_reply() const {
  const auto now = control_.now();
  Json out = {{"mode", emulator::sim::to_string(clock_.mode())},
              {"now", control_.epoch_seconds(now)},
              {"elapsedSeconds", double(now.count()) / 1000.0},
              {"timeScale", clock_.time_scale()},
              {"pendingEvents", control_.pending_events()},
              {"seed", control_.seed()}};
  if (auto next = control_.next_event_time()) out["nextEventSeconds"] = double(next->count()) / 1000.0;
  return reply(200, out);
}

server::HttpResponse ControlApi::post_clock(const server::HttpRequest& request) {
  if (auto query = query_of(request, {}); !query) return query.error();
  auto body = object_body(request);
  if (!body) return body.error();
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() != "advanceSeconds" && it.key() != "mode" && it.key() != "timeScale") {
      return bad_request(it.key() + ": unknown member (expected advanceSeconds, mode, timeScale).");
    }
  }
  std::optional<ClockMode> mode;
  if (body->contains("mode")) {
    const auto& m = (*body)["mode"];
    if (m.is_string()) mode = emulator::sim::parse_clock_mode(m.get<std::string>());
    if (!mode) return bad_request("mode: must be one of realtime, manual, instant.");
  }
  std::optional<double> scale;
  if (body->contains("timeScale")) {
    const auto& k = (*body)["timeScale"];
    if (!k.is_number() || !(k.get<double>() > 0) || !std::isfinite(k.get<double>())) {
      return bad_request("timeScale: must be a number greater than 0.");
    }
    scale = k.get<double>();
  }
  std::optional<double> advance;
  if (body->contains("advanceSeconds")) {
    const auto& a = (*body)["advanceSeconds"];
    // One request runs every event of the span (background demand steps every few minutes
    // in every pool) while the server answers nobody else, so a span is at most 30 days.
    if (!a.is_number() || a.get<double>() < 0 || a.get<double>() > kMaxAdvanceSeconds) {
      return bad_request("advanceSeconds: must be a number from 0 to " + std::to_string(kMaxAdvanceSeconds) +
                         " (30 days); advance again for more.");
    }
    advance = a.get<double>();
  }
  if (scale) clock_.set_time_scale(*scale);
  if (advance) clock_.advance(emulator::sim::SimTime(std::llround(*advance * 1000)));
  if (mode) clock_.set_mode(*mode);
  return clock_reply();
}
server::HttpResponse ControlApi::post_reset(const server::HttpRequest& request) {
  if (auto query = query_of(request, {}); !query) return query.error();
  auto body = object_body(request);
  if (!body) return body.error();
  std::optional<std::uint64_t> seed;
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() != "seed") return bad_request(it.key() + ": unknown member (expected seed).");
    if (!it->is_number_unsigned()) return bad_request("seed: must be a non-negative integer.");
    seed = it->get<std::uint64_t>();
  }
  clock_.reset(seed);
  return reply(200, Json{{"status", "ok"}});
}

}  // namespace api::control
