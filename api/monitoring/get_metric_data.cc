#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <vector>

#include "api/monitoring/operations.h"
#include "api/monitoring/request_values.h"
#include "emulator/cloudwatch/aggregation.h"

namespace api::monitoring {
namespace {

namespace cw = emulator::cloudwatch;

constexpr std::size_t kMaxQueries = 500;
constexpr std::int64_t kDefaultMaxDatapoints = 100'800;

bool is_id(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_stat(const std::string& stat) { return cw::parse_statistic(stat) || cw::parse_percentile(stat); }

std::optional<Failure> check_metric_stat(const nlohmann::json& stat, const std::string& path) {
  const auto& metric = stat["Metric"];
  if (!metric.contains("Namespace"))
    return missing_parameter("The parameter " + path + ".Metric.Namespace is required.");
  if (!metric.contains("MetricName")) {
    return missing_parameter("The parameter " + path + ".Metric.MetricName is required.");
  }
  const auto name = stat["Stat"].get<std::string>();
  if (!is_stat(name)) {
    return validation_error("The value " + name + " for parameter " + path + ".Stat is not a valid statistic.");
  }
  return check_period(stat["Period"].get<std::int64_t>(), path + ".Period");
}

std::optional<Failure> check_query(const nlohmann::json& query, const std::string& path, std::set<std::string>& ids) {
  const auto id = query["Id"].get<std::string>();
  if (!is_id(id)) {
    return validation_error("The value " + id + " for parameter " + path +
                            ".Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.");
  }
  if (!ids.insert(id).second)
    return validation_error("The value " + id + " for parameter " + path + ".Id is duplicated.");
  if (query.contains("Expression")) {
    return validation_error("The parameter " + path +
                            ".Expression is not supported by amt-emulator: it answers MetricStat queries only.");
  }
  if (!query.contains("MetricStat")) {
    return validation_error("Exactly one of " + path + ".MetricStat and " + path + ".Expression must be specified.");
  }
  return check_metric_stat(query["MetricStat"], path + ".MetricStat");
}

struct Series {
  std::string id;
  std::string label;
  std::vector<std::pair<std::int64_t, double>> points;  // in ScanBy order
};

Series series_of(const CallContext& call, const nlohmann::json& query, std::int64_t start_ms, std::int64_t end_ms,
                 bool ascending) {
  const auto& stat = query["MetricStat"];
  const auto& metric = stat["Metric"];
  const int period = int(stat["Period"].get<std::int64_t>());
  const auto from_ms = cw::round_start(start_ms, period, call.now_ms);
  auto samples = call.store.samples(call.scope, metric_of(metric), from_ms, end_ms);
  if (stat.contains("Unit")) {
    std::erase_if(samples, [&](const cw::Sample& s) { return s.unit != stat["Unit"].get<std::string>(); });
  }
  const auto name = stat["Stat"].get<std::string>();
  const auto basic = cw::parse_statistic(name);
  Series series{query["Id"], query.value("Label", metric["MetricName"].get<std::string>()), {}};
  for (const auto& p : cw::aggregate(samples, from_ms, period)) {
    const auto value = basic ? std::optional<double>(p.value(*basic)) : p.percentile(*cw::parse_percentile(name));
    if (value) series.points.emplace_back(p.time_ms, *value);
  }
  if (!ascending) std::reverse(series.points.begin(), series.points.end());
  return series;
}

std::optional<std::int64_t> offset_of(const nlohmann::json& input) {
  if (!input.contains("NextToken")) return 0;
  const auto token = input["NextToken"].get<std::string>();
  std::int64_t offset = -1;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), offset);
  if (error != std::errc() || end != token.data() + token.size() || offset < 0) return std::nullopt;
  return offset;
}

}  // namespace

Answer get_metric_data(const CallContext& call, const nlohmann::json& input) {
  const auto& queries = input["MetricDataQueries"];
  if (queries.size() > kMaxQueries) {
    return invalid_value("The collection MetricDataQueries must not have a size greater than " +
                         std::to_string(kMaxQueries) + ".");
  }
  const std::int64_t start_ms = ms_of(input["StartTime"]), end_ms = ms_of(input["EndTime"]);
  if (auto failure = check_time_range(start_ms, end_ms)) return *failure;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (auto failure = check_query(queries[i], "MetricDataQueries.member." + std::to_string(i + 1), ids))
      return *failure;
  }
  const auto offset = offset_of(input);
  if (!offset) return invalid_next_token();
  const auto limit = input.value("MaxDatapoints", kDefaultMaxDatapoints);
  if (limit < 1) return invalid_value("The parameter MaxDatapoints must be greater than 0.");
  const bool ascending = input.value("ScanBy", "TimestampDescending") == "TimestampAscending";

  // Pages cut the results' points, laid end to end in query order, into MaxDatapoints each.
  auto results = nlohmann::json::array();
  std::int64_t position = 0;
  for (const auto& query : queries) {
    if (!query.value("ReturnData", true)) continue;
    const auto series = series_of(call, query, start_ms, end_ms, ascending);
    const auto total = std::int64_t(series.points.size());
    const auto first = std::clamp(*offset - position, std::int64_t(0), total);
    const auto last = std::clamp(*offset + limit - position, std::int64_t(0), total);
    auto timestamps = nlohmann::json::array(), values = nlohmann::json::array();
    for (auto i = first; i < last; ++i) {
      timestamps.push_back(double(series.points[i].first) / 1000.0);
      values.push_back(series.points[i].second);
    }
    results.push_back({{"Id", series.id},
                       {"Label", series.label},
                       {"Timestamps", std::move(timestamps)},
                       {"Values", std::move(values)},
                       {"StatusCode", last < total ? "PartialData" : "Complete"}});
    position += total;
  }
  nlohmann::json out = {{"MetricDataResults", std::move(results)}, {"Messages", nlohmann::json::array()}};
  if (position > *offset + limit) out["NextToken"] = std::to_string(*offset + limit);
  return out;
}

}  // namespace api::monitoring
