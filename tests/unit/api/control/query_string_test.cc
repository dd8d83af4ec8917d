#include "api/control/query_string.h"

#include <gtest/gtest.h>

namespace api::control {
namespace {

TEST(QueryString, DecodesPairsAndPercentEscapes) {
  auto q = parse_query("tuningJob=my-job&type=fell-back&message=a%20b+c&flag");
  EXPECT_EQ(q.at("tuningJob"), "my-job");
  EXPECT_EQ(q.at("type"), "fell-back");
  EXPECT_EQ(q.at("message"), "a b c");
  EXPECT_EQ(query_value(q, "flag"), std::nullopt);
  EXPECT_EQ(query_value(q, "missing"), std::nullopt);
}

TEST(QueryString, ToleratesTruncatedEscapes) {
  auto q = parse_query("a=%4&b=%zz&c=%");
  EXPECT_EQ(q.at("a"), "%4");
  EXPECT_EQ(q.at("b"), "%zz");
  EXPECT_EQ(q.at("c"), "%");
}

}  // namespace
}  // namespace api::control
