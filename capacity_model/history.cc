#include "capacity_model/history.h"

#include <algorithm>
#include <limits>
#include <map>
#include <queue>
#include <tuple>
#include <utility>

namespace capacity_model {
namespace {

std::string series_key(std::string_view region, std::string_view instance_type,
                       std::string_view zone, CapacityType capacity_type) {
  std::string key(region);
  key.append("|").append(instance_type).append("|").append(zone).append("|");
  key.append(to_string(capacity_type));
  return key;
}

bool same_values(const HistorySample& a, const HistorySample& b) {
  return a.capacity == b.capacity && a.demand == b.demand && a.in_use == b.in_use &&
         a.available == b.available;
}

// RFC 4180: quote a field holding a comma, a quote or a line break.
void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

CapacityHistory::CapacityHistory(std::size_t max_samples_per_pool)
    : max_samples_(std::max<std::size_t>(max_samples_per_pool, 1)) {}

std::size_t CapacityHistory::series_index(std::string_view region, const PoolUsage& usage) {
  const std::string key = series_key(region, usage.instance_type, usage.zone, usage.capacity_type);
  auto it = index_.find(key);
  if (it == index_.end()) {
    it = index_.emplace(key, stored_.size()).first;
    stored_.push_back(
        Stored{std::string(region), usage.instance_type, usage.zone, usage.capacity_type, {}});
  }
  return it->second;
}

void CapacityHistory::record(Millis t, std::string_view region, const PoolUsage& usage) {
  append(series_index(region, usage), t, usage);
}

void CapacityHistory::append(std::size_t series, Millis t, const PoolUsage& usage) {
  auto& samples = stored_[series].samples;
  const HistorySample sample{t, usage.capacity, usage.demand, usage.in_use, usage.available};

  if (!samples.empty() && samples.back().time >= t) {
    // Same millisecond (or a caller running late): the latest state wins. If that undoes
    // the change the previous sample recorded, the sample goes away altogether.
    samples.back() = HistorySample{samples.back().time, sample.capacity, sample.demand,
                                   sample.in_use, sample.available};
    if (samples.size() >= 2 && same_values(samples[samples.size() - 2], samples.back())) {
      samples.pop_back();
    }
    return;
  }
  if (!samples.empty() && same_values(samples.back(), sample)) return;
  samples.push_back(sample);
  if (samples.size() > max_samples_) {
    samples.pop_front();
    ++dropped_;
  }
}

void CapacityHistory::record(Millis t, const RegionalPool& pool) {
  for (CapacityType capacity_type : kCapacityTypes) {
    const auto usage = pool.usage(capacity_type);
    // A region's pools are fixed and listed in the same order every time, so their series
    // are looked up once (a demand step records every pool of the region).
    auto& series = pool_series_[{pool.region(), capacity_type}];
    if (series.size() != usage.size()) {
      series.clear();
      for (const auto& u : usage) series.push_back(series_index(pool.region(), u));
    }
    for (std::size_t i = 0; i < usage.size(); ++i) append(series[i], t, usage[i]);
  }
}

std::vector<HistorySeries> CapacityHistory::series(const HistoryQuery& query) const {
  return page(query, std::nullopt, std::numeric_limits<std::size_t>::max()).series;
}

bool CapacityHistory::matches(const Stored& s, const HistoryQuery& query) {
  return (!query.region || *query.region == s.region) &&
         (!query.instance_type || *query.instance_type == s.instance_type) && (!query.zone || *query.zone == s.zone) &&
         (!query.capacity_type || *query.capacity_type == s.capacity_type);
}

CapacityHistory::Window CapacityHistory::window_of(const Stored& s, std::size_t series, const HistoryQuery& query,
                                                   const std::optional<HistoryCursor>& after) {
  const auto& samples = s.samples;
  Window window{series, 0, samples.size(), query.from};
  if (query.from) {
    // The sample in force at `from` opens the window, stamped `from`.
    const auto past = std::upper_bound(samples.begin(), samples.end(), *query.from,
                                       [](Millis t, const HistorySample& sample) { return t < sample.time; });
    window.next = past == samples.begin() ? 0 : std::size_t(past - samples.begin()) - 1;
  }
  if (query.to) {
    const auto end = std::upper_bound(samples.begin(), samples.end(), *query.to,
                                      [](Millis t, const HistorySample& sample) { return t < sample.time; });
    window.end = std::size_t(end - samples.begin());
  }
  if (after) {
    // Effective times rise strictly (samples at one millisecond collapse), so the first one
    // after the cursor is found by bisection.
    std::size_t lo = window.next, hi = std::max(window.next, window.end);
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      const Millis t = window.time_of(samples, mid);
      const bool before = t < after->time || (t == after->time && series <= after->series);
      if (before)
        lo = mid + 1;
      else
        hi = mid;
    }
    window.next = lo;
  }
  return window;
}

HistoryPage CapacityHistory::page(const HistoryQuery& query, const std::optional<HistoryCursor>& after,
                                  std::size_t max_samples) const {
  using Head = std::tuple<Millis::rep, std::size_t>;  // time, position in `windows`
  std::vector<Window> windows;
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
  for (std::size_t s = 0; s < stored_.size(); ++s) {
    if (!matches(stored_[s], query)) continue;
    const auto window = window_of(stored_[s], s, query, after);
    if (window.next >= window.end) continue;
    heap.emplace(window.time_of(stored_[s].samples, window.next).count(), windows.size());
    windows.push_back(window);
  }
  std::map<std::size_t, HistorySeries> taken;  // by series, so the page lists them in order
  HistoryPage out;
  for (std::size_t n = 0; n < max_samples && !heap.empty(); ++n) {
    auto& window = windows[std::get<1>(heap.top())];
    heap.pop();
    const Stored& s = stored_[window.series];
    auto [it, fresh] = taken.try_emplace(window.series);
    if (fresh) it->second = HistorySeries{s.region, s.instance_type, s.zone, s.capacity_type, {}};
    HistorySample sample = s.samples[window.next];
    sample.time = window.time_of(s.samples, window.next);
    it->second.samples.push_back(sample);
    out.next = HistoryCursor{sample.time, window.series};
    if (++window.next < window.end)
      heap.emplace(window.time_of(s.samples, window.next).count(), &window - windows.data());
  }
  if (heap.empty()) out.next.reset();
  for (auto& [_, series] : taken) out.series.push_back(std::move(series));
  return out;
}

std::size_t CapacityHistory::sample_count() const {
  std::size_t n = 0;
  for (const auto& s : stored_) n += s.samples.size();
  return n;
}

void CapacityHistory::clear() {
  stored_.clear();
  index_.clear();
  pool_series_.clear();
  dropped_ = 0;
}

std::string to_csv(const std::vector<HistorySeries>& series) {
  std::string out =
      "time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available\n";
  // Merge the series by time; ties keep series order.
  using Cursor = std::tuple<Millis::rep, std::size_t, std::size_t>;  // time, series, sample
  std::priority_queue<Cursor, std::vector<Cursor>, std::greater<>> heap;
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (!series[s].samples.empty()) heap.emplace(series[s].samples[0].time.count(), s, 0);
  }
  while (!heap.empty()) {
    const auto [time, s, i] = heap.top();
    heap.pop();
    const HistorySeries& row = series[s];
    const HistorySample& sample = row.samples[i];
    out.append(std::to_string(time)).push_back(',');
    append_field(out, row.region);
    out.push_back(',');
    append_field(out, row.instance_type);
    out.push_back(',');
    append_field(out, row.zone);
    out.push_back(',');
    out.append(to_string(row.capacity_type)).push_back(',');
    out.append(std::to_string(sample.capacity)).push_back(',');
    out.append(std::to_string(sample.demand)).push_back(',');
    out.append(std::to_string(sample.in_use)).push_back(',');
    out.append(std::to_string(sample.available)).push_back('\n');
    if (i + 1 < row.samples.size()) heap.emplace(row.samples[i + 1].time.count(), s, i + 1);
  }
  return out;
}

}  // namespace capacity_model
