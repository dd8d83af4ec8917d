#include "api/monitoring/failure.h"

namespace api::monitoring {

Failure invalid_value(std::string message) { return {"InvalidParameterValue", std::move(message)}; }
Failure missing_parameter(std::string message) { return {"MissingParameter", std::move(message)}; }
Failure invalid_combination(std::string message) { return {"InvalidParameterCombination", std::move(message)}; }
Failure validation_error(std::string message) { return {"ValidationError", std::move(message)}; }
Failure invalid_next_token() {
  return {"InvalidNextToken", "The service couldn't process the request because NextToken is invalid."};
}

ErrorWire wire_of(std::string_view code) {
  struct Row {
    std::string_view code;
    std::string_view shape;
    int status;
  };
  static constexpr Row kModelled[] = {
      {"InvalidParameterValue", "InvalidParameterValueException", 400},
      {"MissingParameter", "MissingRequiredParameterException", 400},
      {"InvalidParameterCombination", "InvalidParameterCombinationException", 400},
      {"InvalidNextToken", "InvalidNextToken", 400},
      {"InternalServiceError", "InternalServiceFault", 500},
  };
  for (const auto& row : kModelled) {
    if (row.code == code) return {std::string(row.shape), row.status};
  }
  return {std::string(code), 400};
}

}  // namespace api::monitoring
