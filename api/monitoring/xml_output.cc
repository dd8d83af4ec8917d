#include "api/monitoring/xml_output.h"

#include <charconv>

#include "api/monitoring/wire_time.h"
#include "api/query/xml_writer.h"

namespace api::monitoring {
namespace {

using service_model::Shape;
using service_model::ShapeType;

void write(query::XmlWriter& xml, const std::string& name, const Shape& shape, const nlohmann::json& value);

std::string scalar_text(const Shape& shape, const nlohmann::json& value) {
  if (shape.type == ShapeType::kTimestamp) return iso8601(value.get<double>());
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value.get<double>());
  return std::string(text, end);
}

void write_members(query::XmlWriter& xml, const Shape& shape, const nlohmann::json& value) {
  for (const auto& member : shape.members) {
    const auto it = value.find(member.name);
    if (it != value.end() && !it->is_null()) write(xml, member.name, *member.target.shape, *it);
  }
}

void write(query::XmlWriter& xml, const std::string& name, const Shape& shape, const nlohmann::json& value) {
  switch (shape.type) {
    case ShapeType::kStructure:
      xml.open(name);
      write_members(xml, shape, value);
      xml.close();
      return;
    case ShapeType::kList:
      xml.open(name);
      for (const auto& item : value) write(xml, "member", *shape.list_member.shape, item);
      xml.close();
      return;
    case ShapeType::kMap:
      xml.open(name);
      for (auto it = value.begin(); it != value.end(); ++it) {
        xml.open("entry").leaf("key", it.key());
        write(xml, "value", *shape.map_value.shape, it.value());
        xml.close();
      }
      xml.close();
      return;
    default: xml.leaf(name, scalar_text(shape, value));
  }
}

}  // namespace

std::string encode_xml(const nlohmann::json& output, const service_model::Shape& shape) {
  query::XmlWriter xml;
  write_members(xml, shape, output);
  return std::move(xml).finish();
}

}  // namespace api::monitoring
