// An S3 upload's chunk signatures as the front door checks them (after the header signature):
// AWS's example passes whole; a changed, unsigned, dropped or misplaced chunk and a bad trailer
// signature are refused as S3's SignatureDoesNotMatch.
#include "api/signed_chunks.h"

#include <gtest/gtest.h>

#include "api/auth/chunk_signatures.h"
#include "tests/unit/api/auth/chunked_upload_example.h"

namespace api {
namespace {

namespace example = auth::testing::chunked;

auth::SecretOf example_key() {
  return [](std::string_view key) -> std::optional<std::string> {
    if (key == example::kKey) return std::string(example::kSecret);
    return std::nullopt;
  };
}

std::optional<auth::Rejection> check(const server::HttpRequest& request) {
  return refuse_signed_chunks(request, example_key());
}

void expect_refused(const std::optional<auth::Rejection>& refused, std::string_view provided) {
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->problem, auth::Problem::bad_signature);
  EXPECT_EQ(refused->access_key, example::kKey);
  EXPECT_EQ(refused->signature_provided, provided);
  EXPECT_TRUE(refused->string_to_sign.starts_with("AWS4-HMAC-SHA256-")) << refused->string_to_sign;
  EXPECT_TRUE(refused->canonical_request.empty());  // S3 shows no canonical request for a chunk
}

TEST(SignedChunks, TheExampleUploadPasses) { EXPECT_EQ(check(example::request()), std::nullopt); }

TEST(SignedChunks, AChangedByteIsRefusedAtItsChunk) {
  auto body = example::body();
  body[body.find("\r\n") + 2 + 1000] = 'b';  // inside the first chunk
  const auto refused = check(example::request(body));
  expect_refused(refused, example::kFirst);
  EXPECT_TRUE(refused->string_to_sign.starts_with("AWS4-HMAC-SHA256-PAYLOAD\n"));
}

TEST(SignedChunks, AChunkWithoutASignatureIsRefused) {
  const auto unsigned_final = example::chunk(std::string(65536, 'a'), example::kFirst) +
                              example::chunk(std::string(1024, 'a'), example::kSecond) + "0\r\n\r\n";
  expect_refused(check(example::request(unsigned_final)), "");
}

TEST(SignedChunks, ADroppedOrReorderedChunkIsRefused) {
  const auto dropped = example::chunk(std::string(65536, 'a'), example::kFirst) + example::chunk("", example::kFinal);
  expect_refused(check(example::request(dropped)), example::kFinal);
  const auto reordered = example::chunk(std::string(1024, 'a'), example::kSecond) +
                         example::chunk(std::string(65536, 'a'), example::kFirst) + example::chunk("", example::kFinal);
  expect_refused(check(example::request(reordered)), example::kSecond);
}

TEST(SignedChunks, AnUnknownKeyABrokenBodyAndOtherPayloadsAreLeftToTheirOwnChecks) {
  auto stranger = example::request();
  stranger.headers[3].second.replace(stranger.headers[3].second.find("AKIAIOSFODNN7EXAMPLE"), 20,
                                     "AKIDNOBODYKNOWS00000");
  EXPECT_EQ(check(stranger), std::nullopt);  // the header check answers InvalidAccessKeyId
  EXPECT_EQ(check(example::request("10;chunk-signature=00\r\nshort")), std::nullopt);  // S3: IncompleteBody
  auto unsigned_payload = example::request("not aws-chunked");
  unsigned_payload.headers[4].second = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  EXPECT_EQ(check(unsigned_payload), std::nullopt);
}

// The trailer form: the chunks chain as before, then x-amz-trailer-signature over the checksum.
struct TrailerUpload {
  std::string chunks;
  std::string trailer_signature;
};

TrailerUpload signed_with_trailer(std::string_view data, std::string_view checksum_line) {
  auth::ChunkSignatureChain chain(example::kSecret, example::kScope, std::string(example::kDate),
                                  std::string(example::kSeed));
  TrailerUpload upload;
  for (std::string_view piece : {data, std::string_view()}) {
    const auto signature = chain.sign(chain.chunk_string_to_sign(piece));
    chain.accept(chain.chunk_string_to_sign(piece), signature);
    upload.chunks += example::chunk(piece, signature);
  }
  const auto colon = checksum_line.find(':');
  const std::vector<auth::ChunkSignatureChain::Trailer> trailers = {
      {std::string(checksum_line.substr(0, colon)), std::string(checksum_line.substr(colon + 1))}};
  upload.trailer_signature = chain.sign(chain.trailer_string_to_sign(trailers));
  upload.chunks.erase(upload.chunks.size() - 2);  // the final chunk's CRLF is the trailers' to end
  return upload;
}

server::HttpRequest trailer_request(const TrailerUpload& upload, std::string_view checksum_line,
                                    std::string_view signature) {
  auto request = example::request(upload.chunks + std::string(checksum_line) +
                                  "\r\nx-amz-trailer-signature:" + std::string(signature) + "\r\n\r\n");
  request.headers[4].second = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  return request;
}

TEST(SignedChunks, TheTrailerSignatureClosesTheChain) {
  const std::string checksum = "x-amz-checksum-crc32:rwg7LQ==";
  const auto upload = signed_with_trailer("hello world\n", checksum);
  EXPECT_EQ(check(trailer_request(upload, checksum, upload.trailer_signature)), std::nullopt);
  expect_refused(check(trailer_request(upload, "x-amz-checksum-crc32:AAAAAA==", upload.trailer_signature)),
                 upload.trailer_signature);
  expect_refused(check(trailer_request(upload, checksum, std::string(64, '0'))), std::string(64, '0'));
  auto without = example::request(upload.chunks + checksum + "\r\n\r\n");
  without.headers[4].second = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  expect_refused(check(without), "");
}

}  // namespace
}  // namespace api
