#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "emulator/cloudwatch/aggregation.h"
#include "emulator/cloudwatch/metric_listing.h"
#include "emulator/cloudwatch/metric_store.h"

namespace emulator::cloudwatch {
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

const model::Scope kHome{"123456789012", "us-east-1"};
const model::Scope kAway{"123456789012", "eu-west-1"};
constexpr std::int64_t kT0 = 1'704'164'400'000;  // 2024-01-02T03:00:00Z

MetricKey latency(std::string host) {
  return make_key("Emu/Test", "Latency", {{"Zone", "a"}, {"Host", std::move(host)}});
}

// Values, statistic sets (values known and hidden), weighted values, units, two samples of
// one time, dimensionless metrics and two scopes.
MetricStore rich() {
  MetricStore store;
  for (int i = 0; i < 5; ++i) store.put(kHome, latency("h" + std::to_string(i)), single_value(kT0 + i * 1000, i));
  store.put(kHome, latency("h0"), single_value(kT0 + 60'000, 2.5, "Milliseconds"));
  store.put(kHome, latency("h0"), Sample{kT0 + 60'000, 10, 55, 1, 10, {}, false, "Milliseconds"});
  store.put(kHome, latency("h0"), Sample{kT0 + 30'000, 3, 6, 1, 3, {{1, 1}, {2.5, 1}, {2.5, 0.5}}, true, "Count"});
  store.put(kHome, make_key("Emu/Other", "Errors", {}), single_value(kT0 + 5, 1, "Count"));
  store.put(kAway, make_key("Emu/Test", "Latency", {{"Host", "far"}}),
            Sample{kT0, 4, 8, 2, 2, {{2, 4}}, true, "Seconds"});
  return store;
}

std::vector<std::string> page_lines(const MetricsPage& page) {
  std::vector<std::string> out;
  for (const auto& key : page.metrics) {
    std::string line = key.namespace_name + " " + key.metric_name;
    for (const auto& d : key.dimensions) line += " " + d.name + "=" + d.value;
    out.push_back(line);
  }
  out.push_back(page.next_token.value_or("end"));
  return out;
}

// ListMetrics two a page, and every metric's statistics per minute and per hour.
std::vector<std::string> answers(const MetricStore& store, const model::Scope& scope) {
  std::vector<std::string> out;
  ListMetricsQuery query;
  do {
    const auto page = list_metrics(store, scope, query, 2);
    const auto lines = page_lines(*page);
    out.insert(out.end(), lines.begin(), lines.end());
    query.next_token = page->next_token;
  } while (query.next_token);
  for (const auto& key : store.metrics(scope)) {
    for (const int period : {60, 3600}) {
      for (const auto& period_of : aggregate(store.samples(scope, key, kT0, kT0 + 3'600'000), kT0, period)) {
        std::string line = std::to_string(period_of.time_ms) + " " + period_of.unit;
        for (const auto s : {Statistic::kSampleCount, Statistic::kAverage, Statistic::kSum, Statistic::kMinimum,
                             Statistic::kMaximum}) {
          line += " " + json(period_of.value(s)).dump();
        }
        line += " p50=" + json(period_of.percentile(50).value_or(-1)).dump();
        out.push_back(line);
      }
    }
    out.push_back(key.metric_name + (store.active_since(scope, key, kT0 + 3000) ? " active" : " quiet"));
  }
  return out;
}

MetricStore restored_from(const MetricStore& original) {
  MetricStore restored;
  restored.put({"999999999999", "us-west-2"}, latency("stale"), single_value(kT0, 1));  // load replaces
  restored.load(original.save());
  return restored;
}

TEST(MetricStoreState, SavedLoadedAndSavedAgainIsTheSameDocument) {
  const MetricStore original = rich();
  const MetricStore restored = restored_from(original);
  EXPECT_EQ(restored.save(), original.save());
  EXPECT_TRUE(restored.metrics({"999999999999", "us-west-2"}).empty());
}

TEST(MetricStoreState, TheRestoredStoreAnswersAndGoesOnAsTheOriginal) {
  MetricStore original = rich();
  MetricStore restored = restored_from(original);
  for (const auto& scope : {kHome, kAway}) EXPECT_EQ(answers(restored, scope), answers(original, scope));
  const auto sixty = [](const MetricStore& store) {
    return store.samples(kHome, latency("h0"), kT0 + 60'000, kT0 + 60'001);
  };
  ASSERT_EQ(sixty(restored).size(), 2u);
  EXPECT_EQ(sixty(restored)[0].unit, sixty(original)[0].unit);  // one time: the order they came in
  EXPECT_EQ(sixty(restored)[1].values_known, sixty(original)[1].values_known);
  for (MetricStore* store : {&original, &restored}) {
    store->put(kHome, latency("h0"), single_value(kT0 + 60'000, 99));
    store->put(kAway, latency("new"), single_value(kT0 + 7, 1));
  }
  for (const auto& scope : {kHome, kAway}) EXPECT_EQ(answers(restored, scope), answers(original, scope));
  EXPECT_EQ(restored.save(), original.save());
}

TEST(MetricStoreState, ADocumentThatDoesNotFitIsRefused) {
  MetricStore store = rich();
  const json before = store.save();
  auto doc = before;
  auto& dimensions = doc["scopes"][1]["metrics"][1]["dimensions"];  // us-east-1's Latency of h0
  ASSERT_EQ(dimensions.size(), 2u);
  std::swap(dimensions[0], dimensions[1]);
  EXPECT_THROW(store.load(doc), SnapshotError);
  doc = before;
  doc["scopes"].push_back(doc["scopes"][0]);
  EXPECT_THROW(store.load(doc), SnapshotError);
  doc = before;
  auto& metrics = doc["scopes"][1]["metrics"];
  metrics.push_back(metrics[0]);
  EXPECT_THROW(store.load(doc), SnapshotError);
  doc = before;
  auto& samples = doc["scopes"][1]["metrics"][1]["samples"];
  std::swap(samples[0], samples[1]);
  EXPECT_THROW(store.load(doc), SnapshotError);
  doc = before;
  doc["scopes"][1]["metrics"][1]["samples"] = json::array();
  EXPECT_THROW(store.load(doc), SnapshotError);
  EXPECT_EQ(store.save(), before);
}

TEST(MetricStoreState, AMemberOfTheWrongTypeIsRefused) {
  MetricStore store;
  auto doc = rich().save();
  doc["scopes"][0]["metrics"][0]["samples"][0]["sum"] = "lots";
  EXPECT_THROW(store.load(doc), json::exception);
  doc = rich().save();
  doc["scopes"][0]["metrics"][0]["samples"][0].erase("unit");
  EXPECT_THROW(store.load(doc), json::exception);
}

}  // namespace
}  // namespace emulator::cloudwatch
