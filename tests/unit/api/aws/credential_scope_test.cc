#include "api/aws/credential_scope.h"

#include <gtest/gtest.h>

namespace api::aws {
namespace {

TEST(CredentialScope, RegionComesFromTheSigV4Scope) {
  auto scope = scope_of(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/sagemaker/aws4_request, "
      "SignedHeaders=content-type;host, Signature=abc",
      "us-east-1");
  EXPECT_EQ(scope.region, "eu-west-1");
  EXPECT_EQ(scope.account, "123456789012");
}

TEST(CredentialScope, ATwelveDigitAccessKeyIsTheAccount) {
  auto scope = scope_of("AWS4-HMAC-SHA256 Credential=210987654321/20261126/us-west-2/sagemaker/aws4_request, x", "us-east-1");
  EXPECT_EQ(scope.account, "210987654321");
  EXPECT_EQ(scope.region, "us-west-2");
}

TEST(CredentialScope, UnsignedOrMalformedRequestsGetTheDefaults) {
  for (const char* auth : {"", "Bearer token", "AWS4-HMAC-SHA256 Credential=AKID/2026", "AWS4-HMAC-SHA256 Credential=A/d/US EAST/s/t"}) {
    auto scope = scope_of(auth, "us-east-1");
    EXPECT_EQ(scope.region, "us-east-1") << auth;
    EXPECT_EQ(scope.account, "123456789012") << auth;
  }
}

}  // namespace
}  // namespace api::aws
