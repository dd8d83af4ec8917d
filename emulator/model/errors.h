#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

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

// A value or the AWS error that replaces it. Errors are returned, never thrown.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Done {};
using Status = Result<Done>;
inline Status ok_status() { return Done{}; }

}  // namespace emulator
