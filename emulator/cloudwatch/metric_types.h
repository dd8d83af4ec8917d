#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace emulator::cloudwatch {

struct Dimension {
  std::string name;
  std::string value;
  auto operator<=>(const Dimension&) const = default;
};

// One metric: CloudWatch treats every distinct (namespace, name, dimension set) as its own
// metric. The dimensions are kept sorted by name, so two requests that list them in another
// order name the same metric.
struct MetricKey {
  std::string namespace_name;
  std::string metric_name;
  std::vector<Dimension> dimensions;
  auto operator<=>(const MetricKey&) const = default;
};

// `dimensions` sorted by name (then value), as MetricKey keeps them.
MetricKey make_key(std::string namespace_name, std::string metric_name, std::vector<Dimension> dimensions);

// What one PutMetricData datum (or one feed point) contributes: a statistic set, and the
// values behind it when they are known (for percentiles), each with its count.
struct Sample {
  std::int64_t time_ms = 0;
  double sample_count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
  std::vector<std::pair<double, double>> weighted_values;  // (value, count)
  // False for a statistic set whose values cannot be recovered (count > 1 and min != max):
  // CloudWatch gives no percentiles over such data.
  bool values_known = true;
  std::string unit = "None";
};

// A sample of one value (Value, or one epoch's metric of a training job).
Sample single_value(std::int64_t time_ms, double value, std::string unit = "None");

}  // namespace emulator::cloudwatch
