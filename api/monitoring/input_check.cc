#include "api/monitoring/input_check.h"

#include <cmath>
#include <cstdint>

#include "api/service_model/timestamp.h"

namespace api::monitoring {
namespace {

using service_model::Shape;
using service_model::ShapeType;

std::optional<Failure> check_value(const Shape& shape, const nlohmann::json& value, const std::string& path);

// The value as the caller sent it, for messages: strings bare, anything else as JSON.
std::string shown(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string number_text(double n) {
  const auto whole = static_cast<long long>(n);
  return double(whole) == n ? std::to_string(whole) : std::to_string(n);
}

// Epoch seconds from year 0 to 9999: anything further cannot be a CloudWatch time, and would
// overflow the milliseconds the store counts in.
constexpr double kLatestSeconds = 253402300799;

bool is_time(const nlohmann::json& value) {
  const auto seconds = service_model::parse_timestamp(value);
  return seconds && *seconds >= -kLatestSeconds && *seconds <= kLatestSeconds;
}

bool fits(const nlohmann::json& value, std::int64_t lowest, std::int64_t highest) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= std::uint64_t(highest);
  return value.is_number_integer() && value.get<std::int64_t>() >= lowest && value.get<std::int64_t>() <= highest;
}

bool has_type(const Shape& shape, const nlohmann::json& value) {
  switch (shape.type) {
    case ShapeType::kStructure: return value.is_object();
    case ShapeType::kList: return value.is_array();
    case ShapeType::kMap: return value.is_object();
    case ShapeType::kString: return value.is_string();
    case ShapeType::kInteger: return fits(value, INT32_MIN, INT32_MAX);  // 32 bits, as the model means it
    case ShapeType::kLong: return fits(value, INT64_MIN, INT64_MAX);
    case ShapeType::kFloat:
    case ShapeType::kDouble: return value.is_number();
    case ShapeType::kBoolean: return value.is_boolean();
    case ShapeType::kTimestamp: return is_time(value);
    case ShapeType::kBlob: return value.is_string() || value.is_binary();
  }
  return false;
}

std::optional<Failure> check_string(const Shape& shape, const std::string& text, const std::string& path) {
  if (!shape.enum_values.empty()) {
    for (const auto& allowed : shape.enum_values) {
      if (allowed == text) return std::nullopt;
    }
    std::string set;
    for (const auto& allowed : shape.enum_values) set += (set.empty() ? "" : ", ") + allowed;
    return invalid_value("The parameter " + path + " must be a value in the set [ " + set + " ].");
  }
  // Lengths in bytes: CloudWatch's names and values are ASCII.
  if (shape.min && double(text.size()) < *shape.min) {
    return invalid_value("The parameter " + path + " must be longer than " + number_text(*shape.min - 1) +
                         " characters.");
  }
  if (shape.max && double(text.size()) > *shape.max) {
    return invalid_value("The parameter " + path + " must be shorter than " + number_text(*shape.max + 1) +
                         " characters.");
  }
  if (shape.pattern && !shape.pattern->full_match_utf8(text)) {
    return invalid_value("The value " + text + " for parameter " + path + " is invalid.");
  }
  return std::nullopt;
}

std::optional<Failure> check_structure(const Shape& shape, const nlohmann::json& value, const std::string& prefix) {
  for (const auto& member : shape.members) {
    const std::string path = prefix.empty() ? member.name : prefix + "." + member.name;
    const auto it = value.find(member.name);
    if (it == value.end() || it->is_null()) {
      if (member.required) return missing_parameter("The parameter " + path + " is required.");
      continue;
    }
    if (auto failure = check_value(*member.target.shape, *it, path)) return failure;
  }
  return std::nullopt;
}

std::optional<Failure> check_list(const Shape& shape, const nlohmann::json& value, const std::string& path) {
  if (shape.max && double(value.size()) > *shape.max) {
    return invalid_value("The collection " + path + " must not have a size greater than " + number_text(*shape.max) +
                         ".");
  }
  if (shape.min && double(value.size()) < *shape.min) {
    return invalid_value("The collection " + path + " must not have a size less than " + number_text(*shape.min) + ".");
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (auto failure = check_value(*shape.list_member.shape, value[i], path + ".member." + std::to_string(i + 1))) {
      return failure;
    }
  }
  return std::nullopt;
}

std::optional<Failure> check_value(const Shape& shape, const nlohmann::json& value, const std::string& path) {
  if (!has_type(shape, value))
    return invalid_value("The value " + shown(value) + " for parameter " + path + " is invalid.");
  switch (shape.type) {
    case ShapeType::kStructure: return check_structure(shape, value, path);
    case ShapeType::kList: return check_list(shape, value, path);
    case ShapeType::kString: return check_string(shape, value.get<std::string>(), path);
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      const double n = value.get<double>();
      if (shape.min && n < *shape.min) {
        return invalid_value("The parameter " + path + " must be greater than or equal to " + number_text(*shape.min) +
                             ".");
      }
      if (shape.max && n > *shape.max) {
        return invalid_value("The parameter " + path + " must be less than or equal to " + number_text(*shape.max) +
                             ".");
      }
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<Failure> check_input(const service_model::Shape& shape, const nlohmann::json& input) {
  if (!input.is_object()) return invalid_value("The request body must be a structure.");
  return check_structure(shape, input, "");
}

}  // namespace api::monitoring
