#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace api::persistence {

// The journal's framing: each record is [payload length, u32 little-endian][CRC-32 of the
// payload, u32 little-endian][payload]. A crash can leave the last write half done; the CRC
// tells a torn record from a whole one.
std::string frame(std::string_view payload);
inline constexpr std::size_t kFrameHeaderBytes = 8;

struct Frames {
  std::vector<std::string_view> payloads;  // the whole records, in order: views into the bytes read
  std::size_t whole_bytes = 0;        // where the last whole record ends
  // Set when bytes follow the last whole record: what was wrong with them. A bad record (too
  // short for its declared length, or failing its CRC) with no whole record after it, or zeros
  // a file system left behind, is a torn tail; a bad record with whole records after it is
  // `corrupt`. (Whether a torn tail's bytes could be a record at all is the reader's to judge.)
  std::optional<std::string> torn_tail;
  std::optional<std::string> corrupt;  // a bad record with whole records after it, at this offset
};

// The payloads are views into `bytes`, which must outlive them (a temporary is refused).
Frames read_frames(const std::string& bytes);
Frames read_frames(std::string&&) = delete;

}  // namespace api::persistence
