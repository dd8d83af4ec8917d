#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace capacity_model {

struct Done {};

// The one error convention of every room (capacity_model, emulator, api): a function that
// can fail returns its value or the error that replaces it, and never throws. True means
// success, as for std::expected. Each room names its own error type (ParseError here,
// emulator::Error with an AWS code, a message in api/); this template lives in the bottom
// room only so that every room can use it.
template <typename T, typename E>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, E>, "a value and an error of the same type cannot be told apart");

 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  E& error() { return std::get<1>(state_); }
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

// For what succeeds with no value: return Done{} or the error.
template <typename E>
using Status = Result<Done, E>;

}  // namespace capacity_model
