#include "api/s3/listing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::s3 {
namespace {

using Strings = std::vector<std::string>;

const Strings kKeys = {
    "a.txt", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/my pic.jpg", "photos/z.jpg", "zz"};

TEST(Listing, PrefixAndDelimiterRollUpCommonPrefixes) {
  const auto page = list_page(kKeys, {"photos/", "/", "", 1000});
  EXPECT_EQ(page.keys, (Strings{"photos/my pic.jpg", "photos/z.jpg"}));
  EXPECT_EQ(page.common_prefixes, (Strings{"photos/2023/", "photos/2024/"}));
  EXPECT_FALSE(page.truncated);
}

// Pages of two, each going on after the last entry of the one before, list everything once.
TEST(Listing, PagesContinueAfterKeysAndCommonPrefixes) {
  Strings seen;
  ListQuery query{"", "/", "", 2};
  for (int pages = 0; pages < 10; ++pages) {
    const auto page = list_page(kKeys, query);
    EXPECT_LE(page.keys.size() + page.common_prefixes.size(), 2u);
    for (const auto& k : page.keys) seen.push_back(k);
    for (const auto& p : page.common_prefixes) seen.push_back(p);
    if (!page.truncated) break;
    query.after = page.last;
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (Strings{"a.txt", "photos/", "zz"}));
  Strings nested;
  query = {"photos/", "/", "", 1};
  for (int pages = 0; pages < 10; ++pages) {
    const auto page = list_page(kKeys, query);
    for (const auto& k : page.keys) nested.push_back(k);
    for (const auto& p : page.common_prefixes) nested.push_back(p);
    if (!page.truncated) break;
    query.after = page.last;
  }
  EXPECT_EQ(nested, (Strings{"photos/2023/", "photos/2024/", "photos/my pic.jpg", "photos/z.jpg"}));
}

TEST(Listing, StartAfterAndMaxKeys) {
  const auto page = list_page(kKeys, {"", "", "photos/2024/c.jpg", 2});
  EXPECT_EQ(page.keys, (Strings{"photos/my pic.jpg", "photos/z.jpg"}));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.last, "photos/z.jpg");
  // max-keys=0 is an empty page S3 does not call truncated: no token for a paginator to follow.
  const auto none = list_page(kKeys, {"", "", "", 0});
  EXPECT_TRUE(none.keys.empty());
  EXPECT_TRUE(none.common_prefixes.empty());
  EXPECT_FALSE(none.truncated);
  EXPECT_TRUE(none.last.empty());
}

// A key that ends in the delimiter right after the prefix is a key, not a common prefix.
TEST(Listing, AKeyEqualToThePrefixIsListedOnce) {
  const Strings keys = {"a-", "a-b", "a-c"};
  auto page = list_page(keys, {"a-", "-", "", 1});
  EXPECT_EQ(page.keys, (Strings{"a-"}));
  page = list_page(keys, {"a-", "-", page.last, 5});
  EXPECT_EQ(page.keys, (Strings{"a-b", "a-c"}));
}

TEST(Listing, UrlEncodingAsBotocoreUndoesIt) {
  EXPECT_EQ(url_encode("photos/my pic+1.jpg"), "photos%2Fmy+pic%2B1.jpg");
  EXPECT_EQ(url_encode("ü~-_."), "%C3%BC~-_.");
}

}  // namespace
}  // namespace api::s3
