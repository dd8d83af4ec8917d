#include "api/checksums/crc.h"

#include <array>

namespace api::checksums {
namespace {

// The byte-at-a-time table of a reflected CRC with polynomial `reflected_poly`.
template <typename Word>
constexpr std::array<Word, 256> table_of(Word reflected_poly) {
  std::array<Word, 256> table{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    Word crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ reflected_poly : crc >> 1;
    table[byte] = crc;
  }
  return table;
}

// Both CRCs start from all ones and end xor all ones, so a running value is complemented in
// and out, which lets 0 mean "nothing yet" as zlib's crc32 does.
template <typename Word>
Word reflected_crc(const std::array<Word, 256>& table, Word previous, std::string_view bytes) {
  Word crc = ~previous;
  for (unsigned char c : bytes) crc = table[(crc ^ c) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

constexpr auto kCrc32cTable = table_of<std::uint32_t>(0x82F63B78u);
constexpr auto kCrc64NvmeTable = table_of<std::uint64_t>(0x9A6C9329AC4BC9B5ull);

}  // namespace

std::uint32_t crc32c(std::uint32_t previous, std::string_view bytes) {
  return reflected_crc(kCrc32cTable, previous, bytes);
}

std::uint64_t crc64nvme(std::uint64_t previous, std::string_view bytes) {
  return reflected_crc(kCrc64NvmeTable, previous, bytes);
}

}  // namespace api::checksums
