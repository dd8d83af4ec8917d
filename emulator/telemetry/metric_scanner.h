#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"
#include "emulator/model/tuning_request.h"

// How SageMaker reads a job's metrics from its log (§3.7), for every executor: the simulated
// one's planned lines (printed_output.h) and a real process's (api/training's local executor).
namespace emulator::telemetry {

using model::MetricDefinition;

// A value found on one log line.
struct MetricDataPoint {
  std::string name;
  double value;
};

// A log line as CloudWatch stores it, which is the text MetricDefinitions are matched against:
// TAB becomes "#011" and every other control character '#' and three octal digits (rsyslog
// style), so built-in regexes such as XGBoost's can look for "#011validation-rmse:".
std::string escape_like_cloudwatch(std::string_view line);

// MetricDefinitions applied to a job's log lines as SageMaker does (training-contract.md §4.1,
// §4.2): on each line, every definition searches for its first match; capture group 1 (or the
// whole match when the regex has no group) parsed as a decimal number is a data point.
class MetricScanner {
 public:
  // Refuses a regex that does not compile, naming its metric.
  static capacity_model::Result<MetricScanner, std::string> make(const std::vector<MetricDefinition>& definitions);

  MetricScanner(MetricScanner&&) noexcept;
  MetricScanner& operator=(MetricScanner&&) noexcept;
  ~MetricScanner();

  // The data points on `raw_line` (one line of stdout or stderr, without its newline), in
  // definition order.
  std::vector<MetricDataPoint> scan(std::string_view raw_line) const;

 private:
  struct Metric;  // a compiled definition (keeps Boost.Regex out of this header)

  explicit MetricScanner(std::vector<Metric> metrics);

  std::vector<Metric> metrics_;
};

// Work per line is bounded: a longer line is cut to this many bytes (after escaping) before
// any regex sees it, which is also the most a CloudWatch log event can hold.
inline constexpr std::size_t kMaxScannedLineBytes = 256 * 1024;

}  // namespace emulator::telemetry
