#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/service_model/service_model.h"
#include "capacity_model/result.h"

namespace api::service_model {

inline constexpr std::string_view kValidationException = "ValidationException";
inline constexpr std::string_view kSerializationException = "SerializationException";
inline constexpr std::string_view kUnknownOperationException = "UnknownOperationException";

struct ValidationFailure {
  std::string code;  // "ValidationException" or "SerializationException" ("UnknownOperationException"
                     // only for an operation the model does not define)
  std::string message;
};

// Checks a parsed request body against the input shape of an operation, the way SageMaker's
// Coral front end does:
//  * a JSON type that does not fit the modelled type → SerializationException naming the member
//    path (the first such problem, in model order);
//  * otherwise every constraint violation (missing required member, length, value range, enum,
//    pattern, map keys/values) → one ValidationException "N validation error(s) detected: ...".
// Unknown members are ignored; a JSON null counts as an absent member. Stateless and immutable:
// safe to share between threads.
class RequestValidator {
 public:
  explicit RequestValidator(const ServiceModel& model);

  // `input` is the whole request body; it must be a JSON object.
  capacity_model::Status<ValidationFailure> validate(std::string_view operation, const nlohmann::json& input) const;

  // The same checks against any shape, e.g. an operation's output shape in conformance tests.
  capacity_model::Status<ValidationFailure> validate_shape(const Shape& shape, const nlohmann::json& value) const;

 private:
  ServiceModel model_;  // shares the model's immutable data
};

}  // namespace api::service_model
