#include "emulator/store/pagination.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace emulator::store {
namespace {

constexpr std::string_view kPrefix = "amt1.";

std::string make_token(std::uint64_t fingerprint, std::size_t offset) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%016llx.%llu", static_cast<unsigned long long>(fingerprint),
                static_cast<unsigned long long>(offset));
  return std::string(kPrefix) + buffer;
}

std::optional<std::size_t> read_token(std::string_view token, std::uint64_t fingerprint) {
  if (token.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  token.remove_prefix(kPrefix.size());
  std::uint64_t seen = 0;
  auto [after_fp, ec1] = std::from_chars(token.data(), token.data() + token.size(), seen, 16);
  if (ec1 != std::errc() || seen != fingerprint || after_fp == token.data() + token.size() ||
      *after_fp != '.') {
    return std::nullopt;
  }
  std::size_t offset = 0;
  auto [end, ec2] = std::from_chars(after_fp + 1, token.data() + token.size(), offset);
  if (ec2 != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return offset;
}

}  // namespace

Result<PageWindow> page(std::size_t total, int max_results, const std::optional<std::string>& token,
                        std::uint64_t query_fingerprint) {
  PageWindow window;
  if (token && !token->empty()) {
    auto offset = read_token(*token, query_fingerprint);
    if (!offset) return validation_error("Invalid pagination token: it does not belong to this query.");
    window.begin = std::min(*offset, total);
  }
  window.end = std::min(total, window.begin + static_cast<std::size_t>(std::max(1, max_results)));
  if (window.end < total) window.next_token = make_token(query_fingerprint, window.end);
  return window;
}

}  // namespace emulator::store
