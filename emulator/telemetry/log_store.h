#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/telemetry/log_event.h"
#include "emulator/telemetry/logs_error.h"

namespace emulator::telemetry {

struct LogStreamRecord {
  std::int64_t creation_time = 0;
  std::vector<LogEvent> events;  // ascending timestamps; equal ones in the order they came
  std::int64_t last_ingestion_time = 0;
};

struct LogGroupRecord {
  std::int64_t creation_time = 0;
  std::optional<int> retention_in_days;
  std::map<std::string, LogStreamRecord, std::less<>> streams;
};

struct InputLogEvent {
  std::int64_t timestamp = 0;
  std::string message;
};

// The log groups and streams clients made themselves (CreateLogGroup, PutLogEvents …) in one
// account and region. Times are epoch milliseconds handed in.
class LogStore {
 public:
  LogsResult<capacity_model::Done> create_group(std::string_view name, std::int64_t now_ms);
  LogsResult<capacity_model::Done> delete_group(std::string_view name);
  LogsResult<capacity_model::Done> put_retention(std::string_view group, int days);
  LogsResult<capacity_model::Done> create_stream(std::string_view group, std::string_view stream, std::int64_t now_ms);
  LogsResult<capacity_model::Done> delete_stream(std::string_view group, std::string_view stream);
  // Accepts a batch in chronological order spanning at most 24 hours, as PutLogEvents does,
  // and says how many events the stream holds then.
  LogsResult<std::size_t> put_events(std::string_view group, std::string_view stream, std::vector<InputLogEvent> events,
                                     std::int64_t now_ms);

  const LogGroupRecord* find_group(std::string_view name) const;
  const std::map<std::string, LogGroupRecord, std::less<>>& groups() const { return groups_; }

  // The state a snapshot keeps (docs/persistence.md, "Snapshots"): every group, stream and
  // event with its times.
  nlohmann::json save() const;
  // Replaces this store's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit: a retention CloudWatch Logs does
  // not offer, a stream's events out of time order.
  void load(const nlohmann::json& state);

 private:
  LogsResult<LogStreamRecord*> stream(std::string_view group, std::string_view stream);

  std::map<std::string, LogGroupRecord, std::less<>> groups_;
};

inline constexpr std::string_view kNoSuchGroup = "The specified log group does not exist.";
inline constexpr std::string_view kNoSuchStream = "The specified log stream does not exist.";

}  // namespace emulator::telemetry
