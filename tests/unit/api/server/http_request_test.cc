#include <set>
#include <string>

#include "tests/unit/api/server/http_test_support.h"

namespace {

using namespace http_test;

TEST(HttpRequest, HeaderLookupIsCaseInsensitive) {
  HttpRequest req;
  req.headers = {{"X-Amz-Target", "SageMaker.ListTags"}, {"content-type", "a"}, {"X-Dup", "1"}, {"x-dup", "2"}};
  EXPECT_EQ(req.header("x-amz-target"), "SageMaker.ListTags");
  EXPECT_EQ(req.header("X-AMZ-TARGET"), "SageMaker.ListTags");
  EXPECT_EQ(req.header("Content-Type"), "a");
  EXPECT_EQ(req.header("x-dup"), "1");  // first one wins
  EXPECT_TRUE(req.header("missing").empty());
}

TEST(HttpRequest, PathAndQuerySplitTheTarget) {
  HttpRequest req;
  req.target = "/_emulator/events?tuningJob=a&type=b";
  EXPECT_EQ(req.path(), "/_emulator/events");
  EXPECT_EQ(req.query(), "tuningJob=a&type=b");
  req.target = "/prefix";
  EXPECT_EQ(req.path(), "/prefix");
  EXPECT_TRUE(req.query().empty());
  req.target = "/?";
  EXPECT_EQ(req.path(), "/");
  EXPECT_TRUE(req.query().empty());
}

TEST(RequestId, IsAFreshUuidV4) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = api::server::new_request_id();
    ASSERT_TRUE(std::regex_match(id, kUuidV4)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

}  // namespace
