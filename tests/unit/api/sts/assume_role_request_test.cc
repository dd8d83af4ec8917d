#include "api/sts/assume_role_request.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/sts/issued_credentials.h"
#include "api/sts/role_arn.h"
#include "api/sts/session_book.h"

namespace api::sts {
namespace {

TEST(RoleArn, ReadsPartitionAccountAndNameBehindAnyPath) {
  auto role = parse_role_arn("arn:aws:iam::210987654321:role/service-role/team/SageMakerRole");
  ASSERT_TRUE(role);
  EXPECT_EQ(role->partition, "aws");
  EXPECT_EQ(role->account, "210987654321");
  EXPECT_EQ(role->name, "SageMakerRole");
  role = parse_role_arn("arn:aws-cn:iam::000000000000:role/demo");
  ASSERT_TRUE(role);
  EXPECT_EQ(role->partition, "aws-cn");
}

TEST(RoleArn, RefusesWhatIsNotAnIamRole) {
  for (const char* arn :
       {"arn:aws:iam::123456789012:user/alice", "arn:aws:sts::123456789012:role/demo",
        "arn:aws:iam:us-east-1:123456789012:role/demo", "arn:aws:iam::12345678901:role/demo",
        "arn:gcp:iam::123456789012:role/demo", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/a b",
        "arn:aws:iam::123456789012:role//demo", "arn:aws:iam::123456789012:role/demo:x", "arn:aws:iam::123456789012"}) {
    EXPECT_FALSE(parse_role_arn(arn)) << arn;
  }
}

capacity_model::Result<AssumeRoleRequest, std::string> read(std::string_view body) {
  return read_assume_role(query::Form::parse(body));
}

TEST(AssumeRoleRequest, DefaultsToAnHour) {
  const auto request =
      read("RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&RoleSessionName=s3-session&ExternalId=ext-123");
  ASSERT_TRUE(request) << request.error();
  EXPECT_EQ(request->role.account, "000000000000");
  EXPECT_EQ(request->session_name, "s3-session");
  EXPECT_EQ(request->duration_seconds, 3600);
  EXPECT_FALSE(request->source_identity);
}

TEST(AssumeRoleRequest, MissingMembersAreNull) {
  const auto request = read("");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error(),
            "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be "
            "null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
}

TEST(AssumeRoleRequest, ReportsEveryConstraintInStsWords) {
  const auto request = read("RoleArn=short&RoleSessionName=a+b&DurationSeconds=100");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error(),
            "3 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have "
            "length greater than or equal to 20; Value 'a b' at 'roleSessionName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '100' at 'durationSeconds' failed "
            "to satisfy constraint: Member must have value greater than or equal to 900");
}

TEST(AssumeRoleRequest, ChecksLengthsRangesAndOptionalMembers) {
  const std::string role = "RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&";
  EXPECT_EQ(read(role + "RoleSessionName=a").error(),
            "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must "
            "have length greater than or equal to 2");
  EXPECT_EQ(
      read(role + "RoleSessionName=" + std::string(65, 'x')).error(),
      "1 validation error detected: Value '" + std::string(65, 'x') +
          "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64");
  EXPECT_EQ(read(role + "RoleSessionName=ok&DurationSeconds=43201").error(),
            "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member "
            "must have value less than or equal to 43200");
  EXPECT_EQ(read(role + "RoleSessionName=ok&DurationSeconds=1h").error(),
            "1 validation error detected: Value '1h' at 'durationSeconds' failed to satisfy constraint: Member must "
            "be an integer");
  EXPECT_EQ(read(role + "RoleSessionName=ok&TokenCode=12345a").error(),
            "1 validation error detected: Value '12345a' at 'tokenCode' failed to satisfy constraint: Member must "
            "satisfy regular expression pattern: [\\d]*");
  const auto ok = read(role + "RoleSessionName=user%40example.com&DurationSeconds=43200&SourceIdentity=alice");
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->duration_seconds, 43200);
  EXPECT_EQ(ok->source_identity, "alice");
}

TEST(AssumeRoleRequest, ALongEnoughArnThatIsNoRoleIsInvalid) {
  EXPECT_EQ(read("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Falice&RoleSessionName=ok").error(),
            "arn:aws:iam::123456789012:user/alice is invalid");
}

TEST(IssuedCredentials, HaveStsShapes) {
  const auto first = new_credentials();
  const auto second = new_credentials();
  EXPECT_EQ(first.access_key_id.size(), 20u);
  EXPECT_EQ(first.access_key_id.substr(0, 4), "ASIA");
  EXPECT_EQ(first.secret_access_key.size(), 40u);
  EXPECT_FALSE(first.session_token.empty());
  EXPECT_NE(first.access_key_id, second.access_key_id);
  EXPECT_EQ(role_id("arn:aws:iam::1:role/a"), role_id("arn:aws:iam::1:role/a"));
  EXPECT_NE(role_id("arn:aws:iam::1:role/a"), role_id("arn:aws:iam::1:role/b"));
  EXPECT_EQ(role_id("arn:aws:iam::1:role/a").size(), 21u);
}

TEST(SessionBook, ForgetsTheOldestBeyondItsCapacity) {
  SessionBook book;
  for (std::size_t i = 0; i <= SessionBook::kCapacity; ++i) {
    book.add("key" + std::to_string(i), Session{std::to_string(i), "arn", "id", "secret", "token", {}});
  }
  EXPECT_EQ(book.find("key0"), nullptr);
  ASSERT_NE(book.find("key1"), nullptr);
  EXPECT_EQ(book.find("key1")->account, "1");
  EXPECT_NE(book.find("key" + std::to_string(SessionBook::kCapacity)), nullptr);
}

TEST(SessionBook, AKeyAddedAgainIsOneSession) {
  SessionBook book;
  book.add("again", Session{"1", "arn", "id", "secret", "token", {}});
  book.add("other", Session{"2", "arn", "id", "secret", "token", {}});
  book.add("again", Session{"3", "arn", "id", "secret", "token", {}});
  std::vector<std::string> keys;
  book.for_each([&](const std::string& key, const Session&) { keys.push_back(key); });
  EXPECT_EQ(keys, (std::vector<std::string>{"again", "other"}));
  EXPECT_EQ(book.find("again")->account, "3");
  // Filling up from here forgets "again" once, and never visits a key it no longer holds.
  for (std::size_t i = 0; i + 2 < SessionBook::kCapacity; ++i) book.add("key" + std::to_string(i), Session{});
  book.add("last", Session{});
  EXPECT_EQ(book.find("again"), nullptr);
  std::size_t visited = 0;
  book.for_each([&](const std::string&, const Session&) { ++visited; });
  EXPECT_EQ(visited, SessionBook::kCapacity);
}

}  // namespace
}  // namespace api::sts
