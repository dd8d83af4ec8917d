#include "api/sagemaker/codec/json_fields.h"

#include <cstdio>
#include <ctime>

namespace api::sagemaker::codec {

std::optional<double> optional_timestamp(const Json& object, std::string_view name) {
  const Json* value = member(object, name);
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (!value->is_string()) return std::nullopt;
  const auto text = value->get<std::string>();
  std::tm tm{};
  double seconds = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &seconds, &consumed) < 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec = 0;
  double offset = 0;
  const std::string_view zone = std::string_view(text).substr(consumed);
  int zone_hours = 0, zone_minutes = 0;
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-') &&
      std::sscanf(std::string(zone.substr(1)).c_str(), "%2d:%2d", &zone_hours, &zone_minutes) >= 1) {
    offset = (zone[0] == '+' ? 1 : -1) * (zone_hours * 3600.0 + zone_minutes * 60.0);
  }
  return double(timegm(&tm)) + seconds - offset;
}

std::string splice_members(std::string object_text, std::string_view raw_object) {
  // raw_object is "{...}"; an empty one adds nothing.
  const auto open = raw_object.find('{');
  const auto close = raw_object.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open) return object_text;
  const auto inner = raw_object.substr(open + 1, close - open - 1);
  if (inner.find_first_not_of(" \t\r\n") == std::string_view::npos) return object_text;
  object_text.pop_back();  // '}'
  if (object_text.size() > 1) object_text += ',';
  object_text.append(inner);
  object_text += '}';
  return object_text;
}

}  // namespace api::sagemaker::codec
