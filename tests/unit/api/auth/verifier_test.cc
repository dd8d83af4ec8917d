// What verify() refuses, and why: the wall-clock rules (15-minute skew, presigned expiry), keys,
// and headers that cannot be checked (wire-protocols.md §2.4, §2.6).
#include "api/auth/verifier.h"

#include <gtest/gtest.h>

#include "tests/unit/api/auth/vectors.h"

namespace api::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using testing::kSageMakerSignature;
using testing::kSignedAt;
using testing::one_key;
using testing::sagemaker_request;

const auto kSigned = sagemaker_request(std::string(kSageMakerSignature));

TEST(Verifier, FifteenMinutesEitherSideOfTheWallClockPass) {
  EXPECT_EQ(verify(kSigned, false, one_key(), kSignedAt + minutes(15)), std::nullopt);
  EXPECT_EQ(verify(kSigned, false, one_key(), kSignedAt - minutes(15)), std::nullopt);
}

TEST(Verifier, AnOldSignatureHasExpiredInAwsWords) {
  const auto late = verify(kSigned, false, one_key(), kSignedAt + minutes(15) + seconds(1));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->problem, Problem::skewed);
  EXPECT_EQ(late->detail,
            "Signature expired: 20261203T080236Z is now earlier than 20261203T080237Z (20261203T081737Z - 15 min.)");
  EXPECT_EQ(late->request_time, "20261203T080236Z");
  EXPECT_EQ(late->server_time, kSignedAt + minutes(15) + seconds(1));
}

TEST(Verifier, AFutureSignatureIsNotYetCurrent) {
  const auto early = verify(kSigned, false, one_key(), kSignedAt - minutes(16));
  ASSERT_TRUE(early);
  EXPECT_EQ(early->problem, Problem::skewed);
  EXPECT_EQ(early->detail,
            "Signature not yet current: 20261203T080236Z is still later than 20261203T080136Z (20261203T074636Z + "
            "15 min.)");
}

TEST(Verifier, AnotherSecretGivesTheCanonicalRequestAndStringToSign) {
  const auto wrong = verify(kSigned, false, one_key("another secret"), kSignedAt);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->problem, Problem::bad_signature);
  EXPECT_EQ(wrong->access_key, "AKIDEXAMPLE");
  EXPECT_EQ(wrong->signature_provided, kSageMakerSignature);
  EXPECT_EQ(wrong->canonical_request.substr(0, 8), "POST\n/\n\n");
  const std::string_view head = "AWS4-HMAC-SHA256\n20261203T080236Z\n20261203/us-west-2/sagemaker/aws4_request\n";
  EXPECT_EQ(wrong->string_to_sign.substr(0, head.size()), head);
}

TEST(Verifier, AChangedBodyNoLongerMatches) {
  auto changed = kSigned;
  changed.body = R"({"MaxResults":1})";
  EXPECT_EQ(verify(changed, false, one_key(), kSignedAt)->problem, Problem::bad_signature);
}

TEST(Verifier, UnknownKeysAndMissingSignaturesAreRefused) {
  const SecretOf nobody = [](std::string_view) { return std::nullopt; };
  const auto unknown = verify(kSigned, false, nobody, kSignedAt);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->problem, Problem::unknown_key);
  EXPECT_EQ(unknown->access_key, "AKIDEXAMPLE");
  const server::HttpRequest bare{"POST", "/", {{"X-Amz-Target", "SageMaker.ListTrainingJobs"}}, "{}"};
  EXPECT_EQ(verify(bare, false, one_key(), kSignedAt)->problem, Problem::missing);
}

TEST(Verifier, HeadersThatCannotBeCheckedAreMalformed) {
  auto no_signature = kSigned;
  no_signature.headers[3].second =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-west-2/sagemaker/aws4_request, SignedHeaders=host";
  const auto missing = verify(no_signature, false, one_key(), kSignedAt);
  EXPECT_EQ(missing->problem, Problem::malformed);
  const std::string_view reason = "Authorization header requires 'Signature' parameter. Authorization=";
  EXPECT_EQ(missing->detail.substr(0, reason.size()), reason);

  auto wrong_terminator = kSigned;
  wrong_terminator.headers[3].second =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-west-2/sagemaker/aws5, SignedHeaders=host, Signature=00";
  EXPECT_EQ(verify(wrong_terminator, false, one_key(), kSignedAt)->detail,
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5'.");

  auto other_day = kSigned;
  other_day.headers[2].second = "20261204T080236Z";
  EXPECT_EQ(verify(other_day, false, one_key(), kSignedAt)->problem, Problem::malformed);
}

TEST(Verifier, S3HeaderSignaturesNeedAPayloadHash) {
  const auto put = testing::request(
      "PUT", "/alpha/k",
      {{"X-Amz-Date", "20261203T080236Z"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, "
        "Signature=00"}});
  EXPECT_EQ(verify(put, true, one_key(), kSignedAt)->problem, Problem::no_payload_hash);
}

TEST(Verifier, PresignedSigV4RunsFromItsDateForItsExpiry) {
  const auto get = testing::request("GET",
                                    "/alpha/dir/hello%20world.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                                    "AKIDEXAMPLE%2F20261203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="
                                    "20261203T080236Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="
                                    "cc98793cc4c88dfca6da7fc3c8edb101f4f098153f50bde5d94249b1b57d20bc",
                                    {});
  EXPECT_EQ(verify(get, true, one_key(), kSignedAt + seconds(3600)), std::nullopt);
  const auto expired = verify(get, true, one_key(), kSignedAt + seconds(3601));
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->problem, Problem::expired);
  EXPECT_EQ(expired->expires_in, 3600);
  EXPECT_EQ(expired->expires_at, kSignedAt + seconds(3600));
  EXPECT_EQ(expired->server_time, kSignedAt + seconds(3601));
  EXPECT_EQ(verify(get, true, one_key(), kSignedAt - minutes(16))->problem, Problem::skewed);
}

TEST(Verifier, PresignedSigV2ExpiresAtItsExpires) {
  const auto get = testing::request(
      "GET",
      "/alpha/dir/hello%20world.txt?AWSAccessKeyId=AKIDEXAMPLE&Signature=gEayBjIjL6Xyoyvoka9dqYsZvgg%3D&"
      "Expires=1796288556",
      {});
  const std::chrono::sys_seconds expiry{seconds(1796288556)};
  EXPECT_EQ(verify(get, true, one_key(), expiry), std::nullopt);
  const auto expired = verify(get, true, one_key(), expiry + seconds(1));
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->problem, Problem::expired);
  EXPECT_EQ(expired->expires_at, expiry);
  EXPECT_EQ(expired->server_time, expiry + seconds(1));
  EXPECT_EQ(expired->expires_in, std::nullopt);  // Expires is an instant, not X-Amz-Expires' lifetime
  EXPECT_EQ(verify(get, true, one_key("other"), expiry)->problem, Problem::bad_signature);
}

}  // namespace
}  // namespace api::auth
