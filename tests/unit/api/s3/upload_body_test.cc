#include "api/s3/upload_body.h"

#include <gtest/gtest.h>

#include <string>

namespace api::s3 {
namespace {

server::HttpRequest put(std::string body, std::vector<std::pair<std::string, std::string>> headers) {
  return server::HttpRequest{"PUT", "/alpha/k", std::move(headers), std::move(body)};
}

TEST(UploadBody, PlainBodyWithAVerifiedChecksumHeader) {
  const auto request = put("hello world\n", {{"x-amz-checksum-crc32", "rwg7LQ=="}});
  std::string decoded;
  auto body = read_upload(request, decoded);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(body->bytes, "hello world\n");
  ASSERT_TRUE(body->checksum);
  EXPECT_EQ(body->checksum->algorithm, checksums::Algorithm::crc32);
}

TEST(UploadBody, AwsChunkedWithTrailerChecksum) {
  const auto request = put("c\r\nhello world\n\r\n0\r\nx-amz-checksum-crc64nvme:D3gOhIHSoh8=\r\n\r\n",
                           {{"Content-Encoding", "aws-chunked"},
                            {"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                            {"X-Amz-Decoded-Content-Length", "12"},
                            {"x-amz-trailer", "x-amz-checksum-crc64nvme"}});
  std::string decoded;
  auto body = read_upload(request, decoded);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(body->bytes, "hello world\n");
  EXPECT_EQ(body->checksum->algorithm, checksums::Algorithm::crc64nvme);
}

TEST(UploadBody, WrongValuesGetS3sErrors) {
  struct Case {
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string code;
    std::string message;
  };
  const Case cases[] = {
      {"hello",
       {{"x-amz-checksum-crc32", "rwg7LQ=="}},
       "BadDigest",
       "The CRC32 you specified did not match the calculated checksum."},
      {"hello",
       {{"x-amz-checksum-crc32", "nope"}},
       "InvalidRequest",
       "Value for x-amz-checksum-crc32 header is invalid."},
      {"hello",
       {{"x-amz-checksum-crc32", "rwg7LQ=="}, {"x-amz-checksum-sha1", "rwg7LQ=="}},
       "InvalidRequest",
       "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."},
      {"hello", {{"Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="}}, "", ""},
      {"hellO",
       {{"Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="}},
       "BadDigest",
       "The Content-MD5 you specified did not match what we received."},
      {"hello", {{"Content-MD5", "short"}}, "InvalidDigest", "The Content-MD5 you specified was invalid."},
      {"hello",
       {{"x-amz-content-sha256", std::string(64, '0')}},
       "XAmzContentSHA256Mismatch",
       "The provided 'x-amz-content-sha256' header does not match what was computed."},
      {"5\r\nhello\r\n0\r\n\r\n",
       {{"Content-Encoding", "aws-chunked"}, {"x-amz-decoded-content-length", "6"}},
       "IncompleteBody",
       ""},
  };
  for (const auto& c : cases) {
    const auto request = put(c.body, c.headers);
    std::string decoded;
    auto body = read_upload(request, decoded);
    if (c.code.empty()) {
      EXPECT_TRUE(body) << c.body;
      continue;
    }
    ASSERT_FALSE(body) << c.code;
    EXPECT_EQ(body.error().code, c.code);
    EXPECT_EQ(body.error().status, 400);
    if (!c.message.empty()) {
      EXPECT_EQ(body.error().message, c.message);
    }
  }
}

}  // namespace
}  // namespace api::s3
