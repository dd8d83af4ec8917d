#include "api/s3/byte_range.h"

#include <charconv>
#include <optional>

namespace api::s3 {
namespace {

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

RangeRequest resolve_range(std::string_view header, std::uint64_t size) {
  using Kind = RangeRequest::Kind;
  constexpr std::string_view kUnit = "bytes=";
  if (!header.starts_with(kUnit)) return {};
  const std::string_view spec = header.substr(kUnit.size());
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return {};
  const std::string_view from = spec.substr(0, dash);
  const std::string_view to = spec.substr(dash + 1);
  if (from.empty()) {  // the last n bytes
    const auto suffix = number(to);
    if (!suffix) return {};
    if (*suffix == 0 || size == 0) return {Kind::unsatisfiable};
    return {Kind::partial, *suffix >= size ? 0 : size - *suffix, size - 1};
  }
  const auto first = number(from);
  const auto last = to.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : number(to);
  if (!first || !last || *last < *first) return {};
  if (*first >= size) return {Kind::unsatisfiable};
  return {Kind::partial, *first, *last >= size ? size - 1 : *last};
}

std::optional<PartBytes> part_bytes(const std::vector<std::uint64_t>& part_sizes, std::uint64_t size, int number) {
  if (part_sizes.empty()) return number == 1 ? std::optional<PartBytes>(PartBytes{0, size}) : std::nullopt;
  if (number < 1 || static_cast<std::size_t>(number) > part_sizes.size()) return std::nullopt;
  PartBytes part;
  for (int i = 0; i + 1 < number; ++i) part.first += part_sizes[i];
  part.length = part_sizes[number - 1];
  return part;
}

}  // namespace api::s3
