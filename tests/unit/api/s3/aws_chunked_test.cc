#include "api/s3/aws_chunked.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::s3 {
namespace {

// boto3 1.43 over https, body "hello world\n", as captured (wire-protocols.md §7.7).
const std::string kUnsignedTrailer = "c\r\nhello world\n\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n";

// Signed chunks, shaped as AWS's example: a signature extension on every size line.
std::string signed_body() {
  const std::string sig = ";chunk-signature=" + std::string(64, 'a');
  return "10000" + sig + "\r\n" + std::string(65536, 'a') + "\r\n" + "400" + sig + "\r\n" + std::string(1024, 'a') +
         "\r\n" + "0" + sig + "\r\n\r\n";
}

TEST(AwsChunked, DecodesTheUnsignedTrailerForm) {
  auto decoded = decode_aws_chunked(kUnsignedTrailer);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->bytes, "hello world\n");
  ASSERT_EQ(decoded->trailers.size(), 1u);
  EXPECT_EQ(decoded->trailers[0].first, "x-amz-checksum-crc32");
  EXPECT_EQ(decoded->trailers[0].second, "rwg7LQ==");
}

TEST(AwsChunked, DecodesSignedChunksAndSignedTrailers) {
  auto decoded = decode_aws_chunked(signed_body());
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->bytes, std::string(66560, 'a'));
  EXPECT_TRUE(decoded->trailers.empty());
  const std::string trailer = "0;chunk-signature=" + std::string(64, 'b') +
                              "\r\nx-amz-checksum-crc32c:wdBDMA==\r\nx-amz-trailer-signature:" + std::string(64, 'c') +
                              "\r\n\r\n";
  auto with_trailer = decode_aws_chunked(trailer);
  ASSERT_TRUE(with_trailer) << with_trailer.error();
  EXPECT_EQ(with_trailer->bytes, "");
  ASSERT_EQ(with_trailer->trailers.size(), 2u);
  EXPECT_EQ(with_trailer->trailers[0].second, "wdBDMA==");
}

TEST(AwsChunked, KeepsEachChunksSizeAndSignatureOnlyWhenAsked) {
  EXPECT_TRUE(decode_aws_chunked(signed_body())->chunks.empty());
  const auto kept = decode_aws_chunked(signed_body(), AwsChunkedDecoder::KeepChunks::yes);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->chunks.size(), 3u);
  EXPECT_EQ(kept->chunks[0].size, 65536u);
  EXPECT_EQ(kept->chunks[1].size, 1024u);
  EXPECT_EQ(kept->chunks[2].size, 0u);
  for (const auto& chunk : kept->chunks) EXPECT_EQ(chunk.signature, std::string(64, 'a'));
  const auto bare = decode_aws_chunked(kUnsignedTrailer, AwsChunkedDecoder::KeepChunks::yes);
  ASSERT_TRUE(bare);
  ASSERT_EQ(bare->chunks.size(), 2u);
  EXPECT_EQ(bare->chunks[0].size, 12u);
  EXPECT_EQ(bare->chunks[0].signature, "");
  const auto other = decode_aws_chunked("3;other=x\r\nabc\r\n0\r\n\r\n", AwsChunkedDecoder::KeepChunks::yes);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->chunks[0].signature, "");  // an extension that is no chunk-signature
}

TEST(AwsChunked, AnEmptyBody) {
  auto decoded = decode_aws_chunked("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->bytes, "");
}

// HTTP chunks never line up with aws-chunks: every split point of the stream, fed in two
// parts and byte by byte, gives the same result.
TEST(AwsChunked, ChunksSplitAtEveryByteBoundary) {
  for (const std::string& body : {kUnsignedTrailer, std::string("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")}) {
    const auto whole = decode_aws_chunked(body);
    ASSERT_TRUE(whole);
    for (std::size_t split = 0; split <= body.size(); ++split) {
      AwsChunkedDecoder decoder;
      ASSERT_TRUE(decoder.feed(body.substr(0, split))) << split;
      ASSERT_TRUE(decoder.feed(body.substr(split))) << split;
      ASSERT_TRUE(decoder.complete()) << split;
      EXPECT_EQ(decoder.decoded(), whole->bytes) << split;
      EXPECT_EQ(decoder.trailers(), whole->trailers) << split;
    }
    AwsChunkedDecoder bytewise;
    for (char c : body) ASSERT_TRUE(bytewise.feed(std::string(1, c)));
    EXPECT_TRUE(bytewise.complete());
    EXPECT_EQ(bytewise.decoded(), whole->bytes);
  }
}

TEST(AwsChunked, BrokenStreamsAreRefused) {
  for (const std::string& bad : std::vector<std::string>{
           "c\r\nhello world\n\r\n",  // no final chunk
           "zz\r\nab\r\n0\r\n\r\n",   // size not hex
           "2\r\nabc\r\n0\r\n\r\n",   // data longer than its size
           "2\nab\r\n0\r\n\r\n",      // LF alone
           "0\r\nno-colon\r\n\r\n",   // bad trailer
           "0\r\n\r\nextra",          // bytes after the end
           "1234567890abcdef0\r\n",   // size too large
           std::string(5000, '1'),    // endless size line
       }) {
    EXPECT_FALSE(decode_aws_chunked(bad)) << bad.substr(0, 40);
  }
}

}  // namespace
}  // namespace api::s3
