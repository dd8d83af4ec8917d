#include "api/service_model/service_model.h"

#include <cctype>
#include <utility>

#include <nlohmann/json.hpp>

namespace api::service_model {

// ordered_json keeps members in file order, which is the "model order" of validation messages.
using json = nlohmann::ordered_json;

std::string_view to_string(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure: return "structure";
    case ShapeType::kList: return "list";
    case ShapeType::kMap: return "map";
    case ShapeType::kString: return "string";
    case ShapeType::kInteger: return "integer";
    case ShapeType::kLong: return "long";
    case ShapeType::kFloat: return "float";
    case ShapeType::kDouble: return "double";
    case ShapeType::kBoolean: return "boolean";
    case ShapeType::kTimestamp: return "timestamp";
    case ShapeType::kBlob: return "blob";
  }
  return "unknown";
}

const Member* Shape::member(std::string_view member_name) const {
  for (const Member& m : members) {
    if (m.name == member_name) return &m;
  }
  return nullptr;
}

bool Shape::is_number() const {
  return type == ShapeType::kInteger || type == ShapeType::kLong || type == ShapeType::kFloat ||
         type == ShapeType::kDouble;
}

struct ServiceModel::Data {
  Metadata metadata;
  OperationMap operations;
  ShapeMap shapes;
};

namespace {

std::optional<ShapeType> parse_type(std::string_view type) {
  static const std::pair<std::string_view, ShapeType> kTypes[] = {
      {"structure", ShapeType::kStructure}, {"list", ShapeType::kList},       {"map", ShapeType::kMap},
      {"string", ShapeType::kString},       {"integer", ShapeType::kInteger}, {"long", ShapeType::kLong},
      {"float", ShapeType::kFloat},         {"double", ShapeType::kDouble},   {"boolean", ShapeType::kBoolean},
      {"timestamp", ShapeType::kTimestamp}, {"blob", ShapeType::kBlob},
  };
  for (const auto& [name, value] : kTypes) {
    if (name == type) return value;
  }
  return std::nullopt;
}

std::string lower_first(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

std::string string_or_empty(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Reads the shape named in {"shape": "..."}; the pointer is resolved in a second pass.
bool read_ref(const json& object, const char* key, ShapeRef& ref, std::string& error, const std::string& owner) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_object() || !it->contains("shape") || !(*it)["shape"].is_string()) {
    error = owner + ": missing or malformed '" + key + "'";
    return false;
  }
  ref.shape_name = (*it)["shape"].get<std::string>();
  return true;
}

capacity_model::Status<std::string> compile_shape(const std::string& name, const json& spec, Shape& shape) {
  shape.name = name;
  if (!spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) return "shape " + name + ": no type";
  const auto type = parse_type(spec["type"].get<std::string>());
  if (!type) return "shape " + name + ": unknown type " + spec["type"].get<std::string>();
  shape.type = *type;
  if (spec.contains("min") && spec["min"].is_number()) shape.min = spec["min"].get<double>();
  if (spec.contains("max") && spec["max"].is_number()) shape.max = spec["max"].get<double>();
  shape.exception = spec.value("exception", false);
  shape.sensitive = spec.value("sensitive", false);
  if (spec.contains("enum")) {
    for (const json& value : spec["enum"]) {
      if (!value.is_string()) return "shape " + name + ": non-string enum value";
      shape.enum_values.push_back(value.get<std::string>());
    }
  }
  if (spec.contains("pattern")) {
    if (!spec["pattern"].is_string()) return "shape " + name + ": non-string pattern";
    auto compiled = Pattern::compile(spec["pattern"].get<std::string>());
    if (!compiled) return "shape " + name + ": " + compiled.error();
    shape.pattern = std::move(*compiled);
  }
  std::string error;
  switch (shape.type) {
    case ShapeType::kStructure: {
      std::vector<std::string> required;
      if (spec.contains("required")) required = spec["required"].get<std::vector<std::string>>();
      if (spec.contains("members")) {
        for (const auto& [member_name, member_spec] : spec["members"].items()) {
          Member member;
          member.name = member_name;
          member.path_name = lower_first(member_name);
          if (!read_ref(spec["members"], member_name.c_str(), member.target, error, "shape " + name)) return error;
          member.deprecated = member_spec.value("deprecated", false);
          member.idempotency_token = member_spec.value("idempotencyToken", false);
          shape.members.push_back(std::move(member));
        }
      }
      for (const std::string& r : required) {
        bool found = false;
        for (Member& m : shape.members) {
          if (m.name == r) m.required = found = true;
        }
        if (!found) return "shape " + name + ": required member " + r + " is not a member";
      }
      break;
    }
    case ShapeType::kList:
      if (!read_ref(spec, "member", shape.list_member, error, "shape " + name)) return error;
      break;
    case ShapeType::kMap:
      if (!read_ref(spec, "key", shape.map_key, error, "shape " + name)) return error;
      if (!read_ref(spec, "value", shape.map_value, error, "shape " + name)) return error;
      break;
    default:
      break;
  }
  return capacity_model::Done{};
}

bool resolve(ShapeRef& ref, const ServiceModel::ShapeMap& shapes, std::string& error, const std::string& owner) {
  const auto it = shapes.find(ref.shape_name);
  if (it == shapes.end()) {
    error = owner + " refers to undefined shape " + ref.shape_name;
    return false;
  }
  ref.shape = &it->second;
  return true;
}

}  // namespace

ServiceModel::ServiceModel(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

capacity_model::Result<ServiceModel, std::string> ServiceModel::load(std::string_view model_json) {
  json doc = json::parse(model_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::string("service model: not a JSON object");
  if (!doc.contains("shapes") || !doc["shapes"].is_object()) return std::string("service model: no shapes");
  if (!doc.contains("operations") || !doc["operations"].is_object()) return std::string("service model: no operations");

  auto data = std::make_shared<Data>();
  try {
    if (doc.contains("metadata") && doc["metadata"].is_object()) {
      const json& m = doc["metadata"];
      data->metadata = Metadata{string_or_empty(m, "apiVersion"),  string_or_empty(m, "endpointPrefix"),
                                string_or_empty(m, "jsonVersion"), string_or_empty(m, "protocol"),
                                string_or_empty(m, "serviceId"),   string_or_empty(m, "signingName"),
                                string_or_empty(m, "targetPrefix"), string_or_empty(m, "uid")};
    }
    for (const auto& [name, spec] : doc["shapes"].items()) {
      Shape shape;
      if (auto compiled = compile_shape(name, spec, shape); !compiled) return compiled.error();
      data->shapes.emplace(name, std::move(shape));
    }
    std::string error;
    for (auto& [name, shape] : data->shapes) {
      for (Member& m : shape.members) {
        if (!resolve(m.target, data->shapes, error, name + "." + m.name)) return error;
      }
      if (shape.type == ShapeType::kList && !resolve(shape.list_member, data->shapes, error, name)) return error;
      if (shape.type == ShapeType::kMap && (!resolve(shape.map_key, data->shapes, error, name) ||
                                            !resolve(shape.map_value, data->shapes, error, name)))
        return error;
    }
    for (const auto& [name, spec] : doc["operations"].items()) {
      Operation op;
      op.name = name;
      if (spec.contains("http") && spec["http"].is_object()) {
        op.http_method = string_or_empty(spec["http"], "method");
        op.request_uri = string_or_empty(spec["http"], "requestUri");
      }
      for (const char* key : {"input", "output"}) {
        if (!spec.contains(key)) continue;
        ShapeRef ref;
        if (!read_ref(spec, key, ref, error, "operation " + name) ||
            !resolve(ref, data->shapes, error, "operation " + name))
          return error;
        (std::string_view(key) == "input" ? op.input : op.output) = std::move(ref);
      }
      if (spec.contains("errors")) {
        for (const json& e : spec["errors"]) {
          ShapeRef ref;
          if (!e.is_object() || !e.contains("shape") || !e["shape"].is_string())
            return "operation " + name + ": malformed error entry";
          ref.shape_name = e["shape"].get<std::string>();
          if (!resolve(ref, data->shapes, error, "operation " + name)) return error;
          op.errors.push_back(ref.shape_name);
        }
      }
      data->operations.emplace(name, std::move(op));
    }
  } catch (const json::exception& e) {
    return std::string("service model: ") + e.what();
  }
  return ServiceModel(std::move(data));
}

bool ServiceModel::has_operation(std::string_view name) const { return operation(name) != nullptr; }

const Operation* ServiceModel::operation(std::string_view name) const {
  const auto it = data_->operations.find(name);
  return it == data_->operations.end() ? nullptr : &it->second;
}

const Shape* ServiceModel::shape(std::string_view name) const {
  const auto it = data_->shapes.find(name);
  return it == data_->shapes.end() ? nullptr : &it->second;
}

const Metadata& ServiceModel::metadata() const { return data_->metadata; }
const ServiceModel::OperationMap& ServiceModel::operations() const { return data_->operations; }
const ServiceModel::ShapeMap& ServiceModel::shapes() const { return data_->shapes; }

}  // namespace api::service_model
