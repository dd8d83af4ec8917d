#include "api/s3/preconditions.h"

#include <gtest/gtest.h>

namespace api::s3 {
namespace {

constexpr std::string_view kEtag = "6f5902ac237024bdd0c176cb93063dc4";
// Written at Thu, 03 Dec 2026 08:02:36.500 GMT.
constexpr std::int64_t kModifiedMs = 1796284956500;
constexpr std::string_view kThen = "Thu, 03 Dec 2026 08:02:36 GMT";
constexpr std::string_view kBefore = "Thu, 03 Dec 2026 08:02:35 GMT";

std::optional<ReadCondition> failed(const ReadConditions& conditions) {
  return failed_read_condition(conditions, kEtag, kModifiedMs);
}

TEST(Preconditions, EtagsMatchQuotedUnquotedOrAny) {
  EXPECT_TRUE(etag_matches("\"6f5902ac237024bdd0c176cb93063dc4\"", kEtag));
  EXPECT_TRUE(etag_matches(kEtag, kEtag));
  EXPECT_TRUE(etag_matches("*", kEtag));
  EXPECT_FALSE(etag_matches("\"00000000000000000000000000000000\"", kEtag));
  EXPECT_FALSE(etag_matches("\"", kEtag));
}

TEST(Preconditions, EachReadConditionAlone) {
  EXPECT_EQ(failed({}), std::nullopt);
  EXPECT_EQ(failed({.if_match = "\"0000\""}), ReadCondition::if_match);
  EXPECT_EQ(failed({.if_match = kEtag}), std::nullopt);
  EXPECT_EQ(failed({.if_none_match = kEtag}), ReadCondition::if_none_match);
  EXPECT_EQ(failed({.if_none_match = "*"}), ReadCondition::if_none_match);
  EXPECT_EQ(failed({.if_none_match = "\"0000\""}), std::nullopt);
  // Last-Modified shows whole seconds: written "at" kThen, so not modified since kThen.
  EXPECT_EQ(failed({.if_modified_since = kThen}), ReadCondition::if_modified_since);
  EXPECT_EQ(failed({.if_modified_since = kBefore}), std::nullopt);
  EXPECT_EQ(failed({.if_unmodified_since = kThen}), std::nullopt);
  EXPECT_EQ(failed({.if_unmodified_since = kBefore}), ReadCondition::if_unmodified_since);
}

// S3's documented pairs (RFC 7232 §6): a true If-Match overrides a false If-Unmodified-Since;
// a matching If-None-Match fails whatever If-Modified-Since says.
TEST(Preconditions, PairsFollowRfc7232Order) {
  EXPECT_EQ(failed({.if_match = kEtag, .if_unmodified_since = kBefore}), std::nullopt);
  EXPECT_EQ(failed({.if_none_match = kEtag, .if_modified_since = kBefore}), ReadCondition::if_none_match);
  EXPECT_EQ(failed({.if_none_match = "\"0000\"", .if_modified_since = kThen}), std::nullopt);
  EXPECT_EQ(failed({.if_match = "\"0000\"", .if_none_match = kEtag}), ReadCondition::if_match);
}

TEST(Preconditions, DatesThatDoNotParseAreIgnored) {
  EXPECT_EQ(failed({.if_modified_since = "yesterday"}), std::nullopt);
  EXPECT_EQ(failed({.if_unmodified_since = "2026-12-03"}), std::nullopt);
}

TEST(Preconditions, HeaderNames) {
  EXPECT_EQ(header_of(ReadCondition::if_match), "If-Match");
  EXPECT_EQ(header_of(ReadCondition::if_none_match), "If-None-Match");
  EXPECT_EQ(header_of(ReadCondition::if_modified_since), "If-Modified-Since");
  EXPECT_EQ(header_of(ReadCondition::if_unmodified_since), "If-Unmodified-Since");
}

void expect_error(const std::optional<S3Error>& error, int status, std::string_view code, std::string_view detail) {
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status, status);
  EXPECT_EQ(error->code, code);
  ASSERT_EQ(error->details.size(), 1u);
  EXPECT_EQ(error->details[0].second, detail);
}

TEST(Preconditions, WritesOverAnExistingObject) {
  object_store::ObjectInfo existing;
  existing.etag = std::string(kEtag);
  EXPECT_EQ(failed_write_condition({}, &existing, "k"), std::nullopt);
  EXPECT_EQ(failed_write_condition({.if_match = "\"6f5902ac237024bdd0c176cb93063dc4\""}, &existing, "k"), std::nullopt);
  EXPECT_EQ(failed_write_condition({.if_match = "*"}, &existing, "k"), std::nullopt);
  const auto wrong = failed_write_condition({.if_match = "\"0000\""}, &existing, "k");
  expect_error(wrong, 412, "PreconditionFailed", "If-Match");
  EXPECT_EQ(wrong->message, "At least one of the pre-conditions you specified did not hold");
  expect_error(failed_write_condition({.if_none_match = "*"}, &existing, "k"), 412, "PreconditionFailed",
               "If-None-Match");
}

TEST(Preconditions, WritesOfANewKey) {
  EXPECT_EQ(failed_write_condition({.if_none_match = "*"}, nullptr, "k"), std::nullopt);
  expect_error(failed_write_condition({.if_match = kEtag}, nullptr, "k"), 404, "NoSuchKey", "k");
  expect_error(failed_write_condition({.if_match = "*"}, nullptr, "k"), 404, "NoSuchKey", "k");
}

// If-None-Match on a write takes "*" alone.
TEST(Preconditions, WriteConditionsS3DoesNotImplement) {
  for (const WriteConditions conditions :
       {WriteConditions{.if_none_match = kEtag}, WriteConditions{.if_match = kEtag, .if_none_match = "*"}}) {
    expect_error(failed_write_condition(conditions, nullptr, "k"), 501, "NotImplemented", "If-None-Match");
  }
}

}  // namespace
}  // namespace api::s3
