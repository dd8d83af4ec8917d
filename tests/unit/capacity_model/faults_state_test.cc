#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "capacity_model/faults.h"
#include "capacity_model/snapshot_error.h"
#include "tests/unit/capacity_model/snapshot_test_support.h"

namespace capacity_model {
namespace {

using snapshot_test::restore_into;
using snapshot_test::with;
using std::chrono::minutes;

std::vector<Fault> scheduled() {
  Fault named;
  named.id = "storm";
  named.instance_types = {"ml.p3.2xlarge"};
  named.start = minutes(10);
  named.duration = minutes(30);
  Fault unnamed;  // becomes fault-1
  unnamed.percentage = 25;
  return {named, unnamed};
}

// The scenario's two faults, two added at run time (one of a region and zones, at an odd
// percentage), one of those removed.
FaultBook busy_book() {
  FaultBook book(scheduled());
  Fault regional;
  regional.region = "us-west-2";
  regional.zones = {"us-west-2b"};
  regional.instance_types = {"ml.m5.xlarge", "ml.g5.xlarge"};
  regional.percentage = 37.5;
  EXPECT_EQ(book.add(regional), "fault-2");
  EXPECT_EQ(book.add(Fault{}), "fault-3");
  EXPECT_TRUE(book.remove("fault-1"));
  return book;
}

TEST(FaultBookState, RoundTripsAndInjectsTheSame) {
  FaultBook original = busy_book();
  FaultBook restored(scheduled());
  restore_into(original, restored);
  ASSERT_EQ(restored.list().size(), 3u);
  EXPECT_EQ(restored.find("fault-2")->zones, std::vector<std::string>{"us-west-2b"});
  EXPECT_FALSE(restored.find("fault-3")->duration);

  EXPECT_EQ(original.add(Fault{}), "fault-4");
  EXPECT_EQ(restored.add(Fault{}), "fault-4");
  EXPECT_TRUE(original.remove("fault-3") && original.remove("fault-4"));
  EXPECT_TRUE(restored.remove("fault-3") && restored.remove("fault-4"));
  std::mt19937_64 rng(3), other_rng(3);
  for (int i = 0; i < 20; ++i) {
    const Fault* a = original.inject_fault("us-west-2", "ml.m5.xlarge", "us-west-2b", minutes(1), rng);
    const Fault* b = restored.inject_fault("us-west-2", "ml.m5.xlarge", "us-west-2b", minutes(1), other_rng);
    EXPECT_EQ(a ? a->id : "", b ? b->id : "");
  }
  EXPECT_EQ(original.next_change_after(Millis{0}), restored.next_change_after(Millis{0}));
  EXPECT_EQ(original.save().dump(), restored.save().dump());
}

TEST(FaultBookState, RefusesWhatDoesNotFit) {
  const auto state = busy_book().save();
  FaultBook book(scheduled());
  EXPECT_THROW(book.load(with(state, "/faults/1/id", "storm")), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/faults/1/percentage", 150)), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/faults/1/id", "")), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/faults/0/duration_ms", 0)), SnapshotError);
  EXPECT_THROW(book.load(with(state, "/faults", nlohmann::json::object())), nlohmann::json::exception);
  EXPECT_EQ(book.list().size(), 2u);
}

}  // namespace
}  // namespace capacity_model
