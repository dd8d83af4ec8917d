#include <gtest/gtest.h>

#include <string>

#include "api/checksums/crc.h"
#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/checksums/hashes.h"

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

// RFC 1321 §A.5, FIPS 180-4 examples (one and two blocks), and a million 'a's, which fills
// blocks across update() calls of odd sizes.
TEST(Digest, PublishedTestVectors) {
  EXPECT_EQ(hex(digest_of(Algorithm::md5, "")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex(digest_of(Algorithm::md5,
                          "12345678901234567890123456789012345678901234567890123456789012345678901234567890")),
            "57edf4a22be3c955ac49da2e2107b67a");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(hex(digest_of(Algorithm::sha1, two_blocks)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(digest_of(Algorithm::sha256, two_blocks)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Digest million(Algorithm::sha256);
  for (int sent = 0; sent < 1'000'000; sent += 997) million.update(std::string(std::min(997, 1'000'000 - sent), 'a'));
  EXPECT_EQ(hex(million.digest()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
TEST(Hmac, Rfc4231) {
  EXPECT_EQ(hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // RFC 2202 test case 2 for HMAC-SHA1.
  EXPECT_EQ(hex(hmac_sha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
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
