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

TEST(CredentialScope, CredentialOfReadsKeyRegionAndService) {
  const auto credential =
      credential_of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/sts/aws4_request, SignedHeaders=host");
  ASSERT_TRUE(credential);
  EXPECT_EQ(credential->access_key, "AKIDEXAMPLE");
  EXPECT_EQ(credential->region, "us-east-1");
  EXPECT_EQ(credential->service, "sts");
  EXPECT_FALSE(credential_of(""));
  EXPECT_FALSE(credential_of("AWS4-HMAC-SHA256 Credential=AKID/2026"));
}

TEST(CredentialScope, AnIssuedKeyActsInItsOwnAccount) {
  const IssuedAccounts issued = [](std::string_view key) -> std::optional<std::string> {
    if (key == "ASIAEXAMPLEEXAMPLE00") return "000000000000";
    return std::nullopt;
  };
  EXPECT_EQ(account_of("ASIAEXAMPLEEXAMPLE00", issued), "000000000000");
  EXPECT_EQ(account_of("210987654321", issued), "210987654321");
  EXPECT_EQ(account_of("AKIDEXAMPLE", issued), "123456789012");
  EXPECT_EQ(account_of("ASIAEXAMPLEEXAMPLE00"), "123456789012");
  const auto scope =
      scope_of("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE00/20261203/eu-west-1/sagemaker/aws4_request, x",
               "us-east-1", issued);
  EXPECT_EQ(scope.account, "000000000000");
  EXPECT_EQ(scope.region, "eu-west-1");
}

}  // namespace
}  // namespace api::aws
