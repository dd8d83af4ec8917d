#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capacity_model/pool.h"
#include "capacity_model/time.h"

namespace capacity_model {

struct HistorySample {
  Millis time{0};
  int capacity = 0;
  int demand = 0;
  int in_use = 0;
  int available = 0;
  bool operator==(const HistorySample&) const = default;
};

// One pool's samples, oldest first.
struct HistorySeries {
  std::string region{};
  std::string instance_type{};
  std::string zone{};
  CapacityType capacity_type = CapacityType::OnDemand;
  std::vector<HistorySample> samples{};
};

// Which series and which window; an unset member does not filter.
struct HistoryQuery {
  std::optional<std::string> region{};
  std::optional<std::string> instance_type{};
  std::optional<std::string> zone{};
  std::optional<CapacityType> capacity_type{};
  std::optional<Millis> from{};  // the sample in force at `from` is included, stamped `from`
  std::optional<Millis> to{};    // inclusive
};

// Where a page of history ended: the time and the series (in series order) of its last
// sample. Samples are paged in time order, ties in series order.
struct HistoryCursor {
  Millis time{0};
  std::size_t series = 0;
  bool operator==(const HistoryCursor&) const = default;
};

struct HistoryPage {
  std::vector<HistorySeries> series;  // those with samples on this page, in series order
  std::optional<HistoryCursor> next;  // where the next page starts, when more follow
};

// Capacity, demand and use of each pool over time, for a user to plot a run. The caller
// records a pool whenever something about it may have changed (an allocation, a release, a
// step, a demand step); a sample equal to the pool's last one is not kept, and samples at
// the same millisecond collapse into the last, so memory grows with changes, not calls.
// Past max_samples_per_pool the oldest samples of that pool are dropped (and counted).
class CapacityHistory {
 public:
  explicit CapacityHistory(std::size_t max_samples_per_pool = 10000);

  void record(Millis t, std::string_view region, const PoolUsage& usage);
  // Every pool of the region, on-demand and spot.
  void record(Millis t, const RegionalPool& pool);

  // At most `max_samples` samples of the series the query matches, in time order (ties in
  // series order), from just after `after` or from the start; a series may go on on the
  // next page. Costs the page's length, not the history's.
  HistoryPage page(const HistoryQuery& query, const std::optional<HistoryCursor>& after, std::size_t max_samples) const;
  // Every sample of the matching series (those with samples), in the order their pools were
  // first recorded.
  std::vector<HistorySeries> series(const HistoryQuery& query = {}) const;

  std::size_t sample_count() const;
  std::size_t dropped() const { return dropped_; }
  void clear();

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  struct Stored {
    std::string region;
    std::string instance_type;
    std::string zone;
    CapacityType capacity_type;
    std::deque<HistorySample> samples;
  };

  // The samples of one series a query covers: [next, end), the first stamped `from` when it
  // came before.
  struct Window {
    std::size_t series;
    std::size_t next;
    std::size_t end;
    std::optional<Millis> from;
    Millis time_of(const std::deque<HistorySample>& samples, std::size_t i) const {
      return from && samples[i].time < *from ? *from : samples[i].time;
    }
  };
  static bool matches(const Stored& s, const HistoryQuery& query);
  static Window window_of(const Stored& s, std::size_t series, const HistoryQuery& query,
                          const std::optional<HistoryCursor>& after);

  std::size_t series_index(std::string_view region, const PoolUsage& usage);
  void append(std::size_t series, Millis t, const PoolUsage& usage);

  std::size_t max_samples_;
  std::vector<Stored> stored_;
  std::map<std::string, std::size_t, std::less<>> index_;  // region|type|zone|market → stored_
  // Per region and market, the series of each pool in RegionalPool::usage order.
  std::map<std::pair<std::string, CapacityType>, std::vector<std::size_t>> pool_series_;
  std::size_t dropped_ = 0;
};

// CSV with a header row:
//   time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available
// rows ordered by time, then by series order.
std::string to_csv(const std::vector<HistorySeries>& series);

}  // namespace capacity_model
