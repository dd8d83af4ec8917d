#include "api/control/replies.h"

#include <gtest/gtest.h>

namespace api::control {
namespace {

server::HttpRequest get(std::string target) { return {"GET", std::move(target), {}, {}}; }

std::string message_of(const server::HttpResponse& response) {
  return nlohmann::json::parse(response.body).at("message").get<std::string>();
}

TEST(ControlReplies, AQueryParameterNotKnownIsRefusedByName) {
  const auto refused = query_of(get("/_emulator/faults?region=us-east-1&bogus=1"), {"region"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  EXPECT_EQ(message_of(refused.error()), "bogus: unknown query parameter (expected region).");
  const auto none = query_of(get("/_emulator/clock?bogus=1"), {});
  ASSERT_FALSE(none);
  EXPECT_EQ(message_of(none.error()), "bogus: unknown query parameter (this request takes none).");
  const auto known = query_of(get("/_emulator/faults?region=us-east-1"), {"region"});
  ASSERT_TRUE(known);
  EXPECT_EQ(known->at("region"), "us-east-1");
}

TEST(ControlReplies, ARegionParameterMustBeShapedLikeARegion) {
  const auto region = region_of({{"region", "us-gov-west-1"}});
  ASSERT_TRUE(region);
  EXPECT_EQ(*region, "us-gov-west-1");
  const auto every = region_of({});
  ASSERT_TRUE(every);
  EXPECT_EQ(*every, std::nullopt);
  const auto refused = region_of({{"region", "not a region!"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  EXPECT_EQ(message_of(refused.error()),
            "region: 'not a region!' is not an AWS region name (such as us-east-1 or us-gov-west-1).");
  EXPECT_FALSE(refuse_region("pools[0].region", "eu-west-1"));
  EXPECT_NE(message_of(*refuse_region("pools[0].region", "EU")).find("pools[0].region: 'EU'"), std::string::npos);
}

TEST(ControlReplies, ABodyOverTheLimitIs413InTheControlPlanesFormat) {
  const auto response = too_large(8 * 1024 * 1024);
  EXPECT_EQ(response.status, 413);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body.at("error"), "RequestTooLarge");
  EXPECT_EQ(body.at("message"), "A control-plane request body is at most 8 MiB (8388608 bytes).");
}

}  // namespace
}  // namespace api::control
