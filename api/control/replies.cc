#include "api/control/replies.h"

#include <algorithm>
#include <charconv>

#include "api/control/query_string.h"
#include "api/json/json_body.h"
#include "emulator/model/scope.h"
#include "emulator/sim/rng.h"

namespace api::control {

using Json = nlohmann::json;

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

server::HttpResponse too_large(std::size_t limit) {
  return error(413, "RequestTooLarge",
               "A control-plane request body is at most " + std::to_string(limit / (1024 * 1024)) + " MiB (" +
                   std::to_string(limit) + " bytes).");
}

capacity_model::Result<Query, server::HttpResponse> query_of(const server::HttpRequest& request,
                                                             std::initializer_list<std::string_view> known) {
  auto query = parse_query(request.query());
  for (const auto& [name, _] : query) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string expected;
    for (const auto k : known) expected.append(expected.empty() ? "" : ", ").append(k);
    return bad_request(name + ": unknown query parameter (" +
                       (expected.empty() ? "this request takes none" : "expected " + expected) + ").");
  }
  return query;
}

std::optional<server::HttpResponse> refuse_region(std::string_view where, std::string_view region) {
  if (emulator::model::is_region_name(region)) return std::nullopt;
  return bad_request(std::string(where) + ": '" + std::string(region) +
                     "' is not an AWS region name (such as us-east-1 or us-gov-west-1).");
}

capacity_model::Result<std::optional<std::string>, server::HttpResponse> region_of(const Query& query) {
  auto region = query_value(query, "region");
  if (region) {
    if (auto refusal = refuse_region("region", *region)) return std::move(*refusal);
  }
  return region;
}

capacity_model::Result<Json, server::HttpResponse> object_body(const server::HttpRequest& request) {
  auto body = parse_json_object(request.body);
  if (!body) return bad_request(body.error());
  return std::move(*body);
}

std::uint64_t fingerprint_of(const std::map<std::string, std::string>& query,
                             std::initializer_list<std::string_view> filters) {
  std::string text;
  for (const auto name : filters) {
    const auto value = query_value(query, std::string(name));
    text.append(name).append(value ? "=" + *value : "-").append("&");
  }
  return emulator::sim::stable_hash(text);
}

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

}  // namespace api::control
