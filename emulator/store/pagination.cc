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

constexpr std::string_view kPositionPrefix = "amt2.";

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
    if (ec != std::errc() || end != text.data() + i + 2) return std::nullopt;
    out.push_back(static_cast<char>(value));
  }
  return out;
}

// The next '.'-separated field of `text`, taken off its front.
std::optional<std::string_view> field(std::string_view& text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto out = text.substr(0, dot);
  text.remove_prefix(dot + 1);
  return out;
}

}  // namespace

std::string position_token(std::uint64_t query_fingerprint, const ListPosition& last) {
  char fingerprint[24];
  std::snprintf(fingerprint, sizeof fingerprint, "%016llx", static_cast<unsigned long long>(query_fingerprint));
  return std::string(kPositionPrefix) + fingerprint + "." + last.status + "." +
         std::to_string(last.creation_time.count()) + "." + hex(last.name);
}

Result<std::optional<ListPosition>> read_position_token(const std::optional<std::string>& token,
                                                        std::uint64_t query_fingerprint) {
  if (!token || token->empty()) return std::optional<ListPosition>();
  const auto refused = validation_error("Invalid pagination token: it does not belong to this query.");
  std::string_view text = *token;
  if (text.substr(0, kPositionPrefix.size()) != kPositionPrefix) return refused;
  text.remove_prefix(kPositionPrefix.size());
  const auto fingerprint = field(text);
  const auto status = field(text);
  const auto creation = field(text);
  std::uint64_t seen = 0;
  std::int64_t ms = 0;
  if (!fingerprint || !status || !creation) return refused;
  auto [fp_end, fp_ec] = std::from_chars(fingerprint->data(), fingerprint->data() + fingerprint->size(), seen, 16);
  auto [ms_end, ms_ec] = std::from_chars(creation->data(), creation->data() + creation->size(), ms);
  const auto name = unhex(text);
  if (fp_ec != std::errc() || seen != query_fingerprint || ms_ec != std::errc() || !name) return refused;
  return std::optional<ListPosition>(ListPosition{std::string(*status), sim::SimTime(ms), *name});
}

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
