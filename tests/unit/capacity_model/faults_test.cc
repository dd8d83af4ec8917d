#include "capacity_model/faults.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "capacity_model/pool.h"
#include "tests/support/nonempty.h"
#include "tests/support/status.h"

namespace capacity_model {
namespace {

using std::chrono::seconds;

const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b", "us-east-1c"};

Fault fault(std::string id, double percentage, Millis start = Millis{0},
            std::optional<Millis> duration = std::nullopt, std::vector<std::string> types = {},
            std::vector<std::string> zones = {}) {
  Fault f;
  f.id = std::move(id);
  f.percentage = percentage;
  f.start = start;
  f.duration = duration;
  f.instance_types = std::move(types);
  f.zones = std::move(zones);
  return f;
}

RegionalPool make_pool(int per_zone) {
  return RegionalPool(Catalog({InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0},
                               InstanceSpec{"ml.g5.xlarge", "g5", 4, 16, 1, 1.408, 10.1}}),
                      "us-east-1", kZones, per_zone, {});
}

TEST(FaultBook, ActiveFromStartUntilJustBeforeTheEnd) {
  const Fault f = fault("f", 100, Millis{1000}, Millis{500});
  EXPECT_FALSE(FaultBook::is_active(f, Millis{999}));
  EXPECT_TRUE(FaultBook::is_active(f, Millis{1000}));
  EXPECT_TRUE(FaultBook::is_active(f, Millis{1499}));
  EXPECT_FALSE(FaultBook::is_active(f, Millis{1500}));
  EXPECT_TRUE(FaultBook::is_active(fault("forever", 100, Millis{5}), seconds(1000000)));
}

TEST(FaultBook, AddListRemove) {
  FaultBook book;
  EXPECT_EQ(book.add(fault("", 10)), "fault-1");
  EXPECT_EQ(book.add(fault("fault-2", 20)), "fault-2");
  EXPECT_EQ(book.add(fault("", 30)), "fault-3");  // skips the id taken
  EXPECT_EQ(book.add(fault("gpu", 40)), "gpu");
  ASSERT_EQ(book.list().size(), 4u);
  EXPECT_EQ(book.list()[2].percentage, 30);
  ASSERT_NE(book.find("gpu"), nullptr);
  EXPECT_TRUE(book.remove("fault-2"));
  EXPECT_FALSE(book.remove("fault-2"));
  EXPECT_EQ(book.find("fault-2"), nullptr);
  EXPECT_EQ(book.list().size(), 3u);
  book.clear();
  EXPECT_TRUE(book.list().empty());
}

TEST(FaultBook, ValidateRefusesWhatCannotWork) {
  FaultBook book;
  book.add(fault("taken", 10));
  EXPECT_EQ(test_support::error_text(book.validate(fault("taken", 10))), "a fault with id 'taken' exists");
  EXPECT_EQ(test_support::error_text(book.validate(fault("x", 100.5))), "percentage must be within 0..100, got 100.5");
  EXPECT_EQ(test_support::error_text(book.validate(fault("x", -1))), "percentage must be within 0..100, got -1");
  EXPECT_EQ(test_support::error_text(book.validate(fault("x", 5, Millis{-1}))), "start must be >= 0");
  EXPECT_EQ(test_support::error_text(book.validate(fault("x", 5, Millis{0}, Millis{0}))), "duration must be > 0");
  EXPECT_TRUE(book.validate(fault("x", 0)));
  EXPECT_EQ(book.add(fault("taken", 10)), "");
  EXPECT_EQ(book.list().size(), 1u);
}

TEST(FaultBook, ScheduledFaultsKeepOrderAndSkipInvalidOnes) {
  const FaultBook book({fault("a", 10), fault("bad", 120), fault("", 20), fault("a", 5)});
  ASSERT_EQ(book.list().size(), 2u);
  EXPECT_EQ(book.list()[0].id, "a");
  EXPECT_EQ(book.list()[1].id, "fault-1");
}

TEST(FaultBook, MatchesTypesAndZonesEmptyMeaningAll) {
  const FaultBook book(
      {fault("g5-in-b", 100, Millis{0}, std::nullopt, {"ml.g5.xlarge"}, {"us-east-1b"})});
  std::mt19937_64 rng(1);
  EXPECT_TRUE(book.inject("ml.g5.xlarge", "us-east-1b", Millis{0}, rng));
  EXPECT_FALSE(book.inject("ml.g5.xlarge", "us-east-1a", Millis{0}, rng));
  EXPECT_FALSE(book.inject("ml.m5.xlarge", "us-east-1b", Millis{0}, rng));
  const FaultBook everything({fault("all", 100)});
  EXPECT_TRUE(everything.inject("ml.m5.xlarge", "anywhere-1z", Millis{0}, rng));
}

TEST(FaultBook, CertainAnswersDrawNothing) {
  const FaultBook book({fault("never", 0), fault("later", 100, seconds(60))});
  std::mt19937_64 rng(7);
  const std::mt19937_64 before = rng;
  EXPECT_FALSE(book.inject("ml.m5.xlarge", "us-east-1a", seconds(59), rng));
  EXPECT_EQ(rng, before);
  const Fault* fired = book.inject_fault("ml.m5.xlarge", "us-east-1a", seconds(60), rng);
  ASSERT_NE(fired, nullptr);
  EXPECT_EQ(fired->id, "later");
  EXPECT_EQ(rng, before);
}

TEST(FaultBook, ThirtyPercentOfTenThousandLaunches) {
  const FaultBook book({fault("thirty", 30)});
  std::mt19937_64 rng(2024);
  int refused = 0;
  for (int i = 0; i < 10000; ++i)
    refused += book.inject("ml.m5.xlarge", "us-east-1a", Millis{0}, rng);
  // Binomial(10000, 0.3): sd 46, so ±200 is over four sd.
  EXPECT_GE(refused, 2800);
  EXPECT_LE(refused, 3200);
}

TEST(FaultBook, OverlappingFaultsFireIndependently) {
  // 1 - 0.5 * 0.6 = 70% refused.
  const FaultBook book({fault("half", 50), fault("forty", 40)});
  std::mt19937_64 rng(99);
  int refused = 0;
  for (int i = 0; i < 10000; ++i)
    refused += book.inject("ml.m5.xlarge", "us-east-1a", Millis{0}, rng);
  EXPECT_GE(refused, 6800);
  EXPECT_LE(refused, 7200);
}

TEST(FaultBook, SameSeedSameAnswers) {
  const FaultBook book({fault("f", 37.5)});
  std::mt19937_64 a(5), b(5);
  int injected = 0;
  for (int i = 0; i < 200; ++i) {
    const bool first = book.inject("ml.m5.xlarge", "us-east-1a", Millis{0}, a);
    EXPECT_EQ(first, book.inject("ml.m5.xlarge", "us-east-1a", Millis{0}, b));
    injected += first;
  }
  EXPECT_GT(injected, 0);  // both answers vary, so the comparison means something
  EXPECT_LT(injected, 200);
}

TEST(FaultBook, ReportsStartsAndEnds) {
  const FaultBook book({fault("a", 10, seconds(60), seconds(30)), fault("b", 10, seconds(75))});
  EXPECT_EQ(book.next_change_after(Millis{0}), seconds(60));
  EXPECT_EQ(book.next_change_after(seconds(60)), seconds(75));
  EXPECT_EQ(book.next_change_after(seconds(75)), seconds(90));
  EXPECT_EQ(book.next_change_after(seconds(90)), std::nullopt);
  EXPECT_EQ(book.active_at(seconds(80)).size(), 2u);
  EXPECT_EQ(book.active_at(seconds(90)).size(), 1u);
}

// ---- the pool consults the book --------------------------------------------------------

TEST(FaultInjection, AFaultedZoneIsSkippedForTheNextBest) {
  RegionalPool pool = make_pool(4);
  const FaultBook book({fault("a-down", 100, Millis{0}, std::nullopt, {}, {"us-east-1a"})});
  std::mt19937_64 rng(1);
  const AllocationContext context{Millis{0}, &book, &rng, nullptr};
  const Decision d = pool.allocate("ml.m5.xlarge", 2, CapacityType::OnDemand, context);
  ASSERT_TRUE(std::holds_alternative<Granted>(d));
  EXPECT_EQ(std::get<Granted>(d).zone, "us-east-1b");
  // Without the book the same pool still prefers zone a.
  EXPECT_EQ(std::get<Granted>(pool.allocate("ml.m5.xlarge", 1)).zone, "us-east-1a");
}

TEST(FaultInjection, EveryZoneFaultedIsIceNamingTheFault) {
  RegionalPool pool = make_pool(4);
  const FaultBook book({fault("short", 100, Millis{0}, std::nullopt, {}, {"us-east-1c"}),
                        fault("all-m5", 100, Millis{0}, std::nullopt, {"ml.m5.xlarge"})});
  std::mt19937_64 rng(1);
  const AllocationContext context{Millis{0}, &book, &rng, nullptr};
  const Decision d = pool.allocate("ml.m5.xlarge", 1, CapacityType::Spot, context);
  ASSERT_TRUE(std::holds_alternative<InsufficientCapacity>(d));
  const auto& i = std::get<InsufficientCapacity>(d);
  EXPECT_EQ(i.largest_free_in_one_zone, 4);
  EXPECT_EQ(i.refused_zones, kZones);
  EXPECT_EQ(i.fault_id, "all-m5");
  EXPECT_EQ(i.capacity_type, CapacityType::Spot);
  for (const auto& u : test_support::nonempty(pool.usage())) EXPECT_EQ(u.in_use, 0);
  // The g5 pools are outside "all-m5" but zone c is still faulted for them.
  EXPECT_EQ(
      std::get<Granted>(pool.allocate("ml.g5.xlarge", 1, CapacityType::OnDemand, context)).zone,
      "us-east-1a");
}

TEST(FaultInjection, AZoneTooSmallIsRefusedWithoutADraw) {
  RegionalPool pool = make_pool(2);
  const FaultBook book({fault("coin", 50)});
  std::mt19937_64 rng(3);
  const std::mt19937_64 before = rng;
  const AllocationContext context{Millis{0}, &book, &rng, nullptr};
  const Decision d = pool.allocate("ml.m5.xlarge", 3, CapacityType::OnDemand, context);
  ASSERT_TRUE(std::holds_alternative<InsufficientCapacity>(d));
  EXPECT_TRUE(std::get<InsufficientCapacity>(d).fault_id.empty());
  EXPECT_EQ(rng, before);
}

TEST(FaultInjection, ThirtyPercentOfLaunchesLeaveTheFaultedZone) {
  RegionalPool pool = make_pool(4);
  const FaultBook book({fault("a-30", 30, Millis{0}, std::nullopt, {}, {"us-east-1a"})});
  std::mt19937_64 rng(11);
  const AllocationContext context{Millis{0}, &book, &rng, nullptr};
  int moved = 0;
  for (int i = 0; i < 10000; ++i) {
    const Granted g =
        std::get<Granted>(pool.allocate("ml.m5.xlarge", 1, CapacityType::OnDemand, context));
    moved += g.zone != "us-east-1a";
    pool.release(g.lease);
  }
  EXPECT_GE(moved, 2800);
  EXPECT_LE(moved, 3200);
}

TEST(FaultInjection, ExpiredFaultNoLongerRefuses) {
  RegionalPool pool = make_pool(4);
  const FaultBook book({fault("brief", 100, seconds(10), seconds(5))});
  std::mt19937_64 rng(1);
  auto at = [&](Millis t) {
    return pool.allocate("ml.m5.xlarge", 1, CapacityType::OnDemand,
                         AllocationContext{t, &book, &rng, nullptr});
  };
  EXPECT_TRUE(std::holds_alternative<Granted>(at(Millis{9999})));
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(at(Millis{10000})));
  EXPECT_TRUE(std::holds_alternative<InsufficientCapacity>(at(Millis{14999})));
  EXPECT_TRUE(std::holds_alternative<Granted>(at(Millis{15000})));
}

}  // namespace
}  // namespace capacity_model
