#include <string>

#include "api/monitoring/operations.h"
#include "api/monitoring/request_values.h"
#include "emulator/cloudwatch/aggregation.h"

namespace api::monitoring {
namespace {

namespace cw = emulator::cloudwatch;

constexpr std::int64_t kMaxDatapoints = 1440;

std::optional<Failure> check_statistics(const nlohmann::json& input) {
  const bool basic = input.contains("Statistics"), extended = input.contains("ExtendedStatistics");
  if (!basic && !extended) return invalid_combination("Must specify either Statistics or ExtendedStatistics.");
  if (basic && extended) {
    return invalid_combination("The parameters Statistics and ExtendedStatistics are mutually exclusive.");
  }
  const auto& percentiles = input.value("ExtendedStatistics", nlohmann::json::array());
  for (std::size_t i = 0; i < percentiles.size(); ++i) {
    const auto name = percentiles[i].get<std::string>();
    if (!cw::parse_percentile(name)) {
      return invalid_value("The value " + name + " for parameter ExtendedStatistics.member." + std::to_string(i + 1) +
                           " is not a valid percentile statistic.");
    }
  }
  return std::nullopt;
}

nlohmann::json datapoint(const cw::Aggregate& period, const nlohmann::json& input) {
  nlohmann::json point = {{"Timestamp", double(period.time_ms) / 1000.0}, {"Unit", period.unit}};
  for (const auto& name : input.value("Statistics", nlohmann::json::array())) {
    point[name.get<std::string>()] = period.value(*cw::parse_statistic(name.get<std::string>()));
  }
  auto extended = nlohmann::json::object();
  for (const auto& name : input.value("ExtendedStatistics", nlohmann::json::array())) {
    if (auto value = period.percentile(*cw::parse_percentile(name.get<std::string>()))) {
      extended[name.get<std::string>()] = *value;
    }
  }
  if (!extended.empty()) point["ExtendedStatistics"] = std::move(extended);
  return point;
}

}  // namespace

Answer get_metric_statistics(const CallContext& call, const nlohmann::json& input) {
  const std::int64_t start_ms = ms_of(input["StartTime"]), end_ms = ms_of(input["EndTime"]);
  const auto period = input["Period"].get<std::int64_t>();
  if (auto failure = check_time_range(start_ms, end_ms)) return *failure;
  if (auto failure = check_period(period, "Period")) return *failure;
  if (auto failure = check_statistics(input)) return *failure;
  const auto from_ms = cw::round_start(start_ms, int(period), call.now_ms);
  const auto requested = cw::periods_in(from_ms, end_ms, int(period));
  if (requested > kMaxDatapoints) {
    return invalid_combination("You have requested up to " + std::to_string(requested) +
                               " datapoints, which exceeds the limit of " + std::to_string(kMaxDatapoints) +
                               ". You may reduce the datapoints requested by increasing Period, or decreasing the "
                               "time range.");
  }
  auto samples = call.store.samples(call.scope, metric_of(input), from_ms, end_ms);
  if (input.contains("Unit")) {
    const auto unit = input["Unit"].get<std::string>();
    std::erase_if(samples, [&](const cw::Sample& s) { return s.unit != unit; });
  }
  auto datapoints = nlohmann::json::array();
  for (const auto& p : cw::aggregate(samples, from_ms, int(period))) datapoints.push_back(datapoint(p, input));
  return nlohmann::json{{"Label", input["MetricName"]}, {"Datapoints", std::move(datapoints)}};
}

}  // namespace api::monitoring
