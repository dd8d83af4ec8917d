#include "api/monitoring/query_input.h"

#include <charconv>
#include <cmath>
#include <string>

#include "api/service_model/timestamp.h"

namespace api::monitoring {
namespace {

using service_model::Shape;
using service_model::ShapeType;
using Decoded = capacity_model::Result<nlohmann::json, Failure>;

Decoded decode_structure(const query::Form& form, const Shape& shape, const std::string& prefix);

Failure not_a(std::string_view text, const std::string& path) {
  return invalid_value("The value " + std::string(text) + " for parameter " + path + " is invalid.");
}

Decoded decode_scalar(std::string_view text, const Shape& shape, const std::string& path) {
  switch (shape.type) {
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      long long n = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (error != std::errc() || end != text.data() + text.size()) return not_a(text, path);
      return nlohmann::json(n);
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      double n = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(n)) return not_a(text, path);
      return nlohmann::json(n);
    }
    case ShapeType::kBoolean:
      if (text == "true" || text == "false") return nlohmann::json(text == "true");
      return not_a(text, path);
    case ShapeType::kTimestamp: {
      const auto seconds = service_model::parse_iso8601(text);
      if (!seconds) return not_a(text, path);
      return nlohmann::json(*seconds);
    }
    default: return nlohmann::json(std::string(text));
  }
}

Decoded decode_list(const query::Form& form, const Shape& shape, const std::string& name, const std::string& path) {
  const Shape& element = *shape.list_member.shape;
  auto out = nlohmann::json::array();
  if (element.type == ShapeType::kStructure) {
    const auto members = form.structures(name);
    for (std::size_t i = 0; i < members.size(); ++i) {
      auto decoded = decode_structure(members[i], element, path + ".member." + std::to_string(i + 1));
      if (!decoded) return decoded;
      out.push_back(std::move(*decoded));
    }
    return out;
  }
  const auto members = form.list(name);
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto decoded = decode_scalar(members[i], element, path + ".member." + std::to_string(i + 1));
    if (!decoded) return decoded;
    out.push_back(std::move(*decoded));
  }
  return out;
}

// Whether the form sends `name` at all: as a scalar, an empty list (`Name=`) or nested fields.
bool sends(const query::Form& form, const std::string& name) {
  return form.value(name).has_value() || !form.nested(name).empty();
}

Decoded decode_structure(const query::Form& form, const Shape& shape, const std::string& prefix) {
  auto out = nlohmann::json::object();
  for (const auto& member : shape.members) {
    const Shape& target = *member.target.shape;
    const std::string path = prefix.empty() ? member.name : prefix + "." + member.name;
    if (!sends(form, member.name)) continue;
    Decoded decoded = nlohmann::json();
    if (target.type == ShapeType::kStructure) {
      decoded = decode_structure(form.nested(member.name), target, path);
    } else if (target.type == ShapeType::kList) {
      decoded = decode_list(form, target, member.name, path);
    } else if (target.type == ShapeType::kMap) {
      continue;  // no served input reaches a map but EntityMetricData's entity, which is not kept
    } else {
      const auto text = form.value(member.name);
      if (!text) continue;  // only nested fields under a scalar's name: nothing of it was sent
      decoded = decode_scalar(*text, target, path);
    }
    if (!decoded) return decoded;
    out[member.name] = std::move(*decoded);
  }
  return out;
}

}  // namespace

capacity_model::Result<nlohmann::json, Failure> decode_query(const query::Form& form, const Shape& input) {
  return decode_structure(form, input, "");
}

}  // namespace api::monitoring
