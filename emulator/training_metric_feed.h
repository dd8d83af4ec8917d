#pragma once

#include "emulator/cloudwatch/metric_feed.h"

namespace emulator {

class World;

// Training jobs' metrics as CloudWatch holds them: namespace /aws/sagemaker/TrainingJobs,
// dimension TrainingJobName, one point per epoch at its virtual time on the World's wall
// clock, read from the jobs' records (emulator/telemetry/printed_output.h) when asked.
class TrainingMetricFeed final : public cloudwatch::MetricFeed {
 public:
  explicit TrainingMetricFeed(World& world) : world_(world) {}

  std::vector<cloudwatch::MetricKey> series(const model::Scope& scope) const override;
  std::vector<cloudwatch::FeedPoint> points(const model::Scope& scope, const cloudwatch::MetricKey& key,
                                            std::int64_t from_ms, std::int64_t to_ms) const override;

 private:
  World& world_;
};

}  // namespace emulator
