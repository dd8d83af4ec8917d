#include "api/control/control_api.h"
#include "api/control/query_string.h"
#include "api/control/replies.h"
#include "capacity_model/history.h"

namespace api::control {
namespace {

using Json = nlohmann::json;

// A history page token names the time (ms) and the series of the page's last sample, packed
// as (time << 20 | series) + 1, so that 0 stays "from the start".
constexpr int kSeriesBits = 20;

std::uint64_t position_of(const capacity_model::HistoryCursor& cursor) {
  return ((std::uint64_t(cursor.time.count()) << kSeriesBits) | cursor.series) + 1;
}

std::optional<capacity_model::HistoryCursor> cursor_at(std::uint64_t position) {
  if (position == 0) return std::nullopt;
  --position;
  return capacity_model::HistoryCursor{capacity_model::Millis(std::int64_t(position >> kSeriesBits)),
                                       std::size_t(position & ((1u << kSeriesBits) - 1))};
}

Json pools_json(const std::vector<emulator::PoolRow>& rows) {
  Json pools = Json::array();
  for (const auto& row : rows) {
    pools.push_back({{"region", row.region},
                     {"instanceType", row.usage.instance_type},
                     {"availabilityZone", row.usage.zone},
                     {"capacity", row.usage.capacity},
                     {"inUse", row.usage.in_use},
                     {"available", row.usage.available}});
  }
  return pools;
}

// The pools answered, with the region named by the request (none: every region).
server::HttpResponse pools_reply(const std::optional<std::string>& region, const std::vector<emulator::PoolRow>& rows) {
  Json body = {{"pools", pools_json(rows)}};
  if (region) body["region"] = *region;
  return reply(200, body);
}

// A pool's own region must be shaped like one and, with a region at the top level, be that
// region: the answer names the top-level region, so it must be the only one changed.
std::optional<server::HttpResponse> pool_region_refusal(const std::string& where, const std::optional<std::string>& own,
                                                        const std::optional<std::string>& top_level) {
  if (!own) return std::nullopt;
  if (auto refusal = refuse_region(where + ".region", *own)) return refusal;
  if (!top_level || *own == *top_level) return std::nullopt;
  return bad_request(where + ".region: '" + *own + "' is not the request's region '" + *top_level +
                     "' (name one region at the top level, or a region per pool).");
}

}  // namespace

server::HttpResponse ControlApi::get_capacity(const server::HttpRequest& request) {
  const auto query = query_of(
      request, {"region", "instanceType", "history", "availabilityZone", "capacityType", "maxResults", "nextToken"});
  if (!query) return query.error();
  const auto region = region_of(*query);
  if (!region) return region.error();
  if (const auto format = query_value(*query, "history")) return get_history(*query, *region, *format);
  if (query_value(*query, "maxResults") || query_value(*query, "nextToken")) {
    return bad_request("maxResults and nextToken page the history (history=json or csv); the pools are one page.");
  }
  return pools_reply(*region, control_.capacity(*region, query_value(*query, "instanceType")));
}

server::HttpResponse ControlApi::get_history(const Query& query, const std::optional<std::string>& region,
                                             const std::string& format) {
  if (format != "json" && format != "csv") return bad_request("history: must be json or csv.");
  capacity_model::HistoryQuery filter;
  filter.region = region;
  filter.instance_type = query_value(query, "instanceType");
  filter.zone = query_value(query, "availabilityZone");
  if (const auto market = query_value(query, "capacityType")) {
    filter.capacity_type = capacity_model::capacity_type_from(*market);
    if (!filter.capacity_type) return bad_request("capacityType: must be on-demand or spot.");
  }
  const auto page = page_query(
      query, fingerprint_of(query, {"history", "region", "instanceType", "availabilityZone", "capacityType"}));
  if (!page) return page.error();
  const auto history = control_.history(filter, cursor_at(page->position), page->max_results);
  const auto next_token =
      history.next ? std::optional(page_token(page->fingerprint, position_of(*history.next))) : std::nullopt;
  if (format == "csv") {
    server::HttpResponse response;
    response.headers.emplace_back("Content-Type", "text/csv");
    if (next_token) response.headers.emplace_back("X-Amt-Next-Token", *next_token);
    response.body = capacity_model::to_csv(history.series);
    return response;
  }
  Json out = Json::array();
  for (const auto& s : history.series) {
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
  Json body = {{"history", std::move(out)}};
  if (next_token) body["nextToken"] = *next_token;
  return reply(200, body);
}

server::HttpResponse ControlApi::put_capacity(const server::HttpRequest& request) {
  if (auto query = query_of(request, {}); !query) return query.error();
  auto body = object_body(request);
  if (!body) return body.error();
  const auto pools = body->find("pools");
  if (pools == body->end() || !pools->is_array()) return bad_request("pools: a list of capacity settings is required.");
  // A top-level region is the default of every pool that names none; without either, a
  // setting acts on every region (design.md "Regions and the control plane").
  std::optional<std::string> region;
  for (auto it = body->begin(); it != body->end(); ++it) {
    if (it.key() == "pools") continue;
    if (it.key() != "region") return bad_request(it.key() + ": unknown member (expected pools, region).");
    if (!it->is_string()) return bad_request("region: must be a string.");
    region = it->get<std::string>();
    if (auto refusal = refuse_region("region", *region)) return *refusal;
  }
  std::vector<emulator::CapacitySetting> settings;
  for (std::size_t i = 0; i < pools->size(); ++i) {
    const auto& p = (*pools)[i];
    const auto where = "pools[" + std::to_string(i) + "]";
    if (!p.is_object()) return bad_request(where + ": must be an object.");
    emulator::CapacitySetting s;
    if (!p.contains("instanceType") || !p["instanceType"].is_string())
      return bad_request(where + ".instanceType: a string is required.");
    if (!p.contains("capacity") || !p["capacity"].is_number_integer())
      return bad_request(where + ".capacity: an integer is required.");
    s.instance_type = p["instanceType"].get<std::string>();
    const auto capacity = p["capacity"].get<std::int64_t>();
    if (capacity < 0 || capacity > 1'000'000) return bad_request(where + ".capacity: must be between 0 and 1000000.");
    s.capacity = static_cast<int>(capacity);
    for (auto it = p.begin(); it != p.end(); ++it) {
      const auto& key = it.key();
      if (key == "instanceType" || key == "capacity") continue;
      if (key != "availabilityZone" && key != "region") {
        return bad_request(where + "." + key +
                           ": unknown member (expected instanceType, capacity, availabilityZone, region).");
      }
      if (!it->is_string()) return bad_request(where + "." + key + ": must be a string.");
      (key == "region" ? s.region : s.zone) = it->get<std::string>();
    }
    if (auto refusal = pool_region_refusal(where, s.region, region)) return *refusal;
    if (!s.region) s.region = region;
    settings.push_back(std::move(s));
  }
  const auto changed = control_.set_capacity(settings);
  if (!changed) return bad_request(changed.error().message);
  return pools_reply(region, *changed);
}

}  // namespace api::control
