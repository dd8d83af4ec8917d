#include "api/control/query_string.h"

#include "api/server/form_decode.h"

namespace api::control {

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> values;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      values[server::form_decode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? "" : server::form_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return values;
}

std::optional<std::string> query_value(const std::map<std::string, std::string>& query, const std::string& name) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace api::control
