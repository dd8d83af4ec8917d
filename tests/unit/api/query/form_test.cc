#include "api/query/form.h"

#include <gtest/gtest.h>

namespace api::query {
namespace {

TEST(QueryForm, DecodesPlusAsSpaceThenPercentEscapes) {
  const auto form =
      Form::parse("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&Name=a+b%2Bc");
  EXPECT_EQ(form.value("Action"), "AssumeRole");
  EXPECT_EQ(form.value("RoleArn"), "arn:aws:iam::000000000000:role/demo");
  EXPECT_EQ(form.value("Name"), "a b+c");  // %2B is a literal plus, + a space
  EXPECT_EQ(form.value("Missing"), std::nullopt);
}

TEST(QueryForm, KeysAreDecodedAndEmptyValuesKept) {
  const auto form = Form::parse("A%2EB=1&Empty=&Bare&&Last=x%20");
  EXPECT_EQ(form.value("A.B"), "1");
  EXPECT_EQ(form.value("Empty"), "");
  EXPECT_EQ(form.value("Bare"), "");
  EXPECT_EQ(form.value("Last"), "x ");
}

TEST(QueryForm, BrokenEscapesStayAsSent) {
  const auto form = Form::parse("a=%4&b=%zz&c=%&d=100%25");
  EXPECT_EQ(form.value("a"), "%4");
  EXPECT_EQ(form.value("b"), "%zz");
  EXPECT_EQ(form.value("c"), "%");
  EXPECT_EQ(form.value("d"), "100%");
}

TEST(QueryForm, TheFirstOfRepeatedKeysWins) {
  const auto form = Form::parse("Version=2011-06-15&Version=2010-08-01");
  EXPECT_EQ(form.value("Version"), "2011-06-15");
}

TEST(QueryForm, ScalarListsFollowTheMemberIndex) {
  const auto form = Form::parse(
      "Statistics.member.2=Sum&Statistics.member.1=Average&Statistics.member.10=Maximum&Other.member.1=x"
      "&Statistics.member.01=zero-padded&Statistics.member.x=not-an-index&Statistics.member.3.Name=a-structure");
  EXPECT_EQ(form.list("Statistics"), (std::vector<std::string>{"Average", "Sum", "Maximum"}));
  EXPECT_EQ(form.list("Other"), std::vector<std::string>{"x"});
  EXPECT_TRUE(form.list("Stat").empty());  // a prefix of a name is not the name
  EXPECT_TRUE(form.list("Missing").empty());
}

TEST(QueryForm, StructureListsGroupTheirFieldsByIndex) {
  const auto form = Form::parse(
      "Tags.member.2.Key=Team&Tags.member.1.Key=Project&Tags.member.1.Value=Unicorn&Tags.member.2.Value=ML"
      "&Tags.member.1=scalar&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess");
  const auto tags = form.structures("Tags");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].value("Key"), "Project");
  EXPECT_EQ(tags[0].value("Value"), "Unicorn");
  EXPECT_EQ(tags[1].value("Key"), "Team");
  EXPECT_EQ(tags[1].value("Value"), "ML");
  const auto arns = form.structures("PolicyArns");
  ASSERT_EQ(arns.size(), 1u);
  EXPECT_EQ(arns[0].value("arn"), "arn:aws:iam::aws:policy/ReadOnlyAccess");
}

TEST(QueryForm, NestedStructuresKeepTheRestOfTheKey) {
  const auto form = Form::parse("Queries.member.1.Stat.Metric.Name=Latency&Queries.member.1.Stat.Period=60");
  const auto queries = form.structures("Queries");
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(queries[0].value("Stat.Metric.Name"), "Latency");
  EXPECT_EQ(queries[0].value("Stat.Period"), "60");
}

}  // namespace
}  // namespace api::query
