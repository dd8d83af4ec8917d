#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/scope.h"
#include "emulator/queries.h"
#include "emulator/telemetry/event_paging.h"
#include "emulator/telemetry/log_store.h"

namespace emulator {

class World;
struct TrainingLogGroup;

struct LogGroupView {
  std::string name;
  std::int64_t creation_time = 0;
  std::optional<int> retention_in_days;
};

struct LogStreamView {
  std::string name;
  std::int64_t creation_time = 0;
  std::optional<std::int64_t> first_event_timestamp;
  std::optional<std::int64_t> last_event_timestamp;
  std::optional<std::int64_t> last_ingestion_time;
};

struct DescribeLogGroupsQuery {
  std::optional<std::string> name_prefix;
  int limit = 50;
  std::optional<std::string> next_token;
};

struct DescribeLogStreamsQuery {
  std::string group;
  std::optional<std::string> name_prefix;
  bool by_last_event_time = false;
  bool descending = false;
  int limit = 50;
  std::optional<std::string> next_token;
};

struct FilterLogEventsQuery {
  std::string group;
  std::vector<std::string> stream_names;
  std::optional<std::string> stream_name_prefix;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  std::string filter_pattern;
  int limit = 10'000;
  std::optional<std::string> next_token;
};

struct FilteredLogEvent {
  std::string stream;
  std::string event_id;
  telemetry::LogEvent event;
};

// The façade api/logs calls: CloudWatch Logs over the log groups clients made and the log
// group /aws/sagemaker/TrainingJobs, whose streams are the training jobs' output
// (emulator/telemetry/printed_output.h). Times are epoch milliseconds.
class CloudWatchLogsService {
 public:
  explicit CloudWatchLogsService(World& world) : world_(world) {}

  telemetry::LogsResult<capacity_model::Done> create_log_group(const model::Scope& scope, std::string_view name);
  telemetry::LogsResult<capacity_model::Done> delete_log_group(const model::Scope& scope, std::string_view name);
  telemetry::LogsResult<capacity_model::Done> put_retention_policy(const model::Scope& scope, std::string_view group,
                                                                   int days);
  telemetry::LogsResult<Page<LogGroupView>> describe_log_groups(const model::Scope& scope,
                                                                const DescribeLogGroupsQuery& query);
  telemetry::LogsResult<capacity_model::Done> create_log_stream(const model::Scope& scope, std::string_view group,
                                                                std::string_view stream);
  telemetry::LogsResult<capacity_model::Done> delete_log_stream(const model::Scope& scope, std::string_view group,
                                                                std::string_view stream);
  telemetry::LogsResult<Page<LogStreamView>> describe_log_streams(const model::Scope& scope,
                                                                  const DescribeLogStreamsQuery& query);
  // How many events the stream holds after the batch.
  telemetry::LogsResult<std::size_t> put_log_events(const model::Scope& scope, std::string_view group,
                                                    std::string_view stream,
                                                    std::vector<telemetry::InputLogEvent> events);
  telemetry::LogsResult<telemetry::EventsPage> get_log_events(const model::Scope& scope, std::string_view group,
                                                              std::string_view stream,
                                                              const telemetry::EventsQuery& query);
  telemetry::LogsResult<Page<FilteredLogEvent>> filter_log_events(const model::Scope& scope,
                                                                  const FilterLogEventsQuery& query);

 private:
  std::int64_t now_ms() const;
  std::optional<TrainingLogGroup> training_group(const model::Scope& scope);
  bool group_exists(const model::Scope& scope, std::string_view group);
  // Every stream of a group (the training jobs' and the clients'), by name; nullopt when the
  // group does not exist.
  std::optional<std::vector<LogStreamView>> streams_of(const model::Scope& scope, std::string_view group,
                                                       std::string_view prefix);
  std::optional<std::vector<telemetry::LogEvent>> events_of(const model::Scope& scope, std::string_view group,
                                                            std::string_view stream);

  World& world_;
};

}  // namespace emulator
