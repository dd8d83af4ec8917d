#pragma once

#include <string>
#include <utility>

#include "capacity_model/result.h"

namespace emulator::telemetry {

// A CloudWatch Logs error: its `__type` as on the wire and its message.
struct LogsError {
  std::string type;
  std::string message;
};

template <typename T>
using LogsResult = capacity_model::Result<T, LogsError>;

inline LogsError resource_not_found(std::string message) { return {"ResourceNotFoundException", std::move(message)}; }
inline LogsError invalid_parameter(std::string message) { return {"InvalidParameterException", std::move(message)}; }

}  // namespace emulator::telemetry
