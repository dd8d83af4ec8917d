#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace api::control {

// The control plane's paged answers (events, capacity history): a page holds at most
// `maxResults` items (default kDefaultPageSize, at most kMaxPageSize) and, when more follow,
// a `nextToken` naming the query it belongs to (a fingerprint of its filters) and where the
// next page starts. A token replayed with other filters is refused, never misread.
inline constexpr std::size_t kDefaultPageSize = 1000;
inline constexpr std::size_t kMaxPageSize = 10000;

std::string page_token(std::uint64_t query_fingerprint, std::uint64_t position);
// The position a token names, when it is well formed and belongs to the query.
std::optional<std::uint64_t> page_position(std::string_view token, std::uint64_t query_fingerprint);

}  // namespace api::control
