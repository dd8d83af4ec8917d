#include "emulator/telemetry/metric_scanner.h"

#include <boost/regex.hpp>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace emulator::telemetry {

struct MetricScanner::Metric {
  std::string name;
  boost::regex regex;
};

namespace {

// The capture as a number: a decimal float, with surrounding spaces and one leading '+'
// allowed (the built-in regexes capture "[-+]?..."). Empty or other text, and values that
// CloudWatch cannot hold (NaN, infinities, beyond double range), give no data point.
std::optional<double> parse_decimal(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == text.npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(' ') - first + 1);
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// What `regex` yields on `line`: its first match's group 1, or the whole match without groups.
std::optional<double> captured_value(const boost::regex& regex, const std::string& line) {
  boost::smatch match;
  try {
    if (!boost::regex_search(line, match, regex)) return std::nullopt;
  } catch (const std::runtime_error&) {
    // Boost gives up on a search that backtracks without bound instead of hanging; the line
    // then yields nothing for this metric, as a timed-out match would.
    return std::nullopt;
  }
  const auto& capture = match.size() > 1 ? match[1] : match[0];
  if (!capture.matched) return std::nullopt;
  return parse_decimal(capture.str());
}

}  // namespace

std::string escape_like_cloudwatch(std::string_view line) {
  std::string escaped;
  escaped.reserve(line.size());
  for (const char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) {
      escaped += c;
      continue;
    }
    escaped += '#';
    escaped += static_cast<char>('0' + (byte >> 6));
    escaped += static_cast<char>('0' + ((byte >> 3) & 7));
    escaped += static_cast<char>('0' + (byte & 7));
  }
  return escaped;
}

capacity_model::Result<MetricScanner, std::string> MetricScanner::make(
    const std::vector<MetricDefinition>& definitions) {
  std::vector<Metric> metrics;
  metrics.reserve(definitions.size());
  for (const MetricDefinition& definition : definitions) {
    try {
      metrics.push_back(Metric{definition.name, boost::regex(definition.regex, boost::regex::perl)});
    } catch (const boost::regex_error& error) {
      return "MetricDefinitions: the Regex of metric '" + definition.name + "' does not compile: " + error.what();
    }
  }
  return MetricScanner(std::move(metrics));
}

MetricScanner::MetricScanner(std::vector<Metric> metrics) : metrics_(std::move(metrics)) {}
MetricScanner::MetricScanner(MetricScanner&&) noexcept = default;
MetricScanner& MetricScanner::operator=(MetricScanner&&) noexcept = default;
MetricScanner::~MetricScanner() = default;

std::vector<MetricDataPoint> MetricScanner::scan(std::string_view raw_line) const {
  // Escaping never shortens text, so escaping the first kMaxScannedLineBytes is enough.
  std::string line = escape_like_cloudwatch(raw_line.substr(0, kMaxScannedLineBytes));
  if (line.size() > kMaxScannedLineBytes) line.resize(kMaxScannedLineBytes);
  std::vector<MetricDataPoint> points;
  for (const Metric& metric : metrics_) {
    const std::optional<double> value = captured_value(metric.regex, line);
    if (!value) continue;
    points.push_back(MetricDataPoint{metric.name, *value});
  }
  return points;
}

}  // namespace emulator::telemetry
