#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "capacity_model/result.h"

// The tar format at the level of one 512-byte block: the POSIX ustar header (which GNU tar
// and Python's tarfile also write, give or take the magic), and the POSIX pax records that
// carry what a ustar header cannot hold (names over 100 bytes, sizes of 8 GiB and more).
namespace api::training {

inline constexpr std::size_t kTarBlock = 512;
using TarBlock = std::array<char, kTarBlock>;

// Type flags this code writes or reads (POSIX.1-2001, plus GNU's long names 'L' and 'K').
inline constexpr char kTarRegular = '0';
inline constexpr char kTarRegularOld = '\0';
inline constexpr char kTarContiguous = '7';
inline constexpr char kTarDirectory = '5';
inline constexpr char kTarPaxHeader = 'x';
inline constexpr char kTarPaxGlobal = 'g';
inline constexpr char kTarGnuLongName = 'L';
inline constexpr char kTarGnuLongLink = 'K';

// Largest size an 11-digit octal field holds; anything larger goes in a pax "size" record.
inline constexpr std::uint64_t kTarMaxOctalSize = 077777777777ULL;
inline constexpr std::size_t kTarNameField = 100;

// One header as the reader needs it. `name` joins the ustar prefix and name fields.
struct TarHeader {
  std::string name;
  char type = kTarRegular;
  std::uint32_t mode = 0;
  std::uint64_t size = 0;
};

// The fields of a pax extended header that override the next member's header.
struct PaxOverrides {
  std::optional<std::string> path;
  std::optional<std::uint64_t> size;
};

// A ustar header with uid, gid and mtime 0 and empty owner names, so that it depends only on
// the member. A name longer than the field is cut (a pax record must then carry it whole), and
// a size beyond kTarMaxOctalSize is written as 0 (likewise).
TarBlock ustar_header(std::string_view name, char type, std::uint32_t mode, std::uint64_t size);

// "<length> <key>=<value>\n", where length counts the whole record, its own digits included.
std::string pax_record(std::string_view key, std::string_view value);

bool is_zero_block(const TarBlock& block);

// Checks the checksum and decodes the fields; an error names what is wrong with the block.
capacity_model::Result<TarHeader, std::string> parse_tar_header(const TarBlock& block);

capacity_model::Result<PaxOverrides, std::string> parse_pax_records(std::string_view data);

// Bytes of padding after `size` bytes of member data, up to the next block boundary.
inline std::size_t tar_padding(std::uint64_t size) {
  return static_cast<std::size_t>((kTarBlock - size % kTarBlock) % kTarBlock);
}

}  // namespace api::training
