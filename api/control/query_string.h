#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace api::control {

// "a=1&b=x%20y" → {a: "1", b: "x y"}; the last value wins for a repeated name.
std::map<std::string, std::string> parse_query(std::string_view query);
std::optional<std::string> query_value(const std::map<std::string, std::string>& query, const std::string& name);

}  // namespace api::control
