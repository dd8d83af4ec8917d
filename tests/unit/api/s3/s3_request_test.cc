#include "api/s3/s3_request.h"

#include <gtest/gtest.h>

namespace api::s3 {
namespace {

server::HttpRequest get(std::string target, std::string host) {
  return server::HttpRequest{"GET", std::move(target), {{"Host", std::move(host)}}, ""};
}

TEST(S3Request, PathStyle) {
  const auto http = get("/alpha/dir/hello%20world+1.txt?list-type=2&prefix=a%2Fb&uploads", "127.0.0.1:4566");
  auto request = parse_request(http);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->bucket, "alpha");
  EXPECT_EQ(request->key, "dir/hello world+1.txt");  // '+' in a path is a plus
  EXPECT_EQ(request->param("prefix"), "a/b");
  EXPECT_TRUE(request->has("uploads"));
  EXPECT_FALSE(request->has("delete"));
  const auto root = get("/", "localhost:4566");
  EXPECT_EQ(parse_request(root)->bucket, "");
  const auto bucket = get("/alpha/", "localhost");
  EXPECT_EQ(parse_request(bucket)->key, "");
}

TEST(S3Request, CallerAccessKeyFromEverySignatureForm) {
  const auto key_of = [](std::string target, std::string authorization) {
    server::HttpRequest http{"GET", std::move(target), {{"Host", "127.0.0.1"}}, ""};
    if (!authorization.empty()) http.headers.emplace_back("Authorization", std::move(authorization));
    return caller_access_key(*parse_request(http));
  };
  EXPECT_EQ(key_of("/b",
                   "AWS4-HMAC-SHA256 Credential=111122223333/20261203/us-east-1/s3/aws4_request, "
                   "SignedHeaders=host, Signature=00"),
            "111122223333");
  EXPECT_EQ(key_of("/b", "AWS 444455556666:c2ln"), "444455556666");
  EXPECT_EQ(key_of("/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAXYZ%2F20261203%2Fus-east-1%2Fs3%2F"
                   "aws4_request&X-Amz-Signature=00",
                   ""),
            "ASIAXYZ");
  EXPECT_EQ(key_of("/b/k?AWSAccessKeyId=555566667777&Signature=x&Expires=1", ""), "555566667777");
  EXPECT_EQ(key_of("/b", ""), "");
}

TEST(S3Request, VirtualHosts) {
  EXPECT_EQ(bucket_of_host("alpha.s3.localhost:4566"), "alpha");
  EXPECT_EQ(bucket_of_host("my.dotted.bucket.localhost"), "my.dotted.bucket");
  EXPECT_EQ(bucket_of_host("s3.localhost:4566"), std::nullopt);
  EXPECT_EQ(bucket_of_host("localhost:4566"), std::nullopt);
  EXPECT_EQ(bucket_of_host("127.0.0.1:4566"), std::nullopt);
  EXPECT_EQ(bucket_of_host("[::1]:4566"), std::nullopt);
  const auto http = get("/dir/x.txt", "Alpha.S3.localhost:4566");
  auto request = parse_request(http);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->bucket, "alpha");
  EXPECT_EQ(request->key, "dir/x.txt");
}

TEST(S3Request, BrokenEscapesAreInvalidUris) {
  const auto http = get("/alpha/bad%zz", "localhost");
  auto request = parse_request(http);
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, "InvalidURI");
}

}  // namespace
}  // namespace api::s3
