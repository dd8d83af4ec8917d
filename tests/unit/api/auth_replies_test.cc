// How a refused signature reads in each protocol: S3's error details write their times in ISO
// 8601 (RequestTime echoes the request's date as sent) and only SigV4 has X-Amz-Expires, while
// the JSON and query messages keep the basic format of "Signature expired: …".
#include "api/auth_replies.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace api {
namespace {

using std::chrono::seconds;

const std::chrono::sys_seconds kNow{seconds(1796284956)};  // 2026-12-03T08:02:36Z

auth::Rejection expired_url(std::optional<long> expires_in) {
  auth::Rejection rejection;
  rejection.problem = auth::Problem::expired;
  rejection.presigned = true;
  rejection.expires_at = kNow - seconds(82);
  rejection.server_time = kNow;
  rejection.expires_in = expires_in;
  return rejection;
}

TEST(RejectionReply, S3SkewShowsServerTimeInIso8601) {
  auth::Rejection skewed;
  skewed.problem = auth::Problem::skewed;
  skewed.request_time = "20261203T074236Z";
  skewed.server_time = kNow;
  const auto reply = rejection_reply(skewed, Protocol::s3, false);
  EXPECT_EQ(reply.status, 403);
  EXPECT_NE(reply.body.find("<Code>RequestTimeTooSkewed</Code>"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("<RequestTime>20261203T074236Z</RequestTime><ServerTime>2026-12-03T08:02:36Z</ServerTime>"
                            "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>"),
            std::string::npos)
      << reply.body;
}

TEST(RejectionReply, S3ExpiredSigV4UrlShowsItsLifetimeAndIsoTimes) {
  const auto reply = rejection_reply(expired_url(60), Protocol::s3, false);
  EXPECT_EQ(reply.status, 403);
  EXPECT_NE(reply.body.find("<Code>AccessDenied</Code><Message>Request has expired</Message>"
                            "<X-Amz-Expires>60</X-Amz-Expires><Expires>2026-12-03T08:01:14Z</Expires>"
                            "<ServerTime>2026-12-03T08:02:36Z</ServerTime>"),
            std::string::npos)
      << reply.body;
}

TEST(RejectionReply, S3ExpiredSigV2UrlHasNoXAmzExpires) {
  const auto reply = rejection_reply(expired_url(std::nullopt), Protocol::s3, false);
  EXPECT_NE(reply.body.find("<Message>Request has expired</Message><Expires>2026-12-03T08:01:14Z</Expires>"
                            "<ServerTime>2026-12-03T08:02:36Z</ServerTime>"),
            std::string::npos)
      << reply.body;
  EXPECT_EQ(reply.body.find("X-Amz-Expires"), std::string::npos) << reply.body;
}

TEST(RejectionReply, JsonExpiryMessageKeepsTheBasicFormat) {
  const auto reply = rejection_reply(expired_url(60), Protocol::json, false);
  const auto body = nlohmann::json::parse(reply.body);
  EXPECT_EQ(body["__type"], "InvalidSignatureException");
  EXPECT_EQ(body["message"], "Signature expired: 20261203T080114Z is now earlier than 20261203T080236Z.");
}

}  // namespace
}  // namespace api
