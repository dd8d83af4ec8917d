#include "emulator/cloudwatch/aggregation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace emulator::cloudwatch {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

std::int64_t floor_to(std::int64_t time_ms, std::int64_t step_ms) {
  const auto rem = time_ms % step_ms;
  return rem < 0 ? time_ms - rem - step_ms : time_ms - rem;
}

void add(Aggregate& period, const Sample& sample, bool first) {
  if (first) {
    period.minimum = sample.minimum;
    period.maximum = sample.maximum;
    period.unit = sample.unit;
  } else {
    period.minimum = std::min(period.minimum, sample.minimum);
    period.maximum = std::max(period.maximum, sample.maximum);
  }
  period.sample_count += sample.sample_count;
  period.sum += sample.sum;
  period.values_known = period.values_known && sample.values_known;
  period.weighted_values.insert(period.weighted_values.end(), sample.weighted_values.begin(),
                                sample.weighted_values.end());
}

}  // namespace

std::optional<Statistic> parse_statistic(std::string_view name) {
  static constexpr std::pair<std::string_view, Statistic> kNames[] = {{"SampleCount", Statistic::kSampleCount},
                                                                      {"Average", Statistic::kAverage},
                                                                      {"Sum", Statistic::kSum},
                                                                      {"Minimum", Statistic::kMinimum},
                                                                      {"Maximum", Statistic::kMaximum}};
  for (const auto& [text, statistic] : kNames) {
    if (text == name) return statistic;
  }
  return std::nullopt;
}

std::optional<double> parse_percentile(std::string_view name) {
  if (name.size() < 2 || name[0] != 'p') return std::nullopt;
  const auto number = name.substr(1);
  const auto dot = number.find('.');
  const auto whole = number.substr(0, dot);
  if (whole.empty() || whole.size() > 3 || (whole.size() > 1 && whole[0] == '0')) return std::nullopt;
  if (dot != std::string_view::npos) {
    const auto fraction = number.substr(dot + 1);
    if (fraction.empty() || fraction.size() > 2) return std::nullopt;
  }
  for (char c : number) {
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || value > 100) return std::nullopt;
  return value;
}

double Aggregate::value(Statistic statistic) const {
  switch (statistic) {
    case Statistic::kSampleCount: return sample_count;
    case Statistic::kAverage: return sample_count > 0 ? sum / sample_count : 0;
    case Statistic::kSum: return sum;
    case Statistic::kMinimum: return minimum;
    case Statistic::kMaximum: return maximum;
  }
  return 0;
}

std::optional<double> Aggregate::percentile(double p) const {
  if (!values_known || weighted_values.empty() || minimum < 0) return std::nullopt;
  auto sorted = weighted_values;
  std::sort(sorted.begin(), sorted.end());
  double total = 0;
  for (const auto& [value, count] : sorted) total += count;
  // Nearest rank: the smallest value whose cumulative count reaches p% of all (at least one).
  const double rank = std::max(1.0, std::ceil(p / 100.0 * total));
  double seen = 0;
  for (const auto& [value, count] : sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted.back().first;
}

std::int64_t round_start(std::int64_t start_ms, int period_seconds, std::int64_t now_ms) {
  const auto age = now_ms - start_ms;
  if (age > 63 * kDayMs) return floor_to(start_ms, 60 * kMinuteMs);
  if (age > 15 * kDayMs) return floor_to(start_ms, 5 * kMinuteMs);
  if (period_seconds < 60) return floor_to(start_ms, std::int64_t(period_seconds) * 1000);
  return floor_to(start_ms, kMinuteMs);
}

std::int64_t periods_in(std::int64_t start_ms, std::int64_t end_ms, int period_seconds) {
  if (end_ms <= start_ms) return 0;
  const std::int64_t period_ms = std::int64_t(period_seconds) * 1000;
  return (end_ms - start_ms + period_ms - 1) / period_ms;
}

std::vector<Aggregate> aggregate(const std::vector<Sample>& samples, std::int64_t start_ms, int period_seconds) {
  const std::int64_t period_ms = std::int64_t(period_seconds) * 1000;
  std::map<std::int64_t, Aggregate> periods;
  for (const auto& sample : samples) {
    const std::int64_t begins = start_ms + (sample.time_ms - start_ms) / period_ms * period_ms;
    const auto [at, first] = periods.try_emplace(begins);
    at->second.time_ms = begins;
    add(at->second, sample, first);
  }
  std::vector<Aggregate> out;
  for (auto& [begins, period] : periods) out.push_back(std::move(period));
  return out;
}

}  // namespace emulator::cloudwatch
