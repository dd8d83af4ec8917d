#include <gtest/gtest.h>

#include <string>

#include "api/checksums/crc.h"
#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"

namespace api::checksums {
namespace {

std::string b64(Algorithm algorithm, std::string_view bytes) { return base64(digest_of(algorithm, bytes)); }

// The published check values of each CRC over "123456789".
TEST(Crc, CheckValues) {
  EXPECT_EQ(crc32c(0, "123456789"), 0xE3069283u);
  EXPECT_EQ(crc64nvme(0, "123456789"), 0xAE8B14860A799888ull);
  EXPECT_EQ(hex(digest_of(Algorithm::crc32, "123456789")), "cbf43926");
}

TEST(Crc, RunningValueEqualsOneCall) {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  for (std::size_t split = 0; split <= text.size(); ++split) {
    EXPECT_EQ(crc32c(crc32c(0, text.substr(0, split)), text.substr(split)), crc32c(0, text));
    EXPECT_EQ(crc64nvme(crc64nvme(0, text.substr(0, split)), text.substr(split)), crc64nvme(0, text));
  }
}

// Values the SDKs sent for "hello world\n" (wire-protocols.md §7.6, §7.7).
TEST(Digest, MatchesWhatSdksSend) {
  EXPECT_EQ(b64(Algorithm::crc32, "hello world\n"), "rwg7LQ==");
  EXPECT_EQ(b64(Algorithm::crc64nvme, "hello world\n"), "D3gOhIHSoh8=");
  EXPECT_EQ(hex(digest_of(Algorithm::md5, "hello world\n")), "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(b64(Algorithm::crc32, ""), "AAAAAA==");
  EXPECT_EQ(hex(digest_of(Algorithm::sha256, "")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(digest_of(Algorithm::sha1, "abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Digest, NamesAndHeaders) {
  EXPECT_EQ(parse_algorithm("crc64nvme"), Algorithm::crc64nvme);
  EXPECT_EQ(parse_algorithm("CRC32C"), Algorithm::crc32c);
  EXPECT_FALSE(parse_algorithm("MD5"));
  EXPECT_FALSE(parse_algorithm("CRC"));
  EXPECT_EQ(header_of(Algorithm::sha256), "x-amz-checksum-sha256");
}

TEST(Encoding, Base64RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 20; ++n) {
    auto back = from_base64(base64(bytes));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, bytes);
    bytes += static_cast<char>(n * 37);
  }
  EXPECT_EQ(base64("hello"), "aGVsbG8=");
  EXPECT_FALSE(from_base64("aGVsbG8"));
  EXPECT_FALSE(from_base64("aGV$bG8="));
  EXPECT_FALSE(from_base64("a=bc"));
}

TEST(Encoding, Hex) {
  EXPECT_EQ(hex("\x01\xab"), "01ab");
  EXPECT_EQ(from_hex("01AB"), std::string("\x01\xab"));
  EXPECT_FALSE(from_hex("0g"));
  EXPECT_FALSE(from_hex("abc"));
}

}  // namespace
}  // namespace api::checksums
