#include "emulator/cloudwatch/metric_store.h"

#include <gtest/gtest.h>

#include "emulator/cloudwatch/aggregation.h"
#include "emulator/cloudwatch/metric_listing.h"

namespace emulator::cloudwatch {
namespace {

const model::Scope kScope{"123456789012", "us-east-1"};
constexpr std::int64_t kT0 = 1'704'164'400'000;  // 2024-01-02T03:00:00Z

MetricKey latency(std::string host = "a") { return make_key("Emu/Test", "Latency", {{"Host", std::move(host)}}); }

// Training-job-like series: one point per "epoch", every 30 s from kT0.
class FakeFeed : public MetricFeed {
 public:
  std::vector<MetricKey> series(const model::Scope& scope) const override {
    if (scope != kScope) return {};
    return {key()};
  }
  std::vector<FeedPoint> points(const model::Scope& scope, const MetricKey& k, std::int64_t from_ms,
                                std::int64_t to_ms) const override {
    std::vector<FeedPoint> out;
    if (scope != kScope || k != key()) return out;
    for (int epoch = 0; epoch < 4; ++epoch) {
      const std::int64_t at = kT0 + epoch * 30'000;
      if (at >= from_ms && at < to_ms) out.push_back({at, 1.0 - 0.1 * epoch});
    }
    return out;
  }
  static MetricKey key() {
    return make_key("/aws/sagemaker/TrainingJobs", "validation:rmse", {{"TrainingJobName", "job-1"}});
  }
};

TEST(MetricKey, DimensionOrderDoesNotNameAnotherMetric) {
  EXPECT_EQ(make_key("N", "M", {{"B", "2"}, {"A", "1"}}), make_key("N", "M", {{"A", "1"}, {"B", "2"}}));
}

TEST(MetricStore, KeepsScopesApartAndClears) {
  MetricStore store;
  store.put(kScope, latency(), single_value(kT0, 1.5));
  EXPECT_EQ(store.metrics(kScope).size(), 1u);
  EXPECT_TRUE(store.metrics({"123456789012", "eu-west-1"}).empty());
  EXPECT_TRUE(store.samples({"999999999999", "us-east-1"}, latency(), 0, kT0 * 2).empty());
  store.clear();
  EXPECT_TRUE(store.metrics(kScope).empty());
}

TEST(MetricStore, RangeIsStartInclusiveEndExclusive) {
  MetricStore store;
  for (int i = 0; i < 3; ++i) store.put(kScope, latency(), single_value(kT0 + i * 60'000, i));
  EXPECT_EQ(store.samples(kScope, latency(), kT0, kT0 + 120'000).size(), 2u);
  EXPECT_EQ(store.samples(kScope, latency(), kT0 + 1, kT0 + 120'001).size(), 2u);
}

TEST(MetricStore, MergesTheFeedWithWhatWasPut) {
  MetricStore store;
  FakeFeed feed;
  store.set_feed(&feed);
  store.put(kScope, latency(), single_value(kT0, 1));
  store.put(kScope, FakeFeed::key(), single_value(kT0 + 10'000, 7));
  const auto metrics = store.metrics(kScope);
  ASSERT_EQ(metrics.size(), 2u);  // the feed's series once, though both sources hold it
  const auto samples = store.samples(kScope, FakeFeed::key(), kT0, kT0 + 60'000);
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_DOUBLE_EQ(samples[0].sum, 1.0);
  EXPECT_DOUBLE_EQ(samples[1].sum, 7.0);  // time order across sources
  EXPECT_DOUBLE_EQ(samples[2].sum, 0.9);
  store.clear();
  EXPECT_EQ(store.metrics(kScope).size(), 1u);  // the feed outlives a reset of what was put
}

TEST(Aggregation, EveryStatisticPerPeriod) {
  std::vector<Sample> samples = {single_value(kT0 + 1'000, 1), single_value(kT0 + 59'000, 3),
                                 single_value(kT0 + 60'000, 10)};
  Sample set{kT0 + 2'000, 4, 20, 2, 8, {}, false, "None"};
  samples.insert(samples.begin() + 1, set);
  const auto periods = aggregate(samples, kT0, 60);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].time_ms, kT0);
  EXPECT_DOUBLE_EQ(periods[0].value(Statistic::kSampleCount), 6);
  EXPECT_DOUBLE_EQ(periods[0].value(Statistic::kSum), 24);
  EXPECT_DOUBLE_EQ(periods[0].value(Statistic::kAverage), 4);
  EXPECT_DOUBLE_EQ(periods[0].value(Statistic::kMinimum), 1);
  EXPECT_DOUBLE_EQ(periods[0].value(Statistic::kMaximum), 8);
  EXPECT_FALSE(periods[0].percentile(50));  // a statistic set hides its values
  EXPECT_EQ(periods[1].time_ms, kT0 + 60'000);
  EXPECT_DOUBLE_EQ(periods[1].value(Statistic::kAverage), 10);
}

TEST(Aggregation, PeriodsStartAtTheRoundedStartTime) {
  const std::int64_t now = kT0 + 3'600'000;
  EXPECT_EQ(round_start(kT0 + 34'000, 60, now), kT0);
  EXPECT_EQ(round_start(kT0 + 34'000, 10, now), kT0 + 30'000);
  EXPECT_EQ(round_start(kT0 + 7 * 60'000 + 5'000, 60, kT0 + 20LL * 86'400'000), kT0 + 5 * 60'000);
  EXPECT_EQ(round_start(kT0 + 37 * 60'000, 60, kT0 + 70LL * 86'400'000), kT0);
  // A 300 s period from 03:02 buckets 03:02-03:07, not on clock multiples of 5 minutes.
  const auto periods = aggregate({single_value(kT0 + 6 * 60'000, 1)}, kT0 + 2 * 60'000, 300);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].time_ms, kT0 + 2 * 60'000);
  EXPECT_EQ(periods_in(kT0, kT0 + 3'600'000, 60), 60);
  EXPECT_EQ(periods_in(kT0, kT0 + 3'600'001, 60), 61);
}

TEST(Aggregation, PercentilesByNearestRank) {
  std::vector<Sample> samples;
  for (int v = 1; v <= 100; ++v) samples.push_back(single_value(kT0, v));
  const auto periods = aggregate(samples, kT0, 60);
  EXPECT_DOUBLE_EQ(*periods[0].percentile(99), 99);
  EXPECT_DOUBLE_EQ(*periods[0].percentile(50), 50);
  EXPECT_DOUBLE_EQ(*periods[0].percentile(100), 100);
  EXPECT_DOUBLE_EQ(*periods[0].percentile(0), 1);
}

TEST(Aggregation, StatisticNames) {
  EXPECT_EQ(parse_statistic("Average"), Statistic::kAverage);
  EXPECT_FALSE(parse_statistic("average"));
  EXPECT_DOUBLE_EQ(*parse_percentile("p99.9"), 99.9);
  EXPECT_DOUBLE_EQ(*parse_percentile("p100"), 100);
  EXPECT_FALSE(parse_percentile("p100.1"));
  EXPECT_FALSE(parse_percentile("p99.999"));
  EXPECT_FALSE(parse_percentile("p"));
  EXPECT_FALSE(parse_percentile("P50"));
  EXPECT_FALSE(parse_percentile("p050"));
}

TEST(ListMetrics, FiltersByNamespaceNameAndDimensions) {
  MetricStore store;
  store.put(kScope, latency("a"), single_value(kT0, 1));
  store.put(kScope, latency("b"), single_value(kT0, 1));
  store.put(kScope, make_key("Emu/Test", "Errors", {{"Host", "a"}, {"Zone", "z"}}), single_value(kT0, 1));
  store.put(kScope, make_key("Other", "Latency", {}), single_value(kT0, 1));
  ListMetricsQuery query;
  query.namespace_name = "Emu/Test";
  EXPECT_EQ(list_metrics(store, kScope, query)->metrics.size(), 3u);
  query.dimensions = {{"Host", std::string("a")}};
  EXPECT_EQ(list_metrics(store, kScope, query)->metrics.size(), 2u);
  query.dimensions = {{"Zone", std::nullopt}};  // name only: any value
  EXPECT_EQ(list_metrics(store, kScope, query)->metrics.size(), 1u);
  query.dimensions.clear();
  query.metric_name = "Latency";
  EXPECT_EQ(list_metrics(store, kScope, query)->metrics.size(), 2u);
}

TEST(ListMetrics, PagesWithTokensAndRecentActivity) {
  MetricStore store;
  for (int i = 0; i < 5; ++i) store.put(kScope, latency(std::to_string(i)), single_value(kT0 + i * 1000, 1));
  ListMetricsQuery query;
  std::vector<MetricKey> seen;
  int pages = 0;
  do {
    auto page = list_metrics(store, kScope, query, 2);
    ASSERT_TRUE(page);
    seen.insert(seen.end(), page->metrics.begin(), page->metrics.end());
    query.next_token = page->next_token;
    ++pages;
  } while (query.next_token);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, store.metrics(kScope));
  query.next_token = "not-a-token";
  EXPECT_FALSE(list_metrics(store, kScope, query));
  query.next_token.reset();
  query.active_since_ms = kT0 + 3000;
  EXPECT_EQ(list_metrics(store, kScope, query)->metrics.size(), 2u);
}

}  // namespace
}  // namespace emulator::cloudwatch
