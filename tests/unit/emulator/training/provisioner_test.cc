#include "emulator/training/provisioner.h"

#include <gtest/gtest.h>

#include "tests/support/test_world.h"

namespace emulator::training {
namespace {

struct Fixture {
  capacity_model::Catalog catalog = test_support::real_catalog();
  capacity_model::RegionalPool pool{catalog, "us-east-1", {"us-east-1a", "us-east-1b"}, 2, {}};
  sim::Timeline timeline;
  ProvisionSubject subject{"us-east-1", "tune", "tune-001-00000000"};
  std::vector<model::InstanceConfig> candidates{{"ml.m4.xlarge", 1, 5}, {"ml.m5.4xlarge", 1, 5}};

  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& e : timeline.all()) out.push_back(e.type + ":" + e.instance_type);
    return out;
  }
};

TEST(Provisioner, TakesTheFirstConfigurationWithRoom) {
  Fixture f;
  auto granted = provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline);
  ASSERT_TRUE(granted.has_value());
  EXPECT_EQ(granted->config_index, 0u);
  EXPECT_EQ(f.types(), (std::vector<std::string>{"asked:ml.m4.xlarge", "granted:ml.m4.xlarge"}));
  EXPECT_FALSE(f.timeline.all().back().zone.empty());
}

TEST(Provisioner, FallsBackInOrderAndSaysSo) {
  Fixture f;
  ASSERT_FALSE(f.pool.set_capacity("ml.m4.xlarge", std::nullopt, 0).has_value());
  auto granted = provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline);
  ASSERT_TRUE(granted.has_value());
  EXPECT_EQ(granted->config_index, 1u);
  EXPECT_EQ(f.types(), (std::vector<std::string>{"asked:ml.m4.xlarge", "ice:ml.m4.xlarge", "asked:ml.m5.4xlarge",
                                                 "fell-back:ml.m5.4xlarge", "granted:ml.m5.4xlarge"}));
}

TEST(Provisioner, AnswersNothingWhenEveryConfigurationIsShort) {
  Fixture f;
  f.candidates[0].instance_count = 3;  // more than one zone holds
  f.candidates[1].instance_count = 3;
  EXPECT_FALSE(provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline).has_value());
  EXPECT_EQ(f.types().back(), "ice:ml.m5.4xlarge");
}

TEST(Provisioner, GrantedInstancesAreHeldUntilReleased) {
  Fixture f;
  f.candidates.resize(1);
  auto first = provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline);
  auto second = provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline);
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->zone, second->zone);  // the emptier zone is chosen
  f.candidates[0].instance_count = 2;
  EXPECT_FALSE(provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline));
  f.pool.release(first->lease);
  EXPECT_TRUE(provision(f.pool, f.candidates, f.subject, sim::SimTime(0), f.timeline));
}

}  // namespace
}  // namespace emulator::training
