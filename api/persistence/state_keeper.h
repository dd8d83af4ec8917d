#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/clock/clock_driver.h"
#include "api/persistence/journal_writer.h"
#include "api/persistence/snapshot_policy.h"
#include "api/persistence/state_folder.h"
#include "api/persistence/state_records.h"
#include "api/router.h"
#include "api/server/http_types.h"
#include "api/sts/sts_api.h"
#include "emulator/control.h"

namespace api::persistence {

// What a replay did (a restart, an import).
struct ReplaySummary {
  std::size_t records = 0;
  std::size_t requests = 0;
  // Records the rebuilt world could not follow (a request refused, a mark it could not be at).
  // Always 0 unless the simulation lost its determinism: logged as errors.
  std::size_t disagreements = 0;
  // Clock records a later record superseded, dropped from the folder's journal by a restart.
  std::size_t superseded = 0;
  // Whether the journal began with a snapshot (the records replayed are those after it).
  bool from_snapshot = false;
  // CPU time replaying the records after the start or the snapshot took.
  double cpu_seconds = 0;
};

// In front of the router: every request that changed state goes into the journal at the mark
// it was served at (docs/persistence.md), and its answer waits until the journal is on disk.
// Also serves GET and PUT /_emulator/state, and rebuilds a world from records. Runs on the io
// thread.
class StateKeeper {
 public:
  // Once `snapshot_every` records (0: never) follow the journal's first one, the journal is
  // rewritten as a snapshot of the world at the first moment nothing is under way, if loading
  // it would be quicker than replaying them (SnapshotPolicy).
  StateKeeper(Router& router, ClockDriver& clock, emulator::Control& control, sts::StsApi& sts, Provenance provenance,
              std::size_t snapshot_every);

  // From here on, changes go to this journal (of a folder just opened: `records` are what it
  // held, replayed now; none for a new folder, which gets the world's start). A running clock
  // leaves a clock record a second; the journal is rewritten without those a later record
  // superseded, so it grows with the requests only, across restarts. A snapshot that does not
  // fit this emulator's scenario refuses the folder.
  capacity_model::Result<ReplaySummary, std::string> attach(JournalWriter& journal, const std::vector<Record>& records);

  server::HttpResponse handle(const server::HttpRequest& request);
  // An import (PUT /_emulator/state) may carry a large exported state: the server lets it
  // through up to the large-body limit, and answers a larger one with this.
  static bool is_import(const server::HttpRequest& request);
  static server::HttpResponse too_large(const server::HttpRequest& request);
  // The server's answer gate: `release` sends an answer, once what it reports is durable.
  void gate(std::function<void()> release);
  // Called every second or so: brings a realtime clock up to now, and writes a clock record
  // when the simulation moved with no request, so a restart finds the virtual time reached.
  void tick();

 private:
  server::HttpResponse state_endpoint(const server::HttpRequest& request);
  server::HttpResponse export_state();
  server::HttpResponse import_state(const server::HttpRequest& request);
  // An import's records, each parsed and a snapshot checked, or the answer refusing them.
  capacity_model::Result<std::vector<Record>, server::HttpResponse> imported_records(
      const server::HttpRequest& request) const;
  capacity_model::Result<ReplaySummary, std::string> replay(const std::vector<Record>& records);
  capacity_model::Status<std::string> apply(const Record& record, std::size_t index, ReplaySummary& summary);
  void begin(const WorldStart& start);
  // The world's start settings as they are now (seed, epoch, clock mode and scale).
  WorldStart settings() const;
  // The sessions STS issued: they outlive a reset, an import and a snapshot.
  std::vector<Record> session_records() const;
  // The journal's new beginning after a reset: the world's start, then the sessions.
  std::vector<Record> start_records() const;
  void append(const Record& record);
  // Brings a realtime clock up to now, with a clock record if the simulation moved.
  void catch_up();
  // Rewrites the journal as a snapshot when enough records follow its beginning, nothing is
  // under way, and the snapshot pays.
  void snapshot_when_due();
  // A snapshot made, not yet written: the journal's new bytes, the session records after the
  // snapshot record, and what making it cost (which the policy learns from).
  struct MadeSnapshot {
    std::size_t sessions = 0;
    std::string framed;
    double cost_seconds = 0;
    std::size_t weight = 0;
  };
  MadeSnapshot make_snapshot();
  server::HttpResponse snapshot_endpoint(const server::HttpRequest& request);
  // The journal begins anew (a start, a snapshot, an import): `records` follow its first one,
  // and replaying them takes `replay_seconds` of CPU.
  void began(std::size_t records, double replay_seconds);
  // What replaying the records after the journal's first one would take, as measured while
  // serving them: each journaled request's own work, and every simulation run since.
  double replay_seconds() const;

  Router& router_;
  ClockDriver& clock_;
  emulator::Control& control_;
  sts::StsApi& sts_;
  Provenance provenance_;
  JournalWriter* journal_ = nullptr;
  emulator::sim::Mark last_mark_;  // where the simulation stood after the last record
  SnapshotPolicy snapshot_policy_;
  std::size_t since_beginning_ = 0;  // records after the journal's first one
  double replay_work_ = 0;           // journaled requests' CPU, the simulation apart
  double simulation_base_ = 0;       // the clock's simulation CPU when the journal began
};

}  // namespace api::persistence
