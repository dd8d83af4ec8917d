#include "emulator/training/provisioner.h"

#include <gtest/gtest.h>

#include "tests/support/nonempty.h"
#include "tests/support/region_supply.h"
#include "tests/support/rendered_timeline.h"
#include "tests/support/test_world.h"

namespace emulator::training {
namespace {

using capacity_model::CapacityType;
using namespace std::chrono_literals;

struct Fixture : test_support::RegionSupply {
  Fixture() : RegionSupply({"us-east-1a", "us-east-1b"}, 2) {}

  const model::Scope scope{"123456789012", "us-east-1"};  // outlives every reservation below
  sim::Simulator clock;
  Ledger ledger{[this](const std::string&) { return supply(); }, clock};
  WarmPools warm_pools;
  timeline::Timeline timeline;
  ProvisionSubject subject{"123456789012", "us-east-1", "tune", "tune-001-00000000"};
  std::vector<model::InstanceConfig> candidates{{"ml.m4.xlarge", 1, 5}, {"ml.m5.4xlarge", 1, 5}};

  // Walks at `now` (walks go forward in time).
  std::optional<Provisioned> walk(sim::SimTime now = 0ms, CapacityType type = CapacityType::OnDemand) {
    clock.run_until(now);
    return provision({supply(), warm_pools, ledger, scope}, candidates, type, subject, now, timeline);
  }
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& e : test_support::rendered(timeline)) out.push_back(std::string(e.type) + ":" + e.instance_type);
    return out;
  }
};

TEST(Provisioner, TakesTheFirstConfigurationWithRoom) {
  Fixture f;
  auto granted = f.walk();
  ASSERT_TRUE(granted.has_value());
  EXPECT_EQ(granted->config_index, 0u);
  EXPECT_EQ(f.types(), (std::vector<std::string>{"asked:ml.m4.xlarge", "granted:ml.m4.xlarge"}));
  EXPECT_FALSE(test_support::rendered(f.timeline).back().zone.empty());
}

TEST(Provisioner, FallsBackInOrderAndSaysSo) {
  Fixture f;
  ASSERT_TRUE(f.pool.set_capacity("ml.m4.xlarge", std::nullopt, 0));
  auto granted = f.walk();
  ASSERT_TRUE(granted.has_value());
  EXPECT_EQ(granted->config_index, 1u);
  EXPECT_EQ(f.types(), (std::vector<std::string>{"asked:ml.m4.xlarge", "ice:ml.m4.xlarge", "asked:ml.m5.4xlarge",
                                                 "fell-back:ml.m5.4xlarge", "granted:ml.m5.4xlarge"}));
}

TEST(Provisioner, AnswersNothingWhenEveryConfigurationIsShort) {
  Fixture f;
  f.candidates[0].instance_count = 3;  // more than one zone holds
  f.candidates[1].instance_count = 3;
  EXPECT_FALSE(f.walk().has_value());
  EXPECT_EQ(f.types().back(), "ice:ml.m5.4xlarge");
}

TEST(Provisioner, GrantedInstancesAreHeldUntilReleased) {
  Fixture f;
  f.candidates.resize(1);
  auto first = f.walk();
  auto second = f.walk();
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->zone, second->zone);  // the emptier zone is chosen
  f.candidates[0].instance_count = 2;
  EXPECT_FALSE(f.walk());
  first->reservation.give_back();
  EXPECT_TRUE(f.walk());
}

TEST(Provisioner, SkipsConfigurationsOverTheAccountQuotaAndCountsGrantedInstances) {
  Fixture f;
  f.quotas.set_limit("ml.m4.xlarge", 1);
  auto first = f.walk();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->config_index, 0u);
  EXPECT_EQ(f.quotas.utilization(f.subject.account, "ml.m4.xlarge"), 1);
  auto second = f.walk();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->config_index, 1u);  // m4 is at its quota of 1
  bool saw_quota = false;
  for (const auto& e : test_support::rendered(f.timeline)) {
    if (e.type != "quota-exceeded") continue;
    saw_quota = true;
    EXPECT_NE(e.message.find("The account-level service limit 'ml.m4.xlarge for training job usage' is 1 Instances"),
              std::string::npos);
  }
  EXPECT_TRUE(saw_quota);
}

TEST(Provisioner, AnInjectedFaultIsNamedAndTheCacheSkipsTheZoneAfterwards) {
  Fixture f;
  f.unavailable = capacity_model::UnavailableOfferings(180s);
  capacity_model::Fault fault;
  fault.instance_types = {"ml.m4.xlarge"};
  fault.percentage = 100;
  const auto id = f.faults.add(fault);
  auto granted = f.walk();
  ASSERT_TRUE(granted);
  EXPECT_EQ(granted->config_index, 1u);
  EXPECT_NE(test_support::rendered(f.timeline)[1].message.find(id), std::string::npos)
      << test_support::rendered(f.timeline)[1].message;
  EXPECT_TRUE(f.unavailable.is_unavailable("ml.m4.xlarge", "us-east-1a", CapacityType::OnDemand, 10s));
  f.faults.clear();
  f.timeline.clear();
  ASSERT_TRUE(f.walk(60s));  // still cached: falls back without asking m4's zones
  EXPECT_NE(test_support::rendered(f.timeline)[1].message.find("cached as unavailable"), std::string::npos);
  f.timeline.clear();
  auto later = f.walk(181s);  // the cache expired and the fault is gone
  ASSERT_TRUE(later);
  EXPECT_EQ(later->config_index, 0u);
}

TEST(Provisioner, EveryGrantIsInTheCapacityHistory) {
  Fixture f;
  const auto granted = f.walk(5s);
  ASSERT_TRUE(granted);
  auto series = f.history.series({.region = std::nullopt, .instance_type = "ml.m4.xlarge", .zone = std::nullopt,
                                   .capacity_type = std::nullopt, .from = std::nullopt, .to = std::nullopt});
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].samples.back().time, 5s);
  EXPECT_EQ(series[0].samples.back().in_use, 1);
}

TEST(Reservation, GivesTheLeaseTheQuotaAndAHistorySampleBackOnce) {
  Fixture f;
  f.quotas.set_limit("ml.m4.xlarge", 1);
  auto granted = f.walk(5s);
  ASSERT_TRUE(granted && granted->reservation.held());
  EXPECT_EQ(f.quotas.utilization(f.subject.account, "ml.m4.xlarge"), 1);
  Reservation moved = std::move(granted->reservation);  // the new owner holds it; the old holds nothing
  EXPECT_FALSE(granted->reservation.held());
  f.clock.run_until(9s);
  moved.give_back();
  moved.give_back();  // once only
  EXPECT_FALSE(moved.held());
  EXPECT_EQ(f.quotas.utilization(f.subject.account, "ml.m4.xlarge"), 0);
  EXPECT_FALSE(f.pool.lease(moved.lease()));
  auto series = f.history.series({.region = std::nullopt,
                                  .instance_type = "ml.m4.xlarge",
                                  .zone = granted->zone,
                                  .capacity_type = CapacityType::OnDemand,
                                  .from = std::nullopt,
                                  .to = std::nullopt});
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].samples.back().time, 9s);
  EXPECT_EQ(series[0].samples.back().in_use, 0);
}

TEST(Reservation, ADroppedReservationGoesBackToo) {
  Fixture f;
  { const auto granted = f.walk(); }
  for (const auto& usage : test_support::nonempty(f.pool.usage_of("ml.m4.xlarge")))
    EXPECT_EQ(usage.in_use, 0) << usage.zone;
  EXPECT_EQ(f.quotas.utilization(f.subject.account, "ml.m4.xlarge"), 0);
  EXPECT_FALSE(f.pool.usage_of("ml.m4.xlarge").empty());
}

TEST(Provisioner, AWarmClusterOfTheSameTuningJobIsReusedWithoutAskingThePool) {
  Fixture f;
  ASSERT_TRUE(f.pool.set_capacity("ml.m4.xlarge", std::nullopt, 0));
  auto first = f.walk();
  ASSERT_TRUE(first);
  const auto lease = first->reservation.lease();
  f.warm_pools.park({tuning_key(f.subject),
                     f.candidates[1],
                     CapacityType::OnDemand,
                     std::move(first->reservation),
                     first->zone,
                     "tune-001-00000000",
                     {}});
  f.timeline.clear();
  f.subject.training_job = "tune-002-00000000";
  auto second = f.walk();
  ASSERT_TRUE(second && second->reused_from);
  EXPECT_EQ(second->reservation.lease(), lease);
  EXPECT_EQ(*second->reused_from, "tune-001-00000000");
  EXPECT_EQ(f.types(), (std::vector<std::string>{"asked:ml.m4.xlarge", "ice:ml.m4.xlarge", "asked:ml.m5.4xlarge",
                                                 "fell-back:ml.m5.4xlarge", "reused:ml.m5.4xlarge"}));
  f.warm_pools.park({tuning_key(f.subject),
                     f.candidates[1],
                     CapacityType::OnDemand,
                     std::move(second->reservation),
                     second->zone,
                     "tune-002-00000000",
                     {}});
  f.subject.tuning_job = "other-tuning-job";  // warm pools belong to one tuning job
  auto third = f.walk();
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->reused_from);
}

TEST(Provisioner, SpotRequestsDrawOnSpotPools) {
  Fixture f;
  ASSERT_TRUE(f.pool.set_capacity("ml.m4.xlarge", std::nullopt, 0, CapacityType::Spot));
  auto granted = f.walk(0ms, CapacityType::Spot);
  ASSERT_TRUE(granted);
  EXPECT_EQ(granted->config_index, 1u);  // on-demand m4 has room, spot m4 does not
  EXPECT_EQ(test_support::rendered(f.timeline).back().message, "spot");
}

}  // namespace
}  // namespace emulator::training
