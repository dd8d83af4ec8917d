#pragma once

#include <string>
#include <string_view>

namespace api::monitoring {

// A CloudWatch error, named by its query code: the code every protocol shows the caller
// (wire-protocols.md §4.1). The JSON and CBOR framings also carry the model's shape name.
struct Failure {
  std::string code;
  std::string message;
};

Failure invalid_value(std::string message);        // InvalidParameterValue
Failure missing_parameter(std::string message);    // MissingParameter
Failure invalid_combination(std::string message);  // InvalidParameterCombination
Failure validation_error(std::string message);     // ValidationError (not modelled: a plain ClientError)
Failure invalid_next_token();                      // InvalidNextToken: not a token this service gave out

// How a code travels in AWS JSON and CBOR: the error shape's name for __type, and the status.
struct ErrorWire {
  std::string shape;
  int status = 400;
};
ErrorWire wire_of(std::string_view code);

}  // namespace api::monitoring
