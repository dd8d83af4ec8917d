#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

// MD5, SHA-1 and SHA-256 (RFC 1321, FIPS 180-4) and HMAC-SHA256 (RFC 2104), written here
// rather than taken from OpenSSL: loading the shared libcrypto costs 3.4 MiB of resident
// memory (its relocations touch its pages), a third of the emulator's idle budget, and these
// digests name and check bytes (ETags, checksums, signatures), they keep no secret at rest.
namespace api::checksums {

// The Merkle–Damgård frame the three share: 64-byte blocks, the message length in bits at the
// end of the padding (little-endian for MD5, big-endian for the SHAs).
template <typename Compress, std::size_t StateWords, bool BigEndian>
class BlockHash {
 public:
  void update(std::string_view bytes);
  // The digest of everything updated so far; the hash is spent after it.
  std::string finish();

 protected:
  std::array<std::uint32_t, StateWords> state_{};

 private:
  std::array<unsigned char, 64> block_{};
  std::size_t filled_ = 0;
  std::uint64_t length_ = 0;  // bytes
};

struct Md5Compress {
  static void run(std::array<std::uint32_t, 4>& state, const unsigned char* block);
};
struct Sha1Compress {
  static void run(std::array<std::uint32_t, 5>& state, const unsigned char* block);
};
struct Sha256Compress {
  static void run(std::array<std::uint32_t, 8>& state, const unsigned char* block);
};

class Md5 : public BlockHash<Md5Compress, 4, false> {
 public:
  Md5();
};
class Sha1 : public BlockHash<Sha1Compress, 5, true> {
 public:
  Sha1();
};
class Sha256 : public BlockHash<Sha256Compress, 8, true> {
 public:
  Sha256();
};

// Raw HMAC of `message` under `key`: SHA-256 for SigV4's signing key chain (32 bytes), SHA-1
// for SigV2's presigned S3 URLs (20 bytes).
std::string hmac_sha256(std::string_view key, std::string_view message);
std::string hmac_sha1(std::string_view key, std::string_view message);

}  // namespace api::checksums
