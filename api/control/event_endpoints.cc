#include <cmath>
#include <cstdlib>

#include "api/control/control_api.h"
#include "api/control/query_string.h"
#include "api/control/replies.h"

namespace api::control {

using Json = nlohmann::json;

namespace {

// Every event type's name, for the error that lists them.
std::string event_types() {
  std::string names;
  for (std::size_t i = 0; i < emulator::timeline::kEventTypes; ++i) {
    names += (i ? ", " : "") + std::string(emulator::timeline::to_string(emulator::timeline::EventType(i)));
  }
  return names;
}

}  // namespace

server::HttpResponse ControlApi::get_events(const server::HttpRequest& request) const {
  const auto parsed = query_of(request, {"region", "tuningJob", "trainingJob", "type", "sinceSeconds", "untilSeconds",
                                         "maxResults", "nextToken"});
  if (!parsed) return parsed.error();
  const auto& query = *parsed;
  const auto region = region_of(query);
  if (!region) return region.error();
  const auto tuning_job = query_value(query, "tuningJob");
  const auto training_job = query_value(query, "trainingJob");
  emulator::timeline::Filter filter;
  if (tuning_job) filter.tuning_job = *tuning_job;
  if (training_job) filter.training_job = *training_job;
  if (*region) filter.region = **region;
  if (const auto type = query_value(query, "type")) {
    filter.type = emulator::timeline::parse_event_type(*type);
    if (!filter.type) return bad_request("type: '" + *type + "' is not an event type (" + event_types() + ").");
  }
  for (const auto& [name, field] :
       {std::pair{"sinceSeconds", &filter.since}, std::pair{"untilSeconds", &filter.until}}) {
    if (auto text = query_value(query, name)) {
      char* end = nullptr;
      const double seconds = std::strtod(text->c_str(), &end);
      if (end == text->c_str() || *end != '\0' || !std::isfinite(seconds)) {
        return bad_request(std::string(name) + ": must be a number of virtual seconds since the start.");
      }
      *field = emulator::sim::SimTime(std::llround(seconds * 1000));
    }
  }
  auto page = page_query(
      query, fingerprint_of(query, {"region", "tuningJob", "trainingJob", "type", "sinceSeconds", "untilSeconds"}));
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

}  // namespace api::control
