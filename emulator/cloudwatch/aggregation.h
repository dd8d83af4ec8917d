#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/cloudwatch/metric_types.h"

namespace emulator::cloudwatch {

enum class Statistic { kSampleCount, kAverage, kSum, kMinimum, kMaximum };

// "SampleCount", "Average", "Sum", "Minimum", "Maximum"; nullopt for anything else.
std::optional<Statistic> parse_statistic(std::string_view name);
// "p0" to "p100" with at most two decimals ("p99", "p99.9"): the percentile; else nullopt.
std::optional<double> parse_percentile(std::string_view name);

// The samples of one period, summed into one: time_ms is the period's start, unit the first
// sample's.
struct Aggregate : Sample {
  double value(Statistic statistic) const;
  // Nearest rank over the values' counts; nullopt when a statistic set hid the values, or
  // when a value is negative (CloudWatch gives no percentiles then).
  std::optional<double> percentile(double p) const;
};

// StartTime as CloudWatch rounds it down, by its age at `now_ms`: older than 63 days to the
// hour, older than 15 days to 5 minutes, else to the minute — or, for a period under a minute,
// to a multiple of the period.
std::int64_t round_start(std::int64_t start_ms, int period_seconds, std::int64_t now_ms);

// How many periods [start_ms, end_ms) spans (a partial last period counts).
std::int64_t periods_in(std::int64_t start_ms, std::int64_t end_ms, int period_seconds);

// Periods of `period_seconds` from `start_ms` holding at least one sample, in time order. The
// samples must lie at or after `start_ms`.
std::vector<Aggregate> aggregate(const std::vector<Sample>& samples, std::int64_t start_ms, int period_seconds);

}  // namespace emulator::cloudwatch
