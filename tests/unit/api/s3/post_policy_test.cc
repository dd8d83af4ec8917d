#include "api/s3/post_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "api/checksums/encoding.h"

namespace api::s3 {
namespace {

std::string encoded(std::string_view json) { return checksums::base64(json); }

PostForm form_of(std::vector<std::pair<std::string, std::string>> fields, std::string file = "hello") {
  PostForm form;
  form.fields = std::move(fields);
  form.has_file = true;
  form.file = std::move(file);
  return form;
}

const std::string kPolicy = encoded(R"({"expiration": "2026-12-03T10:00:00.000Z", "conditions": [
  {"bucket": "alpha"}, ["starts-with", "$key", "uploads/"], ["content-length-range", 2, 10],
  {"x-amz-algorithm": "AWS4-HMAC-SHA256"}, ["eq", "$Content-Type", "text/plain"]]})");

TEST(PostPolicy, ReadsExpirationAndConditions) {
  const auto policy = read_policy(kPolicy);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->expiration.time_since_epoch().count(), 1796292000);
  ASSERT_EQ(policy->conditions.size(), 5u);
  EXPECT_EQ(policy->conditions[4].field, "content-type");
  EXPECT_EQ(policy->conditions[0].text, R"(["eq", "$bucket", "alpha"])");
}

TEST(PostPolicy, UnreadablePoliciesAreInvalidPolicyDocuments) {
  for (const std::string& bad :
       {std::string("%%%"), encoded("not json"), encoded(R"({"conditions": []})"),
        encoded(R"({"expiration": "tomorrow", "conditions": []})"),
        encoded(R"({"expiration": "2026-12-03T10:00:00Z", "conditions": [["gt", "$a", 1]]})")}) {
    const auto policy = read_policy(bad);
    ASSERT_FALSE(policy) << bad;
    EXPECT_EQ(policy.error().code, "InvalidPolicyDocument");
  }
}

TEST(PostPolicy, AFormThatKeepsToThePolicyPasses) {
  const auto policy = read_policy(kPolicy);
  const auto form = form_of({{"key", "uploads/a.txt"},
                             {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
                             {"content-type", "text/plain"},
                             {"policy", kPolicy},
                             {"x-amz-signature", "00"},
                             {"x-ignore-me", "x"}});
  EXPECT_EQ(policy_violation(*policy, form, "alpha"), std::nullopt);
}

TEST(PostPolicy, BrokenConditionsExtraFieldsAndSizesGetS3sErrors) {
  const auto policy = read_policy(kPolicy);
  const std::vector<std::pair<std::string, std::string>> good = {
      {"key", "uploads/a.txt"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"content-type", "text/plain"}};
  auto other_bucket = policy_violation(*policy, form_of(good), "beta");
  ASSERT_TRUE(other_bucket);
  EXPECT_EQ(other_bucket->status, 403);
  EXPECT_EQ(other_bucket->code, "AccessDenied");
  EXPECT_EQ(other_bucket->message,
            R"(Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "alpha"])");
  auto fields = good;
  fields[0].second = "elsewhere/a.txt";
  EXPECT_EQ(policy_violation(*policy, form_of(fields), "alpha")->message,
            R"(Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"])");
  fields = good;
  fields.emplace_back("x-amz-meta-extra", "1");
  EXPECT_EQ(policy_violation(*policy, form_of(fields), "alpha")->message,
            "Invalid according to Policy: Extra input fields: x-amz-meta-extra");
  auto large = policy_violation(*policy, form_of(good, std::string(11, 'x')), "alpha");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->code, "EntityTooLarge");
  EXPECT_EQ(large->details.back().second, "10");
  auto small = policy_violation(*policy, form_of(good, "x"), "alpha");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->code, "EntityTooSmall");
}

}  // namespace
}  // namespace api::s3
