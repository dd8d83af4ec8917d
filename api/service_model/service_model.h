#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/service_model/pattern.h"
#include "capacity_model/result.h"

namespace api::service_model {

// A botocore-format service model (service-2.json), compiled once into an immutable form.
// Everything is public and read-only so that validators and conformance tests can walk input
// and output shapes alike.

enum class ShapeType { kStructure, kList, kMap, kString, kInteger, kLong, kFloat, kDouble, kBoolean, kTimestamp, kBlob };

std::string_view to_string(ShapeType type);

struct Shape;

// A reference to a shape from a structure member, a list element or a map key/value.
struct ShapeRef {
  std::string shape_name;
  const Shape* shape = nullptr;  // resolved at load time, never null in a loaded model
};

struct Member {
  std::string name;       // wire name, e.g. "HyperParameterTuningJobName"
  std::string path_name;  // as in validation messages, first letter lowered: "hyperParameterTuningJobName"
  ShapeRef target;
  bool required = false;
  bool deprecated = false;
  bool idempotency_token = false;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kStructure;

  std::vector<Member> members;  // structure: in model (file) order
  ShapeRef list_member;         // list
  ShapeRef map_key;             // map
  ShapeRef map_value;           // map

  // `min`/`max`: length for strings (code points), lists (items) and maps (entries); value for
  // integer, long, float and double.
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> enum_values;  // model order; empty when not an enum
  std::optional<Pattern> pattern;        // compiled Java regex, applied as a full match
  bool exception = false;                // an error shape
  bool sensitive = false;

  const Member* member(std::string_view name) const;
  bool is_number() const;
};

struct Operation {
  std::string name;
  std::string http_method;
  std::string request_uri;
  std::optional<ShapeRef> input;
  std::optional<ShapeRef> output;
  std::vector<std::string> errors;  // declared error shape names, model order
};

struct Metadata {
  std::string api_version;
  std::string endpoint_prefix;
  std::string json_version;
  std::string protocol;
  std::string service_id;
  std::string signing_name;
  std::string target_prefix;  // X-Amz-Target is "<target_prefix>.<operation>"
  std::string uid;
};

class ServiceModel {
 public:
  using ShapeMap = std::map<std::string, Shape, std::less<>>;
  using OperationMap = std::map<std::string, Operation, std::less<>>;

  // Parses and compiles a service-2 JSON document; returns an error text for malformed JSON,
  // dangling shape references, unknown shape types or patterns that cannot be compiled.
  static capacity_model::Result<ServiceModel, std::string> load(std::string_view model_json);

  bool has_operation(std::string_view name) const;
  const Operation* operation(std::string_view name) const;  // null when unknown
  const Shape* shape(std::string_view name) const;          // null when unknown

  const Metadata& metadata() const;
  const OperationMap& operations() const;
  const ShapeMap& shapes() const;

 private:
  struct Data;
  explicit ServiceModel(std::shared_ptr<const Data> data);

  std::shared_ptr<const Data> data_;  // immutable; copies share it, so Shape pointers stay valid
};

// The SageMaker subset (fixtures/service_model/sagemaker-2017-07-24.json) embedded in the
// library, loaded on first use. Throws std::runtime_error if the embedded text does not load
// (a build defect, covered by the unit tests).
const ServiceModel& sagemaker_model();
// The CloudWatch Logs subset (fixtures/service_model/logs-2014-03-28.json), likewise.
const ServiceModel& logs_model();

}  // namespace api::service_model
