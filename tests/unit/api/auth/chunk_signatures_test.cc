// The chain of chunk signatures against AWS's published vectors (wire-protocols.md §7.7): the
// chunked example's seed and chunks, and the trailing-headers example's trailer signature.
#include "api/auth/chunk_signatures.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/auth/verifier.h"
#include "tests/unit/api/auth/chunked_upload_example.h"

namespace api::auth {
namespace {

namespace example = testing::chunked;

ChunkSignatureChain example_chain(std::string_view seed = example::kSeed) {
  return ChunkSignatureChain(example::kSecret, example::kScope, std::string(example::kDate), std::string(seed));
}

SecretOf example_key() {
  return [](std::string_view key) -> std::optional<std::string> {
    if (key == example::kKey) return std::string(example::kSecret);
    return std::nullopt;
  };
}

TEST(ChunkSignatures, TheExampleSeedIsTheAuthorizationHeadersSignature) {
  EXPECT_EQ(verify(example::request(), true, example_key(), example::kSignedAt), std::nullopt);
}

TEST(ChunkSignatures, EachExampleChunkChainsFromTheOneBefore) {
  auto chain = example_chain();
  const std::string first(65536, 'a');
  EXPECT_EQ(chain.chunk_string_to_sign(first),
            "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
                std::string(example::kSeed) +
                "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                "bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a");
  const std::vector<std::pair<std::string, std::string_view>> chunks = {
      {first, example::kFirst}, {std::string(1024, 'a'), example::kSecond}, {"", example::kFinal}};
  for (const auto& [data, expected] : chunks) {
    const auto to_sign = chain.chunk_string_to_sign(data);
    EXPECT_EQ(chain.sign(to_sign), expected) << data.size() << " bytes";
    EXPECT_TRUE(chain.accept(to_sign, expected));
  }
}

TEST(ChunkSignatures, TheTrailerSignatureCoversTheTrailerLines) {
  const std::string final_chunk = "e05ab64fe1dfdbf0b5870abbaabdb063c371d4e96f2767e6934d90529c5ae850";
  auto chain = example_chain(final_chunk);
  const std::string signature = "41e14ac611e27a8bb3d66c3bad6856f209297767d5dd4fc87d8fa9e422e03faf";
  const std::vector<ChunkSignatureChain::Trailer> trailers = {{"x-amz-checksum-crc32c", "wdBDMA=="},
                                                              {"x-amz-trailer-signature", signature}};
  const auto to_sign = chain.trailer_string_to_sign(trailers);
  EXPECT_EQ(to_sign, "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + final_chunk +
                         "\n" + sha256_hex("x-amz-checksum-crc32c:wdBDMA==\n"));
  EXPECT_EQ(chain.sign(to_sign), signature);
  EXPECT_TRUE(chain.accept(to_sign, signature));
}

TEST(ChunkSignatures, AWrongOrMissingSignatureIsRefusedAndTheChainStaysPut) {
  auto chain = example_chain();
  const auto to_sign = chain.chunk_string_to_sign(std::string(65536, 'a'));
  std::string wrong(example::kFirst);
  wrong.back() = '9';
  EXPECT_FALSE(chain.accept(to_sign, wrong));
  EXPECT_FALSE(chain.accept(to_sign, ""));
  EXPECT_FALSE(chain.accept(to_sign, example::kSeed));
  EXPECT_TRUE(chain.accept(to_sign, example::kFirst));  // a refusal did not move the chain on
}

TEST(ChunkSignatures, AChunkSignedForAnotherPlaceInTheChainIsRefused) {
  auto chain = example_chain();
  // The second chunk's data and signature sent first: its signature chains from the first's.
  EXPECT_FALSE(chain.accept(chain.chunk_string_to_sign(std::string(1024, 'a')), example::kSecond));
  // Changed data under the right signature.
  EXPECT_FALSE(chain.accept(chain.chunk_string_to_sign(std::string(65535, 'a') + "b"), example::kFirst));
  // Another secret.
  ChunkSignatureChain other("another secret", example::kScope, std::string(example::kDate),
                            std::string(example::kSeed));
  EXPECT_FALSE(other.accept(other.chunk_string_to_sign(std::string(65536, 'a')), example::kFirst));
}

}  // namespace
}  // namespace api::auth
