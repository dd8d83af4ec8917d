// LogStore::save() and load(), and the World's map of them (docs/persistence.md, "Snapshots").
#include "emulator/telemetry/log_store_state.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "emulator/telemetry/log_store.h"

namespace emulator::telemetry {

using capacity_model::snapshot::value_of;
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

json save_stream(const LogStreamRecord& stream) {
  json events = json::array();
  for (const auto& event : stream.events) {
    events.push_back(
        {{"timestamp", event.timestamp}, {"ingestion_time", event.ingestion_time}, {"message", event.message}});
  }
  return {{"creation_time", stream.creation_time},
          {"last_ingestion_time", stream.last_ingestion_time},
          {"events", std::move(events)}};
}

LogStreamRecord load_stream(const std::string& name, const json& document) {
  LogStreamRecord stream{value_of<std::int64_t>(document.at("creation_time")),
                         {},
                         value_of<std::int64_t>(document.at("last_ingestion_time"))};
  for (const auto& event : document.at("events")) {
    stream.events.push_back({value_of<std::int64_t>(event.at("timestamp")),
                             value_of<std::int64_t>(event.at("ingestion_time")),
                             event.at("message").get<std::string>()});
  }
  const auto by_time = [](const LogEvent& a, const LogEvent& b) { return a.timestamp < b.timestamp; };
  if (!std::is_sorted(stream.events.begin(), stream.events.end(), by_time)) {
    throw SnapshotError("the events of log stream '" + name + "' are not in time order");
  }
  return stream;
}

}  // namespace

json LogStore::save() const {
  json groups = json::object();
  for (const auto& [name, group] : groups_) {
    json streams = json::object();
    for (const auto& [stream_name, stream] : group.streams) streams[stream_name] = save_stream(stream);
    json saved = {{"creation_time", group.creation_time}, {"streams", std::move(streams)}};
    if (group.retention_in_days) saved["retention_in_days"] = *group.retention_in_days;
    groups[name] = std::move(saved);
  }
  return {{"groups", std::move(groups)}};
}

// Groups go through create_group and put_retention, so a retention CloudWatch Logs does not
// offer is refused with the same check a request gets.
void LogStore::load(const json& state) {
  LogStore restored;
  for (const auto& [name, group] : state.at("groups").items()) {
    (void)restored.create_group(name, value_of<std::int64_t>(group.at("creation_time")));
    if (group.contains("retention_in_days")) {
      const auto put = restored.put_retention(name, value_of<int>(group.at("retention_in_days")));
      if (!put) throw SnapshotError("log group '" + name + "': " + put.error().message);
    }
    auto& streams = restored.groups_.find(name)->second.streams;
    for (const auto& [stream_name, stream] : group.at("streams").items()) {
      streams.emplace(stream_name, load_stream(stream_name, stream));
    }
  }
  *this = std::move(restored);
}

json save_log_stores(const std::map<model::Scope, LogStore>& stores) {
  json out = json::array();
  for (const auto& [scope, store] : stores) {
    out.push_back({{"account", scope.account}, {"region", scope.region}, {"store", store.save()}});
  }
  return out;
}

void load_log_stores(std::map<model::Scope, LogStore>& stores, const json& state) {
  std::map<model::Scope, LogStore> restored;
  for (const auto& item : state) {
    model::Scope scope{item.at("account").get<std::string>(), item.at("region").get<std::string>()};
    LogStore store;
    store.load(item.at("store"));
    if (!restored.emplace(scope, std::move(store)).second) {
      throw SnapshotError("the log stores of " + scope.account + " in " + scope.region + " appear twice");
    }
  }
  stores = std::move(restored);
}

}  // namespace emulator::telemetry
