// Signatures computed elsewhere, recomputed here: the worked example of wire-protocols.md §2.3
// and botocore 1.43's own (tests/unit/api/auth/botocore_vectors.py prints them with their inputs).
#include <gtest/gtest.h>

#include "api/auth/canonical_request.h"
#include "api/auth/signing.h"
#include "api/auth/sigv2_presigned.h"
#include "tests/unit/api/auth/vectors.h"

namespace api::auth {
namespace {

using testing::kSecret;
using testing::kSignedAt;
using testing::one_key;
using testing::request;

TEST(SignatureVectors, WorkedExampleOfTheWireProtocolsDocument) {
  const auto logs = testing::request("POST", "/",
                                     {{"Content-Type", "application/x-amz-json-1.1"},
                                      {"X-Amz-Date", "20261203T080236Z"},
                                      {"X-Amz-Target", "Logs_20140328.CreateLogGroup"}});
  auto with_port = logs;
  with_port.headers.back().second = "127.0.0.1:32925";
  const auto canonical =
      canonical_request(with_port, {{"content-type", "host", "x-amz-date", "x-amz-target"},
                                    "d187aba607a9d430c2ef1d512528b4d3decc9041d6acc68cc96da89d3671e78d",
                                    false,
                                    {}});
  EXPECT_EQ(canonical,
            "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:127.0.0.1:32925\nx-amz-date:20261203T080236Z\n"
            "x-amz-target:Logs_20140328.CreateLogGroup\n\ncontent-type;host;x-amz-date;x-amz-target\n"
            "d187aba607a9d430c2ef1d512528b4d3decc9041d6acc68cc96da89d3671e78d");
  const Scope scope{"20261203", "us-east-1", "logs"};
  const auto to_sign = string_to_sign("20261203T080236Z", scope, canonical);
  EXPECT_EQ(to_sign,
            "AWS4-HMAC-SHA256\n20261203T080236Z\n20261203/us-east-1/logs/aws4_request\n"
            "6305987b6e3a76484dc8fc186bca90c181ec453093e13e0bde2406afa6792d81");
  EXPECT_EQ(signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", scope, to_sign),
            "bf640cdd0adf77400157a8e132f4294378d7408033fb596bd7c8f60377b3594b");
}

TEST(SignatureVectors, BotocoreJsonRequestVerifies) {
  EXPECT_EQ(verify(testing::sagemaker_request(std::string(testing::kSageMakerSignature)), false, one_key(), kSignedAt),
            std::nullopt);
}

TEST(SignatureVectors, BotocoreQueryRequestVerifies) {
  const auto sts = request("POST", "/",
                           {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                            {"X-Amz-Date", "20261203T080236Z"},
                            {"Authorization",
                             "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/sts/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-date, "
                             "Signature=db052d5b31faf90842f19e4247784d9adb8069fcedf03c8f91dff97a5ab1d4fb"}},
                           "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(verify(sts, false, one_key(), kSignedAt), std::nullopt);
}

// S3 signs the path as sent: "a b/c~d+e=f.txt" stays "/alpha/a%20b/c~d%2Be%3Df.txt".
TEST(SignatureVectors, BotocoreS3PutWithAnEncodedKeyVerifies) {
  const auto put =
      request("PUT", "/alpha/a%20b/c~d%2Be%3Df.txt",
              {{"Content-Type", "text/plain"},
               {"X-Amz-Date", "20261203T080236Z"},
               {"X-Amz-Content-SHA256", "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447"},
               {"Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/s3/aws4_request, "
                "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, "
                "Signature=9987763d4b86d1bf1ab3628c8a9607d32b2e002ae3f36d9c06e415e011132fd5"}},
              "hello world\n");
  EXPECT_EQ(verify(put, true, one_key(), kSignedAt), std::nullopt);
  // The same bytes under the non-S3 rule (the path encoded once more) sign something else.
  EXPECT_EQ(verify(put, false, one_key(), kSignedAt)->problem, Problem::bad_signature);
}

TEST(SignatureVectors, BotocoreS3ListWithAQueryVerifies) {
  const auto list =
      request("GET", "/alpha?list-type=2&prefix=a%20b%2F&encoding-type=url",
              {{"X-Amz-Date", "20261203T080236Z"},
               {"X-Amz-Content-SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
               {"Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/s3/aws4_request, "
                "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                "Signature=afffbd7fd156281c819102d2a5970f5c31e87f6de20b0d87e0327f60dfb26587"}});
  EXPECT_EQ(verify(list, true, one_key(), kSignedAt), std::nullopt);
}

TEST(SignatureVectors, BotocorePresignedSigV4Verifies) {
  const auto get = request("GET",
                           "/alpha/dir/hello%20world.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                           "AKIDEXAMPLE%2F20261203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261203T080236Z&"
                           "X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="
                           "cc98793cc4c88dfca6da7fc3c8edb101f4f098153f50bde5d94249b1b57d20bc",
                           {});
  EXPECT_EQ(verify(get, true, one_key(), kSignedAt + std::chrono::minutes(59)), std::nullopt);
}

TEST(SignatureVectors, BotocorePresignedSigV2Verifies) {
  const auto get =
      request("GET",
              "/alpha/dir/hello%20world.txt?AWSAccessKeyId=AKIDEXAMPLE&Signature=gEayBjIjL6Xyoyvoka9dqYsZvgg%3D&"
              "Expires=1796288556",
              {});
  EXPECT_EQ(sigv2_string_to_sign(get, "1796288556"), "GET\n\n\n1796288556\n/alpha/dir/hello%20world.txt");
  EXPECT_EQ(sigv2_signature(kSecret, sigv2_string_to_sign(get, "1796288556")), "gEayBjIjL6Xyoyvoka9dqYsZvgg=");
  EXPECT_EQ(verify(get, true, one_key(), kSignedAt), std::nullopt);
}

TEST(SigningTimes, BasicFormatForSignaturesIsoFormatForS3Details) {
  EXPECT_EQ(amz_date_of(kSignedAt), "20261203T080236Z");
  EXPECT_EQ(parse_amz_date(amz_date_of(kSignedAt)), kSignedAt);
  EXPECT_EQ(iso_8601_of(kSignedAt), "2026-12-03T08:02:36Z");
  EXPECT_EQ(iso_8601_of(std::chrono::sys_seconds{}), "1970-01-01T00:00:00Z");
}

TEST(CanonicalRequest, QueryIsDecodedReencodedAndSorted) {
  EXPECT_EQ(canonical_query("uploads"), "uploads=");
  EXPECT_EQ(canonical_query("b=2&a=z&a=y&c=%7e+x"), "a=y&a=z&b=2&c=~%2Bx");
  EXPECT_EQ(canonical_query("X-Amz-Signature=abc&X-Amz-Date=1", "X-Amz-Signature"), "X-Amz-Date=1");
}

TEST(CanonicalRequest, NonS3PathsDropDotSegmentsAndAreEncodedTwice) {
  EXPECT_EQ(canonical_uri("/a/./b/../c//d/", false), "/a/c/d/");
  EXPECT_EQ(canonical_uri("/a%20b", false), "/a%2520b");
  EXPECT_EQ(canonical_uri("/a/./b%20", true), "/a/./b%20");
  EXPECT_EQ(canonical_uri("", false), "/");
}

TEST(CanonicalRequest, HeaderValuesAreTrimmedSqueezedAndJoined) {
  const server::HttpRequest r{"GET", "/", {{"X-A", "  one   two  "}, {"x-a", "three"}}, ""};
  EXPECT_EQ(canonical_headers(r, {"x-a"}), "x-a:one two,three\n");
}

}  // namespace
}  // namespace api::auth
