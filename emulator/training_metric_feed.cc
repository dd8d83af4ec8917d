#include "emulator/training_metric_feed.h"

#include "emulator/store/job_store.h"
#include "emulator/telemetry/printed_output.h"
#include "emulator/world.h"

namespace emulator {
namespace {

constexpr std::string_view kJobDimension = "TrainingJobName";

}  // namespace

std::vector<cloudwatch::MetricKey> TrainingMetricFeed::series(const model::Scope& scope) const {
  std::vector<cloudwatch::MetricKey> keys;
  const auto& all = world_.stores().all();
  const auto it = all.find(scope);
  if (it == all.end()) return keys;
  const auto now = world_.simulator().now();
  it->second.sorted_training_jobs().walk(
      store::ListOrder::Name, false, std::nullopt, std::nullopt, [&](const model::TrainingJob& job) {
        for (auto& metric : telemetry::published_metrics(job, now)) {
          keys.push_back(cloudwatch::make_key(std::string(telemetry::kTrainingLogGroup), std::move(metric),
                                              {{std::string(kJobDimension), job.name}}));
        }
        return true;
      });
  return keys;
}

std::vector<cloudwatch::FeedPoint> TrainingMetricFeed::points(const model::Scope& scope,
                                                               const cloudwatch::MetricKey& key, std::int64_t from_ms,
                                                               std::int64_t to_ms) const {
  std::vector<cloudwatch::FeedPoint> out;
  if (key.namespace_name != telemetry::kTrainingLogGroup || key.dimensions.size() != 1 ||
      key.dimensions.front().name != kJobDimension) {
    return out;
  }
  const auto& all = world_.stores().all();
  const auto it = all.find(scope);
  const auto* job = it == all.end() ? nullptr : it->second.find_training_job(key.dimensions.front().value);
  if (job == nullptr || job->name != key.dimensions.front().value) return out;
  for (const auto& point : telemetry::metric_points(*job, key.metric_name, world_.simulator().now())) {
    const auto at = world_.epoch_ms() + point.at.count();
    if (at >= from_ms && at < to_ms) out.push_back({at, point.value});
  }
  return out;
}

}  // namespace emulator
