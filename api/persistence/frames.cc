#include "api/persistence/frames.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace api::persistence {
namespace {

constexpr std::size_t kHeaderBytes = kFrameHeaderBytes;

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= std::uint32_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

std::uint32_t crc_of(std::string_view payload) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size())));
}

bool all_zero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

bool whole_record_at(std::string_view bytes) {
  if (bytes.size() < kHeaderBytes) return false;
  const std::size_t length = get_u32(bytes, 0);
  return length > 0 && bytes.size() - kHeaderBytes >= length &&
         crc_of(bytes.substr(kHeaderBytes, length)) == get_u32(bytes, 4);
}

// A length that runs past the end is what a torn write leaves, and also what a damaged length
// field in a middle record looks like. A whole record further on tells them apart: a torn
// write is the last thing in the file. The payloads are JSON text, whose bytes read as a
// length of at least 0x20202020, so the search rejects almost every offset at once.
bool whole_record_after(std::string_view bytes) {
  for (std::size_t at = 1; at + kHeaderBytes < bytes.size(); ++at) {
    if (whole_record_at(bytes.substr(at))) return true;
  }
  return false;
}

}  // namespace

std::string frame(std::string_view payload) {
  std::string out;
  out.reserve(kHeaderBytes + payload.size());
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  put_u32(out, crc_of(payload));
  out.append(payload);
  return out;
}

Frames read_frames(const std::string& text) {
  const std::string_view bytes(text);
  Frames frames;
  std::size_t at = 0;
  while (at < bytes.size()) {
    const auto rest = bytes.substr(at);
    if (all_zero(rest)) {
      frames.torn_tail = std::to_string(rest.size()) + " zero bytes after the last whole record";
      break;
    }
    if (rest.size() < kHeaderBytes) {
      frames.torn_tail = "a record header cut short (" + std::to_string(rest.size()) + " bytes)";
      break;
    }
    const std::size_t length = get_u32(rest, 0);
    if (length == 0) {  // never written: zeros where a header should be, with data after them
      frames.corrupt = "an empty record at byte " + std::to_string(at) + " with data after it";
      break;
    }
    // A bad record is what a crash in the middle of the last append leaves, unless a whole
    // record follows it: then it was written, and damaged since.
    const bool overruns = rest.size() - kHeaderBytes < length;
    if (overruns || crc_of(rest.substr(kHeaderBytes, length)) != get_u32(rest, 4)) {
      if (whole_record_after(rest)) {
        frames.corrupt = "the record at byte " + std::to_string(at) +
                         (overruns ? " declares " + std::to_string(length) + " bytes, more than the file holds,"
                                   : " fails its checksum,") +
                         " and whole records follow it";
      } else if (overruns) {
        frames.torn_tail = "a record of " + std::to_string(length) + " bytes cut short at " +
                           std::to_string(rest.size() - kHeaderBytes);
      } else {
        frames.torn_tail = "the last record (" + std::to_string(length) + " bytes) fails its checksum";
      }
      break;
    }
    const auto payload = rest.substr(kHeaderBytes, length);
    frames.payloads.emplace_back(payload);
    at += kHeaderBytes + length;
    frames.whole_bytes = at;
  }
  return frames;
}

}  // namespace api::persistence
