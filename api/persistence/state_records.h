#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api/server/http_types.h"
#include "api/sts/session_book.h"
#include "capacity_model/result.h"
#include "emulator/sim/clock.h"
#include "emulator/sim/simulator.h"

// What a state folder's journal and an exported state hold (docs/persistence.md): the world's
// start (or a snapshot of it), then every request that changed it, each at the simulation's mark when it was
// served. The simulation is deterministic, so replaying them in a fresh world rebuilds it.
namespace api::persistence {

// The world as reset: where every journal (and every reset) begins.
struct WorldStart {
  std::uint64_t seed = 0;
  std::int64_t epoch_ms = 0;  // the wall instant virtual time 0 stands for
  emulator::sim::ClockMode clock = emulator::sim::ClockMode::Realtime;
  double time_scale = 600;
};

// A snapshot of the world taken when nothing was under way (World::quiescent): its start
// settings and its whole state, the mark included. A journal begins with a start or with one
// of these; the records after it replay from there.
struct WorldSnapshot {
  WorldStart start;
  nlohmann::json world;
};

// A request that changed state (answered 2xx), with the mark it was served at.
struct RequestRecord {
  emulator::sim::Mark mark;
  server::HttpRequest request;
};

// How far the clock had moved with no request: the periodic mark of a running clock.
struct ClockRecord {
  emulator::sim::Mark mark;
};

// A session AssumeRole started: its keys are random, so the outcome is kept, not the request.
struct SessionRecord {
  std::string access_key;
  sts::Session session;
};

using Record = std::variant<WorldStart, WorldSnapshot, RequestRecord, ClockRecord, SessionRecord>;

// Whether a journal or a document may begin with this record: the world's start or a snapshot.
bool begins_a_world(const Record& record);
// The index of a record after the first that begins a world, if any: a journal or a document
// has one beginning, its first record.
std::optional<std::size_t> first_later_beginning(const std::vector<Record>& records);

// The records without the clock records that a later request or clock record supersedes: a
// replay reaching a later mark runs the same events in the same order, so only a clock record
// after the last request (the time reached since it) tells a replay anything.
std::vector<Record> without_superseded_clock_records(std::vector<Record> records);

nlohmann::json to_json(const Record& record);
// By value: a snapshot's world is moved out of `json`, not copied (it is the largest tree).
capacity_model::Result<Record, std::string> record_from_json(nlohmann::json json);

}  // namespace api::persistence
