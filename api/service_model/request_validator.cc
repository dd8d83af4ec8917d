#include "api/service_model/request_validator.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "api/service_model/timestamp.h"

namespace api::service_model {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxRenderedTypeValue = 100;  // SerializationException messages only

std::string compact(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Strings raw, everything else as compact JSON (numbers: 0, 1.5; lists/maps: [..] / {..}).
std::string render(const json& value) {
  return value.is_string() ? value.get_ref<const std::string&>() : compact(value);
}

std::string format_bound(double bound) {
  if (std::floor(bound) == bound && std::fabs(bound) < 9e15) return std::to_string(static_cast<std::int64_t>(bound));
  return json(bound).dump();
}

std::string join_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

bool is_scalar(const Shape& shape) {
  return shape.type != ShapeType::kStructure && shape.type != ShapeType::kList && shape.type != ShapeType::kMap;
}

std::string describe(const json& value) {
  std::string text = compact(value);
  if (text.size() > kMaxRenderedTypeValue) {
    // Cut before a UTF-8 continuation byte, never inside a character.
    std::size_t cut = kMaxRenderedTypeValue;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  switch (value.type()) {
    case json::value_t::object: return "an object " + text;
    case json::value_t::array: return "an array " + text;
    case json::value_t::string: return "a string " + text;
    case json::value_t::boolean: return "a boolean " + text;
    case json::value_t::number_float: return "a number " + text;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer " + text;
    default: return text;
  }
}

// Does `value` fit a 32-bit (integer) or 64-bit (long) integer? Integral floats (4.0) do.
capacity_model::Status<std::string> integer_mismatch(const json& value, bool is_long) {
  const char* expected = is_long ? "expected a 64-bit integer, got " : "expected a 32-bit integer, got ";
  const double lo = is_long ? -9223372036854775808.0 : std::numeric_limits<std::int32_t>::min();
  const double hi = is_long ? 9223372036854775807.0 : std::numeric_limits<std::int32_t>::max();
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (is_long ? v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                : v > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
      return expected + std::string("an out-of-range ") + describe(value).substr(3);
    return capacity_model::Done{};
  }
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    if (!is_long && (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()))
      return expected + std::string("an out-of-range ") + describe(value).substr(3);
    return capacity_model::Done{};
  }
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (!std::isfinite(v) || std::floor(v) != v) return expected + std::string("a number with a fraction ") + compact(value);
    if (v < lo || v >= hi + 1.0) return expected + std::string("an out-of-range number ") + compact(value);
    return capacity_model::Done{};
  }
  return expected + describe(value);
}

// "expected ..., got ..." when the JSON type of `value` cannot be read as `shape`.
capacity_model::Status<std::string> type_mismatch(const Shape& shape, const json& value) {
  auto fits = [&](bool ok, const char* expected) -> capacity_model::Status<std::string> {
    if (ok) return capacity_model::Done{};
    return std::string("expected ") + expected + ", got " + describe(value);
  };
  switch (shape.type) {
    case ShapeType::kStructure: return fits(value.is_object(), "an object");
    case ShapeType::kMap: return fits(value.is_object(), "an object (map)");
    case ShapeType::kList: return fits(value.is_array(), "an array");
    case ShapeType::kString: return fits(value.is_string(), "a string");
    case ShapeType::kBlob: return fits(value.is_string(), "a base64 string");
    case ShapeType::kBoolean: return fits(value.is_boolean(), "a boolean");
    case ShapeType::kFloat:
    case ShapeType::kDouble: return fits(value.is_number(), "a number");
    case ShapeType::kInteger: return integer_mismatch(value, false);
    case ShapeType::kLong: return integer_mismatch(value, true);
    case ShapeType::kTimestamp:
      return fits(parse_timestamp(value).has_value(), "a timestamp (epoch seconds or an ISO-8601 string)");
  }
  return capacity_model::Done{};
}

std::string pattern_phrase(const Pattern& pattern, bool anchored) {
  const std::string& source = pattern.source();
  const bool add_caret = anchored && (source.empty() || source[0] != '^');
  return "Member must satisfy regular expression pattern: " + std::string(add_caret ? "^" : "") + source;
}

std::string enum_phrase(const Shape& shape) {
  std::string text = "Member must satisfy enum value set: [";
  for (std::size_t i = 0; i < shape.enum_values.size(); ++i) text += (i ? ", " : "") + shape.enum_values[i];
  return text + "]";
}

std::string length_phrase(bool upper, double bound) {
  return std::string("Member must have length ") + (upper ? "less" : "greater") + " than or equal to " +
         format_bound(bound);
}

std::string value_phrase(bool upper, double bound) {
  return std::string("Member must have value ") + (upper ? "less" : "greater") + " than or equal to " +
         format_bound(bound);
}

// The constraints a scalar value breaks, in the order enum, pattern, max, min.
std::vector<std::string> scalar_violations(const Shape& shape, const json& value) {
  std::vector<std::string> out;
  if (shape.type == ShapeType::kString && value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (!shape.enum_values.empty()) {
      bool found = false;
      for (const std::string& e : shape.enum_values) found = found || e == text;
      if (!found) out.push_back(enum_phrase(shape));
    }
    if (shape.pattern && !shape.pattern->full_match_utf8(text)) out.push_back(pattern_phrase(*shape.pattern, true));
    const auto length = static_cast<double>(code_points(text));
    if (shape.max && length > *shape.max) out.push_back(length_phrase(true, *shape.max));
    if (shape.min && length < *shape.min) out.push_back(length_phrase(false, *shape.min));
  } else if (shape.is_number() && value.is_number()) {
    const double v = value.get<double>();
    if (shape.max && v > *shape.max) out.push_back(value_phrase(true, *shape.max));
    if (shape.min && v < *shape.min) out.push_back(value_phrase(false, *shape.min));
  }
  return out;
}

// Every constraint of a scalar shape, as listed inside "Map value must satisfy constraint: [...]":
// max, min, pattern (unanchored, as AWS prints it there), enum.
std::string all_constraints(const Shape& shape) {
  std::vector<std::string> parts;
  const bool number = shape.is_number();
  if (shape.max) parts.push_back(number ? value_phrase(true, *shape.max) : length_phrase(true, *shape.max));
  if (shape.min) parts.push_back(number ? value_phrase(false, *shape.min) : length_phrase(false, *shape.min));
  if (shape.pattern) parts.push_back(pattern_phrase(*shape.pattern, false));
  if (!shape.enum_values.empty()) parts.push_back(enum_phrase(shape));
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
  return "[" + text + "]";
}

class Walker {
 public:
  std::vector<std::string> violations;
  std::string type_error;

  // Returns false after recording the first type mismatch.
  bool walk(const Shape& shape, const json& value, const std::string& path) {
    if (auto fits = type_mismatch(shape, value); !fits) {
      type_error =
          (path.empty() ? std::string("Invalid request body: ") : "Invalid type at '" + path + "': ") + fits.error();
      return false;
    }
    switch (shape.type) {
      case ShapeType::kStructure: return walk_structure(shape, value, path);
      case ShapeType::kList: return walk_list(shape, value, path);
      case ShapeType::kMap: return walk_map(shape, value, path);
      default:
        for (const std::string& phrase : scalar_violations(shape, value)) add(&value, path, phrase);
        return true;
    }
  }

 private:
  void add(const json* value, const std::string& path, const std::string& phrase) {
    violations.push_back("Value " + (value ? "'" + render(*value) + "'" : std::string("null")) + " at '" + path +
                         "' failed to satisfy constraint: " + phrase);
  }

  void check_size(const Shape& shape, const json& value, const std::string& path) {
    const auto size = static_cast<double>(value.size());
    if (shape.max && size > *shape.max) add(&value, path, length_phrase(true, *shape.max));
    if (shape.min && size < *shape.min) add(&value, path, length_phrase(false, *shape.min));
  }

  bool walk_structure(const Shape& shape, const json& value, const std::string& path) {
    for (const Member& member : shape.members) {
      const std::string member_path = join_path(path, member.path_name);
      const auto it = value.find(member.name);
      if (it == value.end() || it->is_null()) {
        if (member.required) add(nullptr, member_path, "Member must not be null");
        continue;
      }
      if (!walk(*member.target.shape, *it, member_path)) return false;
    }
    return true;
  }

  bool walk_list(const Shape& shape, const json& value, const std::string& path) {
    check_size(shape, value, path);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string element_path = path + "." + std::to_string(i + 1) + ".member";
      if (value[i].is_null()) {
        add(nullptr, element_path, "Member must not be null");
      } else if (!walk(*shape.list_member.shape, value[i], element_path)) {
        return false;
      }
    }
    return true;
  }

  bool walk_map(const Shape& shape, const json& value, const std::string& path) {
    const Shape& key_shape = *shape.map_key.shape;
    const Shape& value_shape = *shape.map_value.shape;
    bool bad_key = false;
    bool bad_value = false;
    for (const auto& [key, entry] : value.items()) {
      bad_key = bad_key || !scalar_violations(key_shape, json(key)).empty();
      if (entry.is_null()) continue;
      const std::string entry_path = join_path(path, key);
      if (!is_scalar(value_shape)) {
        if (!walk(value_shape, entry, entry_path)) return false;
        continue;
      }
      if (auto fits = type_mismatch(value_shape, entry); !fits) {
        type_error = "Invalid type at '" + entry_path + "': " + fits.error();
        return false;
      }
      bad_value = bad_value || !scalar_violations(value_shape, entry).empty();
    }
    check_size(shape, value, path);
    if (bad_key) add(&value, path, "Map keys must satisfy constraint: " + all_constraints(key_shape));
    if (bad_value) add(&value, path, "Map value must satisfy constraint: " + all_constraints(value_shape));
    return true;
  }
};

}  // namespace

RequestValidator::RequestValidator(const ServiceModel& model) : model_(model) {}

capacity_model::Status<ValidationFailure> RequestValidator::validate(std::string_view operation,
                                                                     const json& input) const {
  const Operation* op = model_.operation(operation);
  if (op == nullptr) {
    return ValidationFailure{std::string(kUnknownOperationException),
                             "Operation " + std::string(operation) + " is not defined by the service model"};
  }
  if (!input.is_object()) {
    return ValidationFailure{std::string(kSerializationException),
                             "Invalid request body: expected an object, got " + describe(input)};
  }
  if (!op->input) return capacity_model::Done{};
  return validate_shape(*op->input->shape, input);
}

capacity_model::Status<ValidationFailure> RequestValidator::validate_shape(const Shape& shape,
                                                                           const json& value) const {
  Walker walker;
  if (!walker.walk(shape, value, "")) return ValidationFailure{std::string(kSerializationException), walker.type_error};
  if (walker.violations.empty()) return capacity_model::Done{};
  const std::size_t n = walker.violations.size();
  std::string message = std::to_string(n) + (n == 1 ? " validation error detected: " : " validation errors detected: ");
  for (std::size_t i = 0; i < n; ++i) message += (i ? "; " : "") + walker.violations[i];
  return ValidationFailure{std::string(kValidationException), std::move(message)};
}

}  // namespace api::service_model
