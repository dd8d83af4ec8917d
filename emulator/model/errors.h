#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "capacity_model/result.h"

namespace emulator {

// Codes are spelled exactly as the AWS `__type` on the wire, so api/ never translates.
enum class ErrorCode {
  ValidationException,
  ResourceNotFound,
  ResourceInUse,
  ResourceLimitExceeded,
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

inline Error validation_error(std::string message) {
  return {ErrorCode::ValidationException, std::move(message)};
}

// The error convention of every room (capacity_model/result.h), with the AWS error.
template <typename T>
using Result = capacity_model::Result<T, Error>;
using Status = capacity_model::Status<Error>;
using capacity_model::Done;

}  // namespace emulator
