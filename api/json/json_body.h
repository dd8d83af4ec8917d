#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "capacity_model/result.h"

namespace api {

// Request bodies, SageMaker's and the control plane's, are JSON objects nested a few levels
// deep. Deeper documents are refused before parsing: printing or copying them recurses once
// per level and would exhaust the stack.
inline constexpr int kMaxJsonNesting = 100;

// The deepest nesting of arrays and objects in `text`, ignoring brackets inside strings; it
// stops counting once past `limit`.
int json_nesting_depth(std::string_view text, int limit = kMaxJsonNesting);

// A request body as a JSON object: an empty body is {}. Otherwise the reason it is refused.
capacity_model::Result<nlohmann::json, std::string> parse_json_object(std::string_view body);

// A response body. Text that is not UTF-8 (an X-Amz-Target or query string echoed in an
// error, say) becomes U+FFFD instead of failing the answer.
std::string wire_text(const nlohmann::json& body);

}  // namespace api
