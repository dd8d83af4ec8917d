#include "api/service_model/pattern.h"

#include <string>
#include <variant>

#include <gtest/gtest.h>

namespace api::service_model {
namespace {

Pattern compiled(const std::string& source) {
  auto result = Pattern::compile(source);
  if (!result) {
    ADD_FAILURE() << result.error();
    return *Pattern::compile("");
  }
  return std::move(*result);
}

TEST(Pattern, JobNamePatternIsAFullMatch) {
  const Pattern p = compiled("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  EXPECT_TRUE(p.full_match_utf8("demo-tune-1"));
  EXPECT_TRUE(p.full_match_utf8("a--b"));
  EXPECT_TRUE(p.full_match_utf8(std::string(63, 'a')));
  EXPECT_FALSE(p.full_match_utf8(std::string(64, 'a')));
  EXPECT_FALSE(p.full_match_utf8("a_b"));
  EXPECT_FALSE(p.full_match_utf8("-ab"));
  EXPECT_FALSE(p.full_match_utf8("ab-"));
  EXPECT_FALSE(p.full_match_utf8(""));
}

TEST(Pattern, UnicodePropertyClasses) {
  const Pattern p = compiled("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)");
  EXPECT_TRUE(p.full_match_utf8("Équipe données 東京 ٣ ½ a-b@c"));
  EXPECT_TRUE(p.full_match_utf8("\xC2\xA0"));  // NO-BREAK SPACE is Zs
  EXPECT_TRUE(p.full_match_utf8(""));
  EXPECT_FALSE(p.full_match_utf8("emoji \xF0\x9F\x98\x80"));  // So, not L/Z/N
  EXPECT_FALSE(p.full_match_utf8("tab\there"));               // Cc
  EXPECT_FALSE(p.full_match_utf8("a#b"));
}

TEST(Pattern, NegativeLookBehindAtTheEnd) {
  const Pattern p =
      compiled("(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)");
  EXPECT_TRUE(p.full_match_utf8("my-algo"));
  EXPECT_TRUE(p.full_match_utf8("arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo"));
  EXPECT_FALSE(p.full_match_utf8("my-algo-"));
  EXPECT_FALSE(p.full_match_utf8("arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo-"));
}

TEST(Pattern, PositiveLookBehind) {
  const Pattern p = compiled("[a-z]+(?<=z)");
  EXPECT_TRUE(p.full_match_utf8("abz"));
  EXPECT_FALSE(p.full_match_utf8("abc"));
}

TEST(Pattern, WhitespaceAndDigitClasses) {
  EXPECT_TRUE(compiled("[\\S\\s]*").full_match_utf8("multi\nline\ttext \xE2\x80\xA8 ok"));
  EXPECT_TRUE(compiled("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")
                  .full_match_utf8("arn:aws:iam::123456789012:role/service-role/R"));
  EXPECT_FALSE(compiled("\\d{12}").full_match_utf8("12345678901"));
  EXPECT_FALSE(compiled("\\d").full_match_utf8("\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE: \d is ASCII in Java
}

TEST(Pattern, DotExcludesLineTerminatorsAsInJava) {
  const Pattern p = compiled(".*");
  EXPECT_TRUE(p.full_match_utf8("anything at all"));
  EXPECT_FALSE(p.full_match_utf8("two\nlines"));
  EXPECT_FALSE(p.full_match_utf8("cr\r"));
}

TEST(Pattern, ClassDashRulesFollowJava) {
  const Pattern p = compiled("[a-z0-9-\\.]{1,63}");  // '-' after a range is literal
  EXPECT_TRUE(p.full_match_utf8("aws-cn.x"));
  EXPECT_FALSE(p.full_match_utf8("A"));
  EXPECT_TRUE(compiled("[-0-9a-zA-Z]+").full_match_utf8("-a-"));
  EXPECT_TRUE(compiled("[a-zA-Z0-9:/_-]*").full_match_utf8("a:/_-"));
  EXPECT_TRUE(compiled("arn:[\\p{Alnum}\\-]+:lambda:.*").full_match_utf8("arn:aws-cn:lambda:x"));
  EXPECT_TRUE(compiled("(https|s3)://([^/]+)/?(.*)").full_match_utf8("s3://bucket/key/x"));
  EXPECT_FALSE(compiled("(https|s3)://([^/]+)/?(.*)").full_match_utf8("s3:///key"));
}

TEST(Pattern, AlternationGroupsAndCounts) {
  const Pattern p = compiled("(\\d{12}|aws):x(?:-\\w+)+");
  EXPECT_TRUE(p.full_match_utf8("aws:x-a-b"));
  EXPECT_TRUE(p.full_match_utf8("123456789012:x-a"));
  EXPECT_FALSE(p.full_match_utf8("aws:x"));
  EXPECT_TRUE(compiled("a{2,}").full_match_utf8("aaaa"));
  EXPECT_FALSE(compiled("a{2,}").full_match_utf8("a"));
  EXPECT_TRUE(compiled("a{3}").full_match_utf8("aaa"));
  EXPECT_TRUE(compiled("^ab$").full_match_utf8("ab"));
}

TEST(Pattern, LongHostileInputStaysLinear) {
  const Pattern p = compiled("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}");
  std::string text = "a";
  for (int i = 0; i < 5000; ++i) text += "-";
  text += "_";
  EXPECT_FALSE(p.full_match_utf8(text));
  EXPECT_TRUE(compiled("[\\S]{1,2048}").full_match_utf8(std::string(2048, 'x')));
  EXPECT_FALSE(compiled("[\\S]{1,2048}").full_match_utf8(std::string(2049, 'x')));
}

TEST(Pattern, RejectsUnsupportedConstructs) {
  for (const char* source : {"(?=a)", "a*+", "\\bfoo", "[a[b]]", "[a&&b]", "(a", "a)", "\\1", "\\p{Greek}", "(?<!a*)b",
                             "*a", "a{2", "[z-a]"}) {
    EXPECT_FALSE(Pattern::compile(source)) << source;
  }
}

}  // namespace
}  // namespace api::service_model
