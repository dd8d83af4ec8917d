#include "api/control/control_api.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "api/control/page_token.h"
#include "api/control/query_string.h"
#include "api/json/json_body.h"
#include "capacity_model/history.h"
#include "emulator/sim/rng.h"

namespace api::control {
namespace {

using Json = nlohmann::json;
using emulator::sim::ClockMode;

server::HttpResponse reply(int status, const Json& body) {
  server::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = wire_text(body);
  return response;
}

server::HttpResponse error(int status, std::string_view code, std::string_view message) {
  return reply(status, Json{{"error", code}, {"message", message}});
}

server::HttpResponse bad_request(std::string_view message) { return error(400, "BadRequest", message); }

constexpr int kMaxAdvanceSeconds = 30 * 24 * 3600;

// A misspelt filter must not silently match everything.
std::optional<std::string> unknown_parameter(const std::map<std::string, std::string>& query,
                                             std::initializer_list<std::string_view> known) {
  for (const auto& [name, _] : query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) return name;
  }
  return std::nullopt;
}

// A JSON object body, or the reply that refuses it.
capacity_model::Result<Json, server::HttpResponse> object_body(const server::HttpRequest& request) {
  auto body = parse_json_object(request.body);
  if (!body) return bad_request(body.error());
  return std::move(*body);
}

// Every event type's name, for the error that lists them.
std::string event_types() {
  std::string names;
  for (std::size_t i = 0; i < emulator::timeline::kEventTypes; ++i) {
    names += (i ? ", " : "") + std::string(emulator::timeline::to_string(emulator::timeline::EventType(i)));
  }
  return names;
}

// The filters of a paged query, as the fingerprint its tokens carry.
std::uint64_t fingerprint_of(const std::map<std::string, std::string>& query,
                             std::initializer_list<std::string_view> filters) {
  std::string text;
  for (const auto name : filters) {
    const auto value = query_value(query, std::string(name));
    text.append(name).append(value ? "=" + *value : "-").append("&");
  }
  return emulator::sim::stable_hash(text);
}

struct PageQuery {
  std::uint64_t fingerprint = 0;
  std::uint64_t position = 0;  // where the page starts (0: the first page)
  std::size_t max_results = kDefaultPageSize;
};

// maxResults and nextToken of a paged query, or the reply that refuses them.
capacity_model::Result<PageQuery, server::HttpResponse> page_query(const std::map<std::string, std::string>& query,
                                                                   std::uint64_t fingerprint) {
  PageQuery page{fingerprint};
  if (const auto text = query_value(query, "maxResults")) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > kMaxPageSize) {
      return bad_request("maxResults: must be a whole number from 1 to " + std::to_string(kMaxPageSize) + ".");
    }
    page.max_results = n;
  }
  if (const auto token = query_value(query, "nextToken")) {
    const auto position = page_position(*token, fingerprint);
    if (!position) return bad_request("nextToken: not a token of this query (were the filters changed?).");
    page.position = *position;
  }
  return page;
}

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
    response = allow({"GET", "HEAD"}) ? health() : error(405, "MethodNotAllowed", "Use GET.");
  } else if (path == "/_emulator/capacity") {
    response = method == "GET" ? get_capacity(request)
             : method == "PUT" ? put_capacity(request)
                               : error(405, "MethodNotAllowed", "Use GET or PUT.");
  } else if (path == "/_emulator/clock") {
    response = method == "GET"  ? get_clock()
             : method == "POST" ? post_clock(request)
                                : error(405, "MethodNotAllowed", "Use GET or POST.");
  } else if (path == "/_emulator/events") {
    response = method == "GET" ? get_events(request) : error(405, "MethodNotAllowed", "Use GET.");
  } else if (path == "/_emulator/faults") {
    response = method == "GET"      ? get_faults()
             : method == "POST"     ? post_fault(request)
             : method == "DELETE"   ? delete_faults({})
                                    : error(405, "MethodNotAllowed", "Use GET, POST or DELETE.");
  } else if (path.substr(0, 18) == "/_emulator/faults/") {
    response = method == "DELETE" ? delete_faults(path.substr(18)) : error(405, "MethodNotAllowed", "Use DELETE.");
  } else if (path == "/_emulator/reset") {
    response = method == "POST" ? post_reset(request) : error(405, "MethodNotAllowed", "Use POST.");
  } else {
    response = error(404, "NotFound", "No control-plane resource at " + std::string(path) + ".");
  }
  clock_.after_request();
  return response;
}

server::HttpResponse ControlApi::health() const {
  const auto timeline = control_.timeline_stats();
  return reply(
      200, Json{{"status", "ok"},
                {"version", info_.version},
                {"scenario", info_.scenario},
                {"clock", emulator::sim::to_string(clock_.mode())},
                {"timeline",
                 {{"events", timeline.events}, {"maxEvents", timeline.max_events}, {"dropped", timeline.dropped}}}});
}

server::HttpResponse ControlApi::get_capacity(const server::HttpRequest& request) {
  const auto query = parse_query(request.query());
  if (auto unknown = unknown_parameter(query, {"region", "instanceType", "history", "availabilityZone", "capacityType"})) {
    return bad_request(*unknown + ": unknown query parameter (expected region, instanceType, history, "
                                  "availabilityZone, capacityType).");
  }
  const auto region = query_value(query, "region");
  const auto type = query_value(query, "instanceType");
  if (const auto format = query_value(query, "history")) {
    capacity_model::HistoryQuery filter;
    filter.region = region;
    filter.instance_type = type;
    filter.zone = query_value(query, "availabilityZone");
    if (const auto market = query_value(query, "capacityType")) {
      filter.capacity_type = capacity_model::capacity_type_from(*market);
      if (!filter.capacity_type) return bad_request("capacityType: must be on-demand or spot.");
    }
    const auto series = control_.history(filter);
    if (*format == "csv") {
      server::HttpResponse response;
      response.headers.emplace_back("Content-Type", "text/csv");
      response.body = capacity_model::to_csv(series);
      return response;
    }
    if (*format != "json") return bad_request("history: must be json or csv.");
    Json out = Json::array();
    for (const auto& s : series) {
      Json samples = Json::array();
      for (const auto& sample : s.samples) {
        samples.push_back({{"time", control_.epoch_seconds(sample.time)},
                           {"elapsedSeconds", double(sample.time.count()) / 1000.0},
                           {"capacity", sample.capacity},
                           {"demand", sample.demand},
                           {"inUse", sample.in_use},
                           {"available", sample.available}});
      }
      out.push_back({{"region", s.region},
                     {"instanceType", s.instance_type},
                     {"availabilityZone", s.zone},
                     {"capacityType", capacity_model::to_string(s.capacity_type)},
                     {"samples", std::move(samples)}});
    }
    return reply(200, Json{{"history", std::move(out)}});
  }
  Json pools = Json::array();
  for (const auto& row : control_.capacity(region, type)) {
    pools.push_back({{"region", row.region},
                     {"instanceType", row.usage.instance_type},
                     {"availabilityZone", row.usage.zone},
                     {"capacity", row.usage.capacity},
                     {"inUse", row.usage.in_use},
                     {"available", row.usage.available}});
  }
  return reply(200, Json{{"region", region.value_or(control_.default_region())}, {"pools", std::move(pools)}});
}

server::HttpResponse ControlApi::put_capacity(const server::HttpRequest& request) {
  auto body = object_body(request);
  if (!body) return body.error();
  const auto pools = body->find("pools");
  if (pools == body->end() || !pools->is_array()) return bad_request("pools: a list of capacity settings is required.");
  // A top-level region is the default of every pool that names none.
  std::optional<std::string> region;
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() == "pools") continue;
    if (it.key() != "region") return bad_request(it.key() + ": unknown member (expected pools, region).");
    if (!it->is_string()) return bad_request("region: must be a string.");
    region = it->get<std::string>();
  }
  std::vector<emulator::CapacitySetting> settings;
  for (std::size_t i = 0; i < pools->size(); ++i) {
    const auto& p = (*pools)[i];
    const auto where = "pools[" + std::to_string(i) + "]";
    if (!p.is_object()) return bad_request(where + ": must be an object.");
    emulator::CapacitySetting s;
    if (!p.contains("instanceType") || !p["instanceType"].is_string()) return bad_request(where + ".instanceType: a string is required.");
    if (!p.contains("capacity") || !p["capacity"].is_number_integer()) return bad_request(where + ".capacity: an integer is required.");
    s.instance_type = p["instanceType"].get<std::string>();
    const auto capacity = p["capacity"].get<std::int64_t>();
    if (capacity < 0 || capacity > 1'000'000) return bad_request(where + ".capacity: must be between 0 and 1000000.");
    s.capacity = static_cast<int>(capacity);
    for (auto it = p.begin(); it != p.end(); ++it) {
      const auto& key = it.key();
      if (key == "instanceType" || key == "capacity") continue;
      if (key != "availabilityZone" && key != "region") {
        return bad_request(where + "." + key + ": unknown member (expected instanceType, capacity, availabilityZone, region).");
      }
      if (!it->is_string()) return bad_request(where + "." + key + ": must be a string.");
      (key == "region" ? s.region : s.zone) = it->get<std::string>();
    }
    if (!s.region) s.region = region;
    settings.push_back(std::move(s));
  }
  if (auto done = control_.set_capacity(settings); !done) return bad_request(done.error().message);
  Json updated = Json::array();
  for (const auto& s : settings) {
    for (const auto& row : control_.capacity(s.region.value_or(control_.default_region()), s.instance_type)) {
      if (s.zone && row.usage.zone != *s.zone) continue;
      updated.push_back({{"region", row.region},
                         {"instanceType", row.usage.instance_type},
                         {"availabilityZone", row.usage.zone},
                         {"capacity", row.usage.capacity},
                         {"inUse", row.usage.in_use},
                         {"available", row.usage.available}});
    }
  }
  return reply(200, Json{{"region", region.value_or(control_.default_region())}, {"pools", std::move(updated)}});
}

server::HttpResponse ControlApi::get_clock() const {
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
  return get_clock();
}

server::HttpResponse ControlApi::get_events(const server::HttpRequest& request) const {
  const auto query = parse_query(request.query());
  if (auto unknown = unknown_parameter(
          query, {"tuningJob", "trainingJob", "type", "sinceSeconds", "untilSeconds", "maxResults", "nextToken"})) {
    return bad_request(*unknown +
                       ": unknown query parameter (expected tuningJob, trainingJob, type, sinceSeconds, "
                       "untilSeconds, maxResults, nextToken).");
  }
  const auto tuning_job = query_value(query, "tuningJob");
  const auto training_job = query_value(query, "trainingJob");
  emulator::timeline::Filter filter;
  if (tuning_job) filter.tuning_job = *tuning_job;
  if (training_job) filter.training_job = *training_job;
  if (const auto type = query_value(query, "type")) {
    filter.type = emulator::timeline::parse_event_type(*type);
    if (!filter.type) return bad_request("type: '" + *type + "' is not an event type (" + event_types() + ").");
  }
  for (const auto& [name, field] : {std::pair{"sinceSeconds", &filter.since}, std::pair{"untilSeconds", &filter.until}}) {
    if (auto text = query_value(query, name)) {
      char* end = nullptr;
      const double seconds = std::strtod(text->c_str(), &end);
      if (end == text->c_str() || *end != '\0' || !std::isfinite(seconds)) {
        return bad_request(std::string(name) + ": must be a number of virtual seconds since the start.");
      }
      *field = emulator::sim::SimTime(std::llround(seconds * 1000));
    }
  }
  auto page =
      page_query(query, fingerprint_of(query, {"tuningJob", "trainingJob", "type", "sinceSeconds", "untilSeconds"}));
  if (!page) return page.error();
  const auto events = control_.events(filter, page->position, page->max_results);
  Json items = Json::array();
  for (const auto& e : events.events) {
    Json item = {{"sequence", e.sequence},
                 {"time", control_.epoch_seconds(e.time)},
                 {"elapsedSeconds", double(e.time.count()) / 1000.0},
                 {"type", e.type}};
    auto put = [&](const char* key, const std::string& value) {
      if (!value.empty()) item[key] = value;
    };
    put("region", e.region);
    put("tuningJob", e.tuning_job);
    put("trainingJob", e.training_job);
    put("instanceType", e.instance_type);
    put("availabilityZone", e.zone);
    if (e.instance_count > 0) item["instanceCount"] = e.instance_count;
    put("message", e.message);
    items.push_back(std::move(item));
  }
  Json out = {{"events", std::move(items)}};
  if (events.next_after) out["nextToken"] = page_token(page->fingerprint, *events.next_after);
  return reply(200, out);
}

Json ControlApi::fault_json(const capacity_model::Fault& fault) const {
  Json out = {{"id", fault.id},
              {"instanceTypes", fault.instance_types},
              {"availabilityZones", fault.zones},
              {"percentage", fault.percentage},
              {"startSeconds", double(fault.start.count()) / 1000.0},
              {"active", capacity_model::FaultBook::is_active(fault, control_.now())}};
  if (fault.duration) out["durationSeconds"] = double(fault.duration->count()) / 1000.0;
  return out;
}

server::HttpResponse ControlApi::get_faults() const {
  Json faults = Json::array();
  for (const auto& fault : control_.faults()) faults.push_back(fault_json(fault));
  return reply(200, Json{{"faults", std::move(faults)}});
}

server::HttpResponse ControlApi::post_fault(const server::HttpRequest& request) {
  auto body = object_body(request);
  if (!body) return body.error();
  capacity_model::Fault fault;
  fault.start = control_.now();
  for (auto it = body->begin(); it != body->end(); ++it) {
    const auto& key = it.key();
    const auto& value = it.value();
    if (key == "id" && value.is_string()) {
      fault.id = value.get<std::string>();
    } else if ((key == "instanceTypes" || key == "availabilityZones") && value.is_array()) {
      auto& list = key == "instanceTypes" ? fault.instance_types : fault.zones;
      for (const auto& item : value) {
        if (!item.is_string()) return bad_request(key + ": a list of strings is required.");
        list.push_back(item.get<std::string>());
      }
    } else if (key == "percentage" && value.is_number()) {
      fault.percentage = value.get<double>();
    } else if ((key == "startSeconds" || key == "durationSeconds") && value.is_number()) {
      const double seconds = value.get<double>();
      if (!(seconds >= 0 && seconds <= 1e9)) return bad_request(key + ": must be between 0 and 1000000000 seconds.");
      const emulator::sim::SimTime at(std::llround(seconds * 1000));
      if (key == "startSeconds") fault.start = at;
      else fault.duration = at;
    } else if (key == "id" || key == "instanceTypes" || key == "availabilityZones" || key == "percentage" ||
               key == "startSeconds" || key == "durationSeconds") {
      return bad_request(key + ": wrong type (id: a string; instanceTypes, availabilityZones: lists of strings; "
                               "percentage, startSeconds, durationSeconds: numbers).");
    } else {
      return bad_request(key + ": unknown member (expected id, instanceTypes, availabilityZones, "
                               "percentage, startSeconds, durationSeconds).");
    }
  }
  auto added = control_.add_fault(std::move(fault));
  if (!added) return bad_request(added.error().message);
  return reply(201, fault_json(*added));
}

server::HttpResponse ControlApi::delete_faults(std::string_view id) {
  if (id.empty()) {
    control_.clear_faults();
    return reply(200, Json{{"status", "ok"}});
  }
  if (!control_.remove_fault(id)) return error(404, "NotFound", "No fault with id " + std::string(id) + ".");
  return reply(200, Json{{"status", "ok"}});
}

server::HttpResponse ControlApi::post_reset(const server::HttpRequest& request) {
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
