#include "api/control/page_token.h"

#include <charconv>
#include <cstdio>

namespace api::control {

std::string page_token(std::uint64_t query_fingerprint, std::uint64_t position) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(query_fingerprint),
                static_cast<unsigned long long>(position));
  return buffer;
}

std::optional<std::uint64_t> page_position(std::string_view token, std::uint64_t query_fingerprint) {
  if (token.size() != 32) return std::nullopt;
  std::uint64_t fingerprint = 0, position = 0;
  const auto read = [](std::string_view hex, std::uint64_t& out) {
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), out, 16);
    return ec == std::errc() && end == hex.data() + hex.size();
  };
  if (!read(token.substr(0, 16), fingerprint) || !read(token.substr(16), position)) return std::nullopt;
  if (fingerprint != query_fingerprint) return std::nullopt;
  return position;
}

}  // namespace api::control
