#include "api/monitoring/request_values.h"

#include "api/monitoring/wire_time.h"
#include "api/service_model/timestamp.h"

namespace api::monitoring {

std::int64_t ms_of(const nlohmann::json& timestamp) {
  return to_ms(service_model::parse_timestamp(timestamp).value_or(0));
}

emulator::cloudwatch::MetricKey metric_of(const nlohmann::json& holder) {
  std::vector<emulator::cloudwatch::Dimension> dimensions;
  for (const auto& d : holder.value("Dimensions", nlohmann::json::array())) {
    dimensions.push_back({d.value("Name", ""), d.value("Value", "")});
  }
  return emulator::cloudwatch::make_key(holder.value("Namespace", ""), holder.value("MetricName", ""),
                                        std::move(dimensions));
}

nlohmann::json dimensions_json(const std::vector<emulator::cloudwatch::Dimension>& dimensions) {
  auto out = nlohmann::json::array();
  for (const auto& d : dimensions) out.push_back({{"Name", d.name}, {"Value", d.value}});
  return out;
}

std::optional<Failure> check_period(std::int64_t period, const std::string& path) {
  if (period == 1 || period == 5 || period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0)) {
    return std::nullopt;
  }
  return invalid_value("The parameter " + path + " must be 1, 5, 10, 20, 30, or a multiple of 60.");
}

std::optional<Failure> check_time_range(std::int64_t start_ms, std::int64_t end_ms) {
  if (start_ms < end_ms) return std::nullopt;
  return invalid_value("The parameter StartTime must be less than the parameter EndTime.");
}

}  // namespace api::monitoring
