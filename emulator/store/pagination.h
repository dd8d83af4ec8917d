#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/model/errors.h"
#include "emulator/store/sorted_jobs.h"

namespace emulator::store {

struct PageWindow {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::optional<std::string> next_token;  // absent on the last page
};

// Cuts [0, total) into pages of `max_results`. A token names the query it belongs to (a
// fingerprint of its filters and sort) and the offset, so it differs on every page and a
// token replayed with other filters is refused (§1.6).
Result<PageWindow> page(std::size_t total, int max_results, const std::optional<std::string>& token,
                        std::uint64_t query_fingerprint);

// Lists walked in an order (store/sorted_jobs.h) resume after the sort key of the page's
// last job: the token names the query and that key.
std::string position_token(std::uint64_t query_fingerprint, const ListPosition& last);
// The position a token names; nullopt for no token. ValidationException for a token of
// another query, or none of ours.
Result<std::optional<ListPosition>> read_position_token(const std::optional<std::string>& token,
                                                        std::uint64_t query_fingerprint);

}  // namespace emulator::store
