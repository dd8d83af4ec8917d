#include <gtest/gtest.h>

#include "emulator/model/scope.h"

namespace emulator::model {
namespace {

TEST(RegionName, TakesTheShapesOfEveryPartition) {
  for (const char* name : {"us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-2", "il-central-1",
                           "eu-isoe-west-1", "us-isob-east-1", "eusc-de-east-1", "me-central-12"}) {
    EXPECT_TRUE(is_region_name(name)) << name;
  }
}

TEST(RegionName, RefusesWhatIsNotShapedLikeARegion) {
  for (const char* name :
       {"", "not a region!", "US-EAST-1", "us-east", "us-east-", "east-1", "us--east-1", "-us-east-1", "us-east-1a",
        "us_east_1", "us-east-1-", "local", "us-eastern-and-western-and-central-1"}) {
    EXPECT_FALSE(is_region_name(name)) << name;
  }
}

}  // namespace
}  // namespace emulator::model
