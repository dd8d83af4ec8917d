#include "emulator/store/pagination.h"

#include <set>

#include <gtest/gtest.h>

namespace emulator::store {
namespace {

TEST(Pagination, WalksEveryItemOnceWithDistinctTokens) {
  std::optional<std::string> token;
  std::set<std::string> tokens;
  std::size_t seen = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto window = page(10, 3, token, 42);
    ASSERT_TRUE(window.ok());
    EXPECT_EQ(window->begin, seen);
    seen = window->end;
    token = window->next_token;
    if (!token) break;
    EXPECT_TRUE(tokens.insert(*token).second) << *token;
  }
  EXPECT_EQ(seen, 10u);
  EXPECT_EQ(tokens.size(), 3u);  // pages of 3, 3, 3, 1
}

TEST(Pagination, LastPageHasNoToken) {
  auto window = page(3, 10, std::nullopt, 1);
  ASSERT_TRUE(window.ok());
  EXPECT_EQ(window->end, 3u);
  EXPECT_FALSE(window->next_token.has_value());
  auto empty = page(0, 10, std::nullopt, 1);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->begin, empty->end);
}

TEST(Pagination, ATokenOfAnotherQueryOrGarbageIsRefused) {
  auto first = page(10, 2, std::nullopt, 7);
  ASSERT_TRUE(first->next_token);
  auto other_query = page(10, 2, first->next_token, 8);
  ASSERT_FALSE(other_query.ok());
  EXPECT_EQ(other_query.error().code, ErrorCode::ValidationException);
  EXPECT_FALSE(page(10, 2, std::string("garbage"), 7).ok());
  EXPECT_FALSE(page(10, 2, std::string("amt1.0000000000000007.x"), 7).ok());
}

TEST(Pagination, ATokenPastTheEndGivesAnEmptyLastPage) {
  auto first = page(10, 8, std::nullopt, 7);
  auto shrunk = page(5, 8, first->next_token, 7);  // items were deleted meanwhile
  ASSERT_TRUE(shrunk.ok());
  EXPECT_EQ(shrunk->begin, shrunk->end);
  EXPECT_FALSE(shrunk->next_token);
}

}  // namespace
}  // namespace emulator::store
