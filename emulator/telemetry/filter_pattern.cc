#include "emulator/telemetry/filter_pattern.h"

#include <algorithm>

namespace emulator::telemetry {
namespace {

// The next term and where it ends: a quoted phrase, or a run of non-blank characters.
std::pair<std::string, std::size_t> next_term(std::string_view text, std::size_t at) {
  if (text[at] == '"') {
    const auto close = text.find('"', at + 1);
    const auto end = close == std::string_view::npos ? text.size() : close;
    return {std::string(text.substr(at + 1, end - at - 1)), std::min(text.size(), end + 1)};
  }
  auto end = text.find(' ', at);
  if (end == std::string_view::npos) end = text.size();
  return {std::string(text.substr(at, end - at)), end};
}

}  // namespace

LogsResult<FilterPattern> FilterPattern::parse(std::string_view pattern) {
  const auto first = pattern.find_first_not_of(' ');
  if (first != std::string_view::npos && (pattern[first] == '{' || pattern[first] == '[')) {
    return invalid_parameter(
        "amt-emulator supports text filter patterns (terms, \"quoted phrases\", ?any-of and -excluded terms); "
        "JSON and space-delimited patterns are not supported.");
  }
  FilterPattern parsed;
  for (std::size_t at = 0; at < pattern.size();) {
    if (pattern[at] == ' ') {
      ++at;
      continue;
    }
    auto* into = &parsed.required_;
    if ((pattern[at] == '?' || pattern[at] == '-') && at + 1 < pattern.size() && pattern[at + 1] != ' ') {
      into = pattern[at] == '?' ? &parsed.any_of_ : &parsed.excluded_;
      ++at;
    }
    auto [term, end] = next_term(pattern, at);
    if (!term.empty()) into->push_back(std::move(term));
    at = end;
  }
  return parsed;
}

bool FilterPattern::matches(std::string_view message) const {
  const auto has = [&](const std::string& term) { return message.find(term) != std::string_view::npos; };
  return std::all_of(required_.begin(), required_.end(), has) &&
         (any_of_.empty() || std::any_of(any_of_.begin(), any_of_.end(), has)) &&
         std::none_of(excluded_.begin(), excluded_.end(), has);
}

}  // namespace emulator::telemetry
