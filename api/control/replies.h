#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/control/page_token.h"
#include "api/server/http_types.h"
#include "capacity_model/result.h"

// What every control-plane endpoint answers with, and how it reads its query and body.
namespace api::control {

server::HttpResponse reply(int status, const nlohmann::json& body);
server::HttpResponse error(int status, std::string_view code, std::string_view message);
server::HttpResponse bad_request(std::string_view message);

// The answer to a control-plane request whose body is over `limit` bytes (the body is never
// read).
server::HttpResponse too_large(std::size_t limit);

using Query = std::map<std::string, std::string>;

// The request's query, or the 400 that refuses a parameter not in `known`: a misspelt filter
// must not silently match everything.
capacity_model::Result<Query, server::HttpResponse> query_of(const server::HttpRequest& request,
                                                             std::initializer_list<std::string_view> known);

// The 400 that refuses a region (a query parameter or a body member, named by `where`) not
// shaped like an AWS region name, or nullopt.
std::optional<server::HttpResponse> refuse_region(std::string_view where, std::string_view region);

// The `region` query parameter (nullopt: every region), or the reply that refuses it.
capacity_model::Result<std::optional<std::string>, server::HttpResponse> region_of(const Query& query);

// A JSON object body, or the reply that refuses it.
capacity_model::Result<nlohmann::json, server::HttpResponse> object_body(const server::HttpRequest& request);

// The filters of a paged query, as the fingerprint its tokens carry.
std::uint64_t fingerprint_of(const std::map<std::string, std::string>& query,
                             std::initializer_list<std::string_view> filters);

struct PageQuery {
  std::uint64_t fingerprint = 0;
  std::uint64_t position = 0;  // where the page starts (0: the first page)
  std::size_t max_results = kDefaultPageSize;
};

// maxResults and nextToken of a paged query, or the reply that refuses them.
capacity_model::Result<PageQuery, server::HttpResponse> page_query(const std::map<std::string, std::string>& query,
                                                                   std::uint64_t fingerprint);

}  // namespace api::control
