#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace api::s3 {

// What a GetObject Range header asks of an object of `size` bytes (wire-protocols.md §7.5):
// `bytes=a-b`, `bytes=a-` and `bytes=-n`. As S3 does, a header that is no single byte range is
// ignored (the whole object), and one that selects no byte is unsatisfiable (416 InvalidRange).
struct RangeRequest {
  enum class Kind { whole, partial, unsatisfiable };
  Kind kind = Kind::whole;
  std::uint64_t first = 0;  // with `partial`: the bytes first..last, inclusive
  std::uint64_t last = 0;
};

RangeRequest resolve_range(std::string_view header, std::uint64_t size);

// Where part `number` (from 1) lies in an object made of parts of `part_sizes`, or of one part
// of `size` bytes when there are none; nullopt past the last part (416 InvalidPartNumber).
struct PartBytes {
  std::uint64_t first = 0;
  std::uint64_t length = 0;
};
std::optional<PartBytes> part_bytes(const std::vector<std::uint64_t>& part_sizes, std::uint64_t size, int number);

}  // namespace api::s3
