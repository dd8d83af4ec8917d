#include "api/training/tar_header.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

namespace api::training {

namespace {

// Field offsets and widths of the ustar header (POSIX.1-1988, "ustar Interchange Format").
struct Field {
  std::size_t offset;
  std::size_t width;
};
constexpr Field kName{0, 100};
constexpr Field kMode{100, 8};
constexpr Field kUid{108, 8};
constexpr Field kGid{116, 8};
constexpr Field kSize{124, 12};
constexpr Field kMtime{136, 12};
constexpr Field kChecksum{148, 8};
constexpr std::size_t kTypeOffset = 156;
constexpr Field kMagic{257, 6};
constexpr Field kVersion{263, 2};
constexpr Field kPrefix{345, 155};

constexpr std::string_view kPosixMagic{"ustar\0", 6};

std::string_view field_of(const TarBlock& block, Field field) { return {block.data() + field.offset, field.width}; }

// A text field ends at its first NUL or fills the field.
std::string text_field(const TarBlock& block, Field field) {
  std::string_view bytes = field_of(block, field);
  return std::string(bytes.substr(0, bytes.find('\0')));
}

// Zero-padded octal digits filling all but the last byte, which stays NUL.
void put_octal(TarBlock& block, Field field, std::uint64_t value) {
  for (std::size_t i = field.width - 1; i-- > 0; value >>= 3) {
    block[field.offset + i] = static_cast<char>('0' + (value & 7));
  }
}

void put_text(TarBlock& block, Field field, std::string_view text) {
  std::memcpy(block.data() + field.offset, text.data(), std::min(text.size(), field.width));
}

// Octal (optionally space-padded, ended by NUL or space), or GNU's base-256 when the high bit
// of the first byte is set (how GNU tar writes sizes of 8 GiB and more).
capacity_model::Result<std::uint64_t, std::string> parse_number(const TarBlock& block, Field field, const char* what) {
  std::string_view bytes = field_of(block, field);
  std::uint64_t value = 0;
  if (static_cast<unsigned char>(bytes[0]) & 0x80) {
    if (static_cast<unsigned char>(bytes[0]) == 0xff) return std::string("negative ") + what + " in tar header";
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (value > (std::numeric_limits<std::uint64_t>::max() >> 8)) return std::string(what) + " too large";
      unsigned char byte = static_cast<unsigned char>(bytes[i]);
      value = (value << 8) | (i == 0 ? (byte & 0x7f) : byte);
    }
    return value;
  }
  std::size_t i = bytes.find_first_not_of(' ');
  for (; i < bytes.size() && bytes[i] != '\0' && bytes[i] != ' '; ++i) {
    if (bytes[i] < '0' || bytes[i] > '7') return std::string("invalid ") + what + " field in tar header";
    if (value > (std::numeric_limits<std::uint64_t>::max() >> 3)) return std::string(what) + " too large";
    value = (value << 3) | static_cast<std::uint64_t>(bytes[i] - '0');
  }
  return value;
}

// Sums the block with the checksum field read as spaces. Old tars summed signed chars, so
// readers accept either sum.
std::uint64_t checksum(const TarBlock& block, bool signed_bytes) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < block.size(); ++i) {
    bool in_field = i >= kChecksum.offset && i < kChecksum.offset + kChecksum.width;
    char byte = in_field ? ' ' : block[i];
    sum += signed_bytes ? static_cast<signed char>(byte) : static_cast<unsigned char>(byte);
  }
  return static_cast<std::uint64_t>(sum);
}

capacity_model::Result<std::uint64_t, std::string> parse_decimal(std::string_view text, const char* what) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::string("invalid ") + what + " '" + std::string(text) + "' in pax header";
  }
  return value;
}

}  // namespace

TarBlock ustar_header(std::string_view name, char type, std::uint32_t mode, std::uint64_t size) {
  TarBlock block{};
  put_text(block, kName, name);
  put_octal(block, kMode, mode);
  put_octal(block, kUid, 0);
  put_octal(block, kGid, 0);
  put_octal(block, kSize, size <= kTarMaxOctalSize ? size : 0);
  put_octal(block, kMtime, 0);
  block[kTypeOffset] = type;
  put_text(block, kMagic, kPosixMagic);
  put_text(block, kVersion, "00");
  // Six digits, NUL, space: the layout GNU tar and Python's tarfile write.
  std::uint64_t sum = checksum(block, false);
  for (std::size_t i = 6; i-- > 0; sum >>= 3) block[kChecksum.offset + i] = static_cast<char>('0' + (sum & 7));
  block[kChecksum.offset + 6] = '\0';
  block[kChecksum.offset + 7] = ' ';
  return block;
}

std::string pax_record(std::string_view key, std::string_view value) {
  std::size_t body = 1 + key.size() + 1 + value.size() + 1;  // " key=value\n"
  std::size_t length = body + std::to_string(body).size();
  // Adding the length's digits may add a digit to the length itself.
  if (std::to_string(length).size() != std::to_string(body).size()) length = body + std::to_string(length).size();
  return std::to_string(length) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

bool is_zero_block(const TarBlock& block) {
  return std::all_of(block.begin(), block.end(), [](char byte) { return byte == '\0'; });
}

capacity_model::Result<TarHeader, std::string> parse_tar_header(const TarBlock& block) {
  auto stored = parse_number(block, kChecksum, "checksum");
  if (!stored) return stored.error();
  if (*stored != checksum(block, false) && *stored != checksum(block, true)) {
    return std::string("tar header checksum mismatch (not a tar archive, or a corrupt one)");
  }
  auto mode = parse_number(block, kMode, "mode");
  if (!mode) return mode.error();
  auto size = parse_number(block, kSize, "size");
  if (!size) return size.error();

  TarHeader header;
  header.type = block[kTypeOffset];
  header.mode = static_cast<std::uint32_t>(*mode & 07777);
  header.size = *size;
  header.name = text_field(block, kName);
  // Only POSIX ustar has a prefix field; GNU's magic ("ustar  ") uses those bytes otherwise.
  std::string prefix = text_field(block, kPrefix);
  if (field_of(block, kMagic) == kPosixMagic && !prefix.empty()) header.name = prefix + "/" + header.name;
  return header;
}

capacity_model::Result<PaxOverrides, std::string> parse_pax_records(std::string_view data) {
  PaxOverrides overrides;
  while (!data.empty() && data.front() != '\0') {
    std::size_t space = data.find(' ');
    if (space == std::string_view::npos) return std::string("pax record without a length");
    auto length = parse_decimal(data.substr(0, space), "record length");
    if (!length) return length.error();
    if (*length <= space + 1 || *length > data.size() || data[*length - 1] != '\n') {
      return std::string("malformed pax record");
    }
    std::string_view record = data.substr(space + 1, *length - space - 2);
    std::size_t equals = record.find('=');
    if (equals == std::string_view::npos) return std::string("pax record without '='");
    std::string_view key = record.substr(0, equals);
    std::string_view value = record.substr(equals + 1);
    if (key == "path") {
      overrides.path = std::string(value);
    } else if (key == "size") {
      auto size = parse_decimal(value, "size");
      if (!size) return size.error();
      overrides.size = *size;
    }
    data.remove_prefix(*length);
  }
  return overrides;
}

}  // namespace api::training
