#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace api::checksums {

// The algorithms of S3's flexible checksums plus MD5 (ETags and Content-MD5).
enum class Algorithm { crc32, crc32c, crc64nvme, sha1, sha256, md5 };

// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256" as x-amz-sdk-checksum-algorithm names them
// (any case); MD5 is no flexible checksum and is not parsed.
std::optional<Algorithm> parse_algorithm(std::string_view name);
// The upper-case name ("CRC64NVME").
std::string_view name_of(Algorithm algorithm);
// "x-amz-checksum-crc64nvme".
std::string header_of(Algorithm algorithm);

// A running digest: update() with the bytes in order, then digest() once: the raw big-endian
// bytes (4 for CRC32/CRC32C, 8 for CRC64NVME, 16/20/32 for MD5/SHA-1/SHA-256).
class Digest {
 public:
  explicit Digest(Algorithm algorithm);
  ~Digest();
  Digest(Digest&&) noexcept;
  Digest& operator=(Digest&&) noexcept;

  void update(std::string_view bytes);
  std::string digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The digest of `bytes` in one call.
std::string digest_of(Algorithm algorithm, std::string_view bytes);

}  // namespace api::checksums
