// CapacityHistory's snapshot (docs/persistence.md, "Snapshots"): every series with its samples,
// in the order the series were first recorded (their position is what a page cursor names),
// and the count of samples dropped. The per-pool limit comes from the configuration.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "capacity_model/history.h"
#include "capacity_model/snapshot_json.h"

namespace capacity_model {
namespace {

// A sample as [time_ms, capacity, demand, in_use, available]: a week of samples stays small.
nlohmann::json save_sample(const HistorySample& s) {
  return {s.time.count(), s.capacity, s.demand, s.in_use, s.available};
}

HistorySample load_sample(const nlohmann::json& saved) {
  return {snapshot::millis_from(saved.at(0)), snapshot::value_of<int>(saved.at(1)),
          snapshot::value_of<int>(saved.at(2)), snapshot::value_of<int>(saved.at(3)),
          snapshot::value_of<int>(saved.at(4))};
}

}  // namespace

nlohmann::json CapacityHistory::save() const {
  auto series = nlohmann::json::array();
  for (const Stored& s : stored_) {
    auto samples = nlohmann::json::array();
    for (const auto& sample : s.samples) samples.push_back(save_sample(sample));
    series.push_back({{"region", s.region},
                      {"instance_type", s.instance_type},
                      {"zone", s.zone},
                      {"capacity_type", to_string(s.capacity_type)},
                      {"samples", std::move(samples)}});
  }
  return {{"series", std::move(series)}, {"dropped", dropped_}};
}

void CapacityHistory::load(const nlohmann::json& state) {
  CapacityHistory loaded(max_samples_);
  for (const auto& saved : snapshot::list_at(state, "series")) {
    const PoolUsage pool{.instance_type = saved.at("instance_type").get<std::string>(),
                         .zone = saved.at("zone").get<std::string>(),
                         .capacity_type = snapshot::capacity_type_from_json(saved.at("capacity_type"))};
    const auto region = saved.at("region").get<std::string>();
    const std::size_t before = loaded.stored_.size();
    const std::size_t series = loaded.series_index(region, pool);
    if (series < before) {
      throw SnapshotError("a series listed twice: " + region + " " + pool.instance_type + " " + pool.zone + " " +
                          std::string(to_string(pool.capacity_type)));
    }
    auto& samples = loaded.stored_[series].samples;
    for (const auto& s : snapshot::list_at(saved, "samples")) {
      const HistorySample sample = load_sample(s);
      // Pages are found by bisection over times that rise strictly.
      if (!samples.empty() && sample.time <= samples.back().time) {
        throw SnapshotError("samples out of time order in a series of " + region);
      }
      samples.push_back(sample);
    }
    if (samples.size() > max_samples_) {
      throw SnapshotError("a series of " + std::to_string(samples.size()) + " samples, past this history's limit of " +
                          std::to_string(max_samples_));
    }
  }
  loaded.dropped_ = snapshot::value_of<std::size_t>(state.at("dropped"));
  // pool_series_ is left empty: record(t, pool) looks each pool's series up again in index_,
  // which gives the indexes it held, since a series is never removed short of clear().
  *this = std::move(loaded);
}

}  // namespace capacity_model
