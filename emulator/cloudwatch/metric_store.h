#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "emulator/cloudwatch/metric_feed.h"
#include "emulator/cloudwatch/metric_types.h"
#include "emulator/model/scope.h"

namespace emulator::cloudwatch {

// The metrics of every (account, region): what PutMetricData wrote, merged with the
// read-only series of a MetricFeed. A metric both hold (a client putting into a training
// job's series) answers with the samples of both.
class MetricStore {
 public:
  // The feed stays owned by the caller and must outlive the store (or be replaced first).
  void set_feed(const MetricFeed* feed) { feed_ = feed; }
  void put(const model::Scope& scope, const MetricKey& key, Sample sample);
  // Forgets what was put (the control plane's reset); the feed is kept.
  void clear() { scopes_.clear(); }

  // Every metric of `scope`, once each, in MetricKey order.
  std::vector<MetricKey> metrics(const model::Scope& scope) const;
  // The samples of `key` with from_ms <= time < to_ms, in time order.
  std::vector<Sample> samples(const model::Scope& scope, const MetricKey& key, std::int64_t from_ms,
                              std::int64_t to_ms) const;
  // Whether `key` has a sample at or after `since_ms` (ListMetrics' RecentlyActive).
  bool active_since(const model::Scope& scope, const MetricKey& key, std::int64_t since_ms) const;

  // The state a snapshot keeps (docs/persistence.md, "Snapshots"): every scope's series as
  // PutMetricData wrote them. The feed is wiring (the World's training jobs), not state.
  nlohmann::json save() const;
  // Replaces what was put with what save() gave (the feed is kept); throws
  // capacity_model::SnapshotError (capacity_model/snapshot_error.h) when it does not fit: a
  // metric whose dimensions are not sorted or that repeats, samples out of time order.
  void load(const nlohmann::json& state);

 private:
  using Series = std::multimap<std::int64_t, Sample>;
  std::map<model::Scope, std::map<MetricKey, Series>> scopes_;
  const MetricFeed* feed_ = nullptr;
};

}  // namespace emulator::cloudwatch
