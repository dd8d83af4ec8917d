#pragma once

#include <cstdint>
#include <vector>

#include "emulator/cloudwatch/metric_types.h"
#include "emulator/model/scope.h"

namespace emulator::cloudwatch {

struct FeedPoint {
  std::int64_t time_ms = 0;  // wall time, ms since the Unix epoch
  double value = 0;
};

// Read-only series the emulator publishes itself, beside what PutMetricData wrote: training
// jobs' metrics (namespace /aws/sagemaker/TrainingJobs, dimension TrainingJobName, one point
// per epoch). The store asks on every query, so the feed can derive its answers from live
// records; it must not change between two calls of one query.
class MetricFeed {
 public:
  virtual ~MetricFeed() = default;
  // Every series the feed holds in `scope` (dimensions sorted by name, see make_key).
  virtual std::vector<MetricKey> series(const model::Scope& scope) const = 0;
  // The points of one series with from_ms <= time_ms < to_ms, in any order; none for a key
  // the feed does not hold.
  virtual std::vector<FeedPoint> points(const model::Scope& scope, const MetricKey& key, std::int64_t from_ms,
                                        std::int64_t to_ms) const = 0;
};

}  // namespace emulator::cloudwatch
