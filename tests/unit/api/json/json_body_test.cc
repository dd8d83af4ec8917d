#include "api/json/json_body.h"

#include <string>

#include <gtest/gtest.h>

namespace api {
namespace {

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonNestingDepth, CountsArraysAndObjectsButNotBracketsInStrings) {
  EXPECT_EQ(json_nesting_depth("{}"), 1);
  EXPECT_EQ(json_nesting_depth(R"({"a":[{"b":[1]}],"c":{}})"), 4);
  EXPECT_EQ(json_nesting_depth(R"({"a":"[[[[{{{{","b":"\"[[["})"), 1);
  EXPECT_EQ(json_nesting_depth("17"), 0);
}

TEST(JsonNestingDepth, StopsCountingPastTheLimit) {
  EXPECT_EQ(json_nesting_depth(nested(1'000'000), 100), 101);
}

TEST(ParseJsonObject, AnEmptyBodyIsAnEmptyObject) {
  auto body = parse_json_object(" \r\n");
  ASSERT_TRUE(body) << body.error();
  EXPECT_EQ(*body, nlohmann::json::object());
}

TEST(ParseJsonObject, RefusesBadJsonNonObjectsAndDeepNestingWithTheReason) {
  EXPECT_EQ(parse_json_object("{").error(), "The request body is not valid JSON.");
  EXPECT_EQ(parse_json_object("[1]").error(), "The request body must be a JSON object.");
  const auto deep = parse_json_object("{\"NameContains\":" + nested(60'000) + "}");
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.error().find("deeper than 100 levels"), std::string::npos);
  const auto fine = parse_json_object("{\"a\":" + nested(kMaxJsonNesting - 1) + "}");
  EXPECT_TRUE(fine) << fine.error();
}

TEST(WireText, TextThatIsNotUtf8BecomesReplacementCharacters) {
  const nlohmann::json body = {{"message", std::string("Operation \xff\xfe is unknown")}};
  EXPECT_EQ(wire_text(body), "{\"message\":\"Operation \xef\xbf\xbd\xef\xbf\xbd is unknown\"}");
}

}  // namespace
}  // namespace api
