#pragma once

#include <cstdint>
#include <string>

namespace emulator::telemetry {

// One event of a log stream; times are epoch milliseconds, as CloudWatch Logs has them.
struct LogEvent {
  std::int64_t timestamp = 0;
  std::int64_t ingestion_time = 0;
  std::string message;
};

}  // namespace emulator::telemetry
