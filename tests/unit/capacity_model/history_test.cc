#include "capacity_model/history.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "capacity_model/pool.h"

namespace capacity_model {
namespace {

using std::chrono::seconds;

PoolUsage usage(int capacity, int in_use, int demand = 0, std::string zone = "us-east-1a",
                CapacityType market = CapacityType::OnDemand) {
  const int available = std::max(0, capacity - in_use - demand);
  return PoolUsage{"ml.m5.xlarge", std::move(zone), capacity, in_use, available, demand, market};
}

TEST(CapacityHistory, KeepsOnlyChanges) {
  CapacityHistory history;
  history.record(Millis{0}, "us-east-1", usage(4, 0));
  history.record(seconds(10), "us-east-1", usage(4, 0));
  history.record(seconds(20), "us-east-1", usage(4, 2));
  history.record(seconds(30), "us-east-1", usage(4, 2));
  const auto series = history.series();
  ASSERT_EQ(series.size(), 1u);
  ASSERT_EQ(series[0].samples.size(), 2u);
  EXPECT_EQ(series[0].samples[0], (HistorySample{Millis{0}, 4, 0, 0, 4}));
  EXPECT_EQ(series[0].samples[1], (HistorySample{seconds(20), 4, 0, 2, 2}));
}

TEST(CapacityHistory, SamplesAtTheSameMillisecondCollapse) {
  CapacityHistory history;
  history.record(Millis{0}, "us-east-1", usage(4, 0));
  history.record(Millis{5}, "us-east-1", usage(4, 1));
  history.record(Millis{5}, "us-east-1", usage(4, 3));
  auto samples = history.series()[0].samples;
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1], (HistorySample{Millis{5}, 4, 0, 3, 1}));
  // Undone within the same millisecond: nothing happened at 7 ms.
  history.record(Millis{7}, "us-east-1", usage(0, 3));
  history.record(Millis{7}, "us-east-1", usage(4, 3));
  samples = history.series()[0].samples;
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1].time, Millis{5});
  EXPECT_EQ(history.sample_count(), 2u);
}

TEST(CapacityHistory, BoundedPerPool) {
  CapacityHistory history(3);
  for (int i = 0; i < 5; ++i) history.record(seconds(i), "us-east-1", usage(4, i % 2));
  const auto samples = history.series()[0].samples;
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(samples.front().time, seconds(2));
  EXPECT_EQ(history.dropped(), 2u);
  history.clear();
  EXPECT_EQ(history.sample_count(), 0u);
  EXPECT_EQ(history.dropped(), 0u);
}

TEST(CapacityHistory, RecordsEveryPoolOfBothMarkets) {
  RegionalPool pool(Catalog({InstanceSpec{"ml.m5.xlarge", "m5", 4, 16, 0, 0.23, 1.0}}), "us-east-1",
                    {"us-east-1a", "us-east-1b"}, 4, {}, 2);
  CapacityHistory history;
  history.record(Millis{0}, pool);
  pool.allocate("ml.m5.xlarge", 1, CapacityType::Spot);
  history.record(seconds(1), pool);
  const auto all = history.series();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(history.sample_count(), 5u);
  const auto spot_a =
      history.series(HistoryQuery{std::nullopt, std::nullopt, "us-east-1a", CapacityType::Spot});
  ASSERT_EQ(spot_a.size(), 1u);
  ASSERT_EQ(spot_a[0].samples.size(), 2u);
  EXPECT_EQ(spot_a[0].samples[1], (HistorySample{seconds(1), 2, 0, 1, 1}));
}

TEST(CapacityHistory, QueryWindowStartsWithTheSampleInForce) {
  CapacityHistory history;
  history.record(Millis{0}, "us-east-1", usage(4, 0));
  history.record(seconds(10), "us-east-1", usage(4, 1));
  history.record(seconds(20), "us-east-1", usage(4, 2));
  history.record(seconds(30), "us-east-1", usage(4, 3));
  HistoryQuery window;
  window.from = seconds(15);
  window.to = seconds(20);
  const auto samples = history.series(window)[0].samples;
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0], (HistorySample{seconds(15), 4, 0, 1, 3}));
  EXPECT_EQ(samples[1], (HistorySample{seconds(20), 4, 0, 2, 2}));
  window.from = seconds(20);
  EXPECT_EQ(history.series(window)[0].samples.size(), 1u);
  HistoryQuery other_region;
  other_region.region = "eu-west-1";
  EXPECT_TRUE(history.series(other_region).empty());
}

TEST(CapacityHistory, CsvMergesSeriesByTime) {
  CapacityHistory history;
  history.record(Millis{0}, "us-east-1", usage(4, 0, 1));
  history.record(Millis{0}, "us-east-1", usage(2, 0, 0, "us-east-1b", CapacityType::Spot));
  history.record(Millis{1500}, "us-east-1", usage(4, 0, 1, "us-east-1b", CapacityType::Spot));
  history.record(Millis{2000}, "us-east-1", usage(0, 2, 1));
  EXPECT_EQ(to_csv(history.series()),
            "time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available\n"
            "0,us-east-1,ml.m5.xlarge,us-east-1a,on-demand,4,1,0,3\n"
            "0,us-east-1,ml.m5.xlarge,us-east-1b,spot,2,0,0,2\n"
            "1500,us-east-1,ml.m5.xlarge,us-east-1b,spot,4,1,0,3\n"
            "2000,us-east-1,ml.m5.xlarge,us-east-1a,on-demand,0,1,2,0\n");
  EXPECT_EQ(to_csv({}),
            "time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available\n");
}

TEST(CapacityHistory, CsvQuotesFieldsThatNeedIt) {
  HistorySeries odd{
      "r,1", "a\"b", "z", CapacityType::OnDemand, {HistorySample{Millis{1}, 1, 0, 0, 1}}};
  EXPECT_EQ(to_csv({odd}),
            "time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available\n"
            "1,\"r,1\",\"a\"\"b\",z,on-demand,1,0,0,1\n");
}

}  // namespace
}  // namespace capacity_model
