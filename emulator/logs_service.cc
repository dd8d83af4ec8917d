#include "emulator/logs_service.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "emulator/telemetry/filter_pattern.h"
#include "emulator/telemetry/printed_output.h"
#include "emulator/training_log_streams.h"
#include "emulator/world.h"

namespace emulator {
namespace {

using capacity_model::Done;
using telemetry::invalid_parameter;
using telemetry::LogsError;
using telemetry::resource_not_found;

// List tokens are offsets into the sorted answer, tagged by the list they belong to.
std::string offset_token(char list, std::size_t offset) { return std::string(1, list) + "/" + std::to_string(offset); }

telemetry::LogsResult<std::size_t> offset_of(char list, const std::optional<std::string>& token) {
  if (!token) return std::size_t{0};
  std::size_t offset = 0;
  const auto& text = *token;
  const auto [end, ec] = text.size() > 2 ? std::from_chars(text.data() + 2, text.data() + text.size(), offset)
                                         : std::from_chars_result{text.data(), std::errc::invalid_argument};
  if (text.size() < 3 || text[0] != list || text[1] != '/' || ec != std::errc() || end != text.data() + text.size()) {
    return invalid_parameter("The specified nextToken is invalid.");
  }
  return offset;
}

template <typename T>
Page<T> page_of(std::vector<T> items, char list, std::size_t offset, std::size_t limit) {
  Page<T> page;
  const auto begin = std::min(offset, items.size());
  const auto end = std::min(items.size(), begin + limit);
  page.items.assign(std::make_move_iterator(items.begin() + std::ptrdiff_t(begin)),
                    std::make_move_iterator(items.begin() + std::ptrdiff_t(end)));
  if (end < items.size()) page.next_token = offset_token(list, end);
  return page;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

const std::string kTrainingGroup(telemetry::kTrainingLogGroup);

}  // namespace

std::int64_t CloudWatchLogsService::now_ms() const { return world_.epoch_ms() + world_.simulator().now().count(); }

std::optional<TrainingLogGroup> CloudWatchLogsService::training_group(const model::Scope& scope) {
  const auto& all = world_.stores().all();
  const auto it = all.find(scope);
  if (it == all.end()) return std::nullopt;
  return TrainingLogGroup{it->second, world_.simulator().now(), world_.epoch_ms()};
}

bool CloudWatchLogsService::group_exists(const model::Scope& scope, std::string_view group) {
  if (world_.log_store(scope).find_group(group) != nullptr) return true;
  const auto training = group == kTrainingGroup ? training_group(scope) : std::nullopt;
  return training && training->exists();
}

telemetry::LogsResult<Done> CloudWatchLogsService::create_log_group(const model::Scope& scope, std::string_view name) {
  if (group_exists(scope, name)) {
    return LogsError{"ResourceAlreadyExistsException", "The specified log group already exists"};
  }
  return world_.log_store(scope).create_group(name, now_ms());
}

telemetry::LogsResult<Done> CloudWatchLogsService::delete_log_group(const model::Scope& scope, std::string_view name) {
  if (name == kTrainingGroup && group_exists(scope, name) && world_.log_store(scope).find_group(name) == nullptr) {
    return invalid_parameter("amt-emulator keeps /aws/sagemaker/TrainingJobs while it holds training jobs' output.");
  }
  return world_.log_store(scope).delete_group(name);
}

telemetry::LogsResult<Done> CloudWatchLogsService::put_retention_policy(const model::Scope& scope,
                                                                        std::string_view group, int days) {
  return world_.log_store(scope).put_retention(group, days);
}

telemetry::LogsResult<Page<LogGroupView>> CloudWatchLogsService::describe_log_groups(
    const model::Scope& scope, const DescribeLogGroupsQuery& query) {
  const auto offset = offset_of('g', query.next_token);
  if (!offset) return offset.error();
  const auto prefix = query.name_prefix.value_or("");
  std::vector<LogGroupView> groups;
  for (const auto& [name, group] : world_.log_store(scope).groups()) {
    if (starts_with(name, prefix)) groups.push_back({name, group.creation_time, group.retention_in_days});
  }
  if (const auto training = training_group(scope); training && starts_with(kTrainingGroup, prefix)) {
    if (const auto created = training->creation_time()) {
      const auto mine =
          std::find_if(groups.begin(), groups.end(), [](const auto& g) { return g.name == kTrainingGroup; });
      if (mine == groups.end())
        groups.push_back({kTrainingGroup, *created, std::nullopt});
      else
        mine->creation_time = std::min(mine->creation_time, *created);
    }
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return page_of(std::move(groups), 'g', *offset, std::size_t(query.limit));
}

telemetry::LogsResult<Done> CloudWatchLogsService::create_log_stream(const model::Scope& scope, std::string_view group,
                                                                     std::string_view stream) {
  return world_.log_store(scope).create_stream(group, stream, now_ms());
}

telemetry::LogsResult<Done> CloudWatchLogsService::delete_log_stream(const model::Scope& scope, std::string_view group,
                                                                     std::string_view stream) {
  return world_.log_store(scope).delete_stream(group, stream);
}

std::optional<std::vector<LogStreamView>> CloudWatchLogsService::streams_of(const model::Scope& scope,
                                                                            std::string_view group,
                                                                            std::string_view prefix) {
  if (!group_exists(scope, group)) return std::nullopt;
  std::vector<LogStreamView> streams;
  if (group == kTrainingGroup) {
    if (const auto training = training_group(scope)) streams = training->streams(prefix);
  }
  if (const auto* mine = world_.log_store(scope).find_group(group)) {
    for (const auto& [name, stream] : mine->streams) {
      if (!starts_with(name, prefix)) continue;
      LogStreamView view{name, stream.creation_time, {}, {}, {}};
      if (!stream.events.empty()) {
        view.first_event_timestamp = stream.events.front().timestamp;
        view.last_event_timestamp = stream.events.back().timestamp;
        view.last_ingestion_time = stream.last_ingestion_time;
      }
      streams.push_back(std::move(view));
    }
    std::sort(streams.begin(), streams.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  }
  return streams;
}

std::optional<std::vector<telemetry::LogEvent>> CloudWatchLogsService::events_of(const model::Scope& scope,
                                                                                 std::string_view group,
                                                                                 std::string_view stream) {
  if (const auto* mine = world_.log_store(scope).find_group(group)) {
    if (const auto it = mine->streams.find(stream); it != mine->streams.end()) return it->second.events;
  }
  if (group != kTrainingGroup) return std::nullopt;
  const auto training = training_group(scope);
  return training ? training->events(stream) : std::nullopt;
}

telemetry::LogsResult<Page<LogStreamView>> CloudWatchLogsService::describe_log_streams(
    const model::Scope& scope, const DescribeLogStreamsQuery& query) {
  if (query.by_last_event_time && query.name_prefix) {
    return invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  const auto offset = offset_of('s', query.next_token);
  if (!offset) return offset.error();
  auto streams = streams_of(scope, query.group, query.name_prefix.value_or(""));
  if (!streams) return resource_not_found(std::string(telemetry::kNoSuchGroup));
  if (query.by_last_event_time) {
    std::stable_sort(streams->begin(), streams->end(), [](const auto& a, const auto& b) {
      return a.last_event_timestamp.value_or(0) < b.last_event_timestamp.value_or(0);
    });
  }
  if (query.descending) std::reverse(streams->begin(), streams->end());
  return page_of(std::move(*streams), 's', *offset, std::size_t(query.limit));
}

telemetry::LogsResult<std::size_t> CloudWatchLogsService::put_log_events(const model::Scope& scope,
                                                                         std::string_view group,
                                                                         std::string_view stream,
                                                                         std::vector<telemetry::InputLogEvent> events) {
  return world_.log_store(scope).put_events(group, stream, std::move(events), now_ms());
}

telemetry::LogsResult<telemetry::EventsPage> CloudWatchLogsService::get_log_events(
    const model::Scope& scope, std::string_view group, std::string_view stream, const telemetry::EventsQuery& query) {
  const auto events = events_of(scope, group, stream);
  if (!events) {
    return resource_not_found(
        std::string(group_exists(scope, group) ? telemetry::kNoSuchStream : telemetry::kNoSuchGroup));
  }
  return telemetry::page_events(*events, query);
}

telemetry::LogsResult<Page<FilteredLogEvent>> CloudWatchLogsService::filter_log_events(
    const model::Scope& scope, const FilterLogEventsQuery& query) {
  if (!query.stream_names.empty() && query.stream_name_prefix) {
    return invalid_parameter("logStreamNames and logStreamNamePrefix are mutually exclusive.");
  }
  const auto pattern = telemetry::FilterPattern::parse(query.filter_pattern);
  if (!pattern) return pattern.error();
  const auto offset = offset_of('e', query.next_token);
  if (!offset) return offset.error();
  const auto streams = streams_of(scope, query.group, query.stream_name_prefix.value_or(""));
  if (!streams) return resource_not_found(std::string(telemetry::kNoSuchGroup));
  std::vector<FilteredLogEvent> found;
  for (std::size_t ordinal = 0; ordinal < streams->size(); ++ordinal) {
    const auto& stream = (*streams)[ordinal];
    const auto& names = query.stream_names;
    if (!names.empty() && std::find(names.begin(), names.end(), stream.name) == names.end()) continue;
    const auto events = events_of(scope, query.group, stream.name);
    for (std::size_t i = 0; events && i < events->size(); ++i) {
      const auto& event = (*events)[i];
      if ((query.start_time && event.timestamp < *query.start_time) ||
          (query.end_time && event.timestamp >= *query.end_time) || !pattern->matches(event.message)) {
        continue;
      }
      // Unique within the answer: the time, then the stream's place in the group and the event's in it.
      found.push_back(
          {stream.name,
           std::to_string(event.timestamp) + std::to_string(1'000'000 + ordinal) + std::to_string(1'000'000 + i),
           event});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.event.timestamp < b.event.timestamp; });
  return page_of(std::move(found), 'e', *offset, std::size_t(query.limit));
}

}  // namespace emulator
