#include "api/persistence/state_keeper.h"

#include <spdlog/spdlog.h>

#include <set>

#include "api/clock/cpu_time.h"
#include "api/control/replies.h"
#include "api/persistence/frames.h"

namespace api::persistence {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kStatePath = "/_emulator/state";
constexpr std::string_view kSnapshotPath = "/_emulator/state/snapshot";

bool is_reset(const server::HttpRequest& request) {
  return request.method == "POST" && request.path() == "/_emulator/reset";
}

// The router without its signature checks, for as long as a replay lasts: the journal holds
// requests that were checked when they came, with signatures long expired.
class UncheckedRoutes {
 public:
  explicit UncheckedRoutes(Router& router) : router_(router), gate_(router.auth()) { router_.set_auth(nullptr); }
  ~UncheckedRoutes() { router_.set_auth(gate_); }
  UncheckedRoutes(const UncheckedRoutes&) = delete;
  UncheckedRoutes& operator=(const UncheckedRoutes&) = delete;

 private:
  Router& router_;
  const AuthGate* gate_;
};

// One request's span on the clock (ClockDriver::begin_request), ended even when a handler
// throws: a clock left inside a request would never catch up again.
class RequestSpan {
 public:
  explicit RequestSpan(ClockDriver& clock) : clock_(clock) { clock_.begin_request(); }
  ~RequestSpan() { clock_.end_request(); }
  RequestSpan(const RequestSpan&) = delete;
  RequestSpan& operator=(const RequestSpan&) = delete;

 private:
  ClockDriver& clock_;
};

// The request as the journal keeps it: without the secrets a replay does not need and an
// exported state must not hand on, the control token (a control-plane request's Authorization)
// and a session token. An AWS request's Authorization stays: its credential scope says the
// account and region, and a signature reveals no secret.
server::HttpRequest without_secrets(const server::HttpRequest& request) {
  const bool control = request.path().starts_with("/_emulator/");
  server::HttpRequest kept{request.method, request.target, {}, request.body};
  for (const auto& [name, value] : request.headers) {
    if (server::iequals(name, "X-Amz-Security-Token") || (control && server::iequals(name, "Authorization"))) {
      continue;
    }
    kept.headers.emplace_back(name, value);
  }
  return kept;
}

server::HttpResponse no_state_folder(const std::string& to) {
  return control::error(409, "NoStateFolder",
                        "The state is recorded only with --state-dir DIR (AMT_EMULATOR_STATE_DIR): start the "
                        "emulator with one to " +
                            to + ".");
}

}  // namespace

StateKeeper::StateKeeper(Router& router, ClockDriver& clock, emulator::Control& control, sts::StsApi& sts,
                         Provenance provenance, std::size_t snapshot_every)
    : router_(router),
      clock_(clock),
      control_(control),
      sts_(sts),
      provenance_(std::move(provenance)),
      snapshot_policy_(snapshot_every) {}

capacity_model::Result<ReplaySummary, std::string> StateKeeper::attach(JournalWriter& journal,
                                                                       const std::vector<Record>& records) {
  ReplaySummary summary;
  if (records.empty()) {
    // A new folder: the world restarts from its own start, so a restart replays from the same.
    control_.reset(control_.seed(), control_.epoch_ms());
    const auto first = start_records();
    journal.append(framed_records(first));
    began(first.size() - 1, 0);
  } else {
    auto kept = without_superseded_clock_records(records);
    auto replayed = replay(kept);
    if (!replayed) return replayed.error();
    summary = *replayed;
    summary.superseded = records.size() - kept.size();
    if (summary.superseded > 0) journal.replace(framed_records(kept));
    began(kept.size() - 1, summary.cpu_seconds);  // what a snapshot would spare the next restart
  }
  journal_ = &journal;
  clock_.meter_simulation();
  last_mark_ = control_.mark();
  sts_.on_new_session([this](const std::string& key, const sts::Session& session) {
    append(SessionRecord{key, session});
  });
  snapshot_when_due();  // a long journal replayed once is not replayed again
  return summary;
}

server::HttpResponse StateKeeper::handle(const server::HttpRequest& request) {
  if (request.path() == kStatePath) return state_endpoint(request);
  if (request.path() == kSnapshotPath) return snapshot_endpoint(request);
  emulator::sim::Mark mark;  // where the request was served: after the clock caught up
  const auto route = [&] {
    RequestSpan span(clock_);
    mark = control_.mark();
    return router_.route(request);
  };
  if (!journal_) return route();
  const auto cpu_before = thread_cpu_seconds();
  const auto simulated_before = clock_.simulation_cpu_seconds();
  auto response = route();
  // What a replay of this request would spend again, the simulation apart (counted by the clock).
  const auto served = thread_cpu_seconds() - cpu_before - (clock_.simulation_cpu_seconds() - simulated_before);
  if (response.status < 300 && Router::changes_state(request)) {
    if (is_reset(request)) {
      const auto first = start_records();
      journal_->replace(framed_records(first));
      began(first.size() - 1, 0);
      last_mark_ = control_.mark();
    } else {
      append(RequestRecord{mark, without_secrets(request)});
      replay_work_ += served;
    }
  } else if (control_.mark().events_run != last_mark_.events_run) {
    // Catching the clock up ran events (a realtime clock completing a job): this answer may
    // show what they did, so it waits for a clock record like any other change.
    append(ClockRecord{control_.mark()});
  }
  snapshot_when_due();
  return response;
}

bool StateKeeper::is_import(const server::HttpRequest& request) {
  return request.method == "PUT" && request.path() == kStatePath;
}

server::HttpResponse StateKeeper::too_large(const server::HttpRequest&) {
  return control::error(413, "StateTooLarge", "An imported state is at most 256 MiB.");
}

void StateKeeper::append(const Record& record) {
  journal_->append(frame(to_json(record).dump()));
  ++since_beginning_;
  last_mark_ = control_.mark();
}

void StateKeeper::began(std::size_t records, double replay_seconds) {
  since_beginning_ = records;
  replay_work_ = replay_seconds;
  simulation_base_ = clock_.simulation_cpu_seconds();
}

double StateKeeper::replay_seconds() const { return replay_work_ + clock_.simulation_cpu_seconds() - simulation_base_; }

// Made on the io thread, between two requests, at a moment with nothing under way
// (World::quiescent): the world holds only data then.
void StateKeeper::snapshot_when_due() {
  if (!snapshot_policy_.due(since_beginning_)) return;
  const auto spent = replay_seconds();
  if (!snapshot_policy_.worth_trying(spent, control_.snapshot_weight()) || !control_.quiescent()) return;
  auto snapshot = make_snapshot();
  if (!SnapshotPolicy::pays(snapshot.cost_seconds, spent)) {
    spdlog::debug(
        "state: a snapshot (weight {}, {} bytes, made in {:.3f} s) would load slower than {} records replay "
        "({:.3f} s)",
        snapshot.weight, snapshot.framed.size(), snapshot.cost_seconds, since_beginning_, spent);
    return;
  }
  spdlog::debug("state: a snapshot (weight {}, {} bytes, made in {:.3f} s) replaces {} records ({:.3f} s of replay)",
                snapshot.weight, snapshot.framed.size(), snapshot.cost_seconds, since_beginning_, spent);
  journal_->compact(std::move(snapshot.framed));  // optional: a disk that refuses it leaves the journal as it was
  began(snapshot.sessions, 0);
  last_mark_ = control_.mark();
}

StateKeeper::MadeSnapshot StateKeeper::make_snapshot() {
  const auto start = thread_cpu_seconds();
  // The world's tree is moved into the record's, not copied: it is the largest thing made.
  auto record = to_json(WorldSnapshot{settings(), Json::object()});
  record["world"] = control_.snapshot();
  const auto sessions = session_records();
  MadeSnapshot made{sessions.size(), frame(record.dump()) + framed_records(sessions)};
  made.cost_seconds = thread_cpu_seconds() - start;
  made.weight = control_.snapshot_weight();
  snapshot_policy_.made(made.cost_seconds, made.weight);
  return made;
}

// POST /_emulator/state/snapshot: one now, whatever it costs (before a long stop, say).
server::HttpResponse StateKeeper::snapshot_endpoint(const server::HttpRequest& request) {
  if (auto refusal = router_.refuse_control(request)) return *refusal;
  if (auto query = control::query_of(request, {}); !query) return query.error();
  if (request.method != "POST") return control::error(405, "MethodNotAllowed", "Use POST to take a snapshot.");
  if (!journal_) return no_state_folder("snapshot what it holds");
  catch_up();  // a realtime clock's jobs may have ended by now
  if (!control_.quiescent()) {
    return control::error(409, "Busy",
                          "A snapshot is taken only when nothing is under way: no training or tuning job in progress, "
                          "no warm pool kept, no simulation event pending but the scenario's next capacity change. "
                          "Try again once the jobs have ended.");
  }
  const auto replaced = since_beginning_;
  auto snapshot = make_snapshot();
  spdlog::debug(
      "state: a snapshot asked for (weight {}, {} bytes, made in {:.3f} s) replaces {} records ({:.3f} s of "
      "replay)",
      snapshot.weight, snapshot.framed.size(), snapshot.cost_seconds, replaced, replay_seconds());
  const auto bytes = snapshot.framed.size();
  journal_->replace(std::move(snapshot.framed));  // asked for: written like a reset, and its answer waits for it
  began(snapshot.sessions, 0);
  last_mark_ = control_.mark();
  return control::reply(200, Json{{"status", "ok"},
                                  {"replacedRecords", replaced},
                                  {"bytes", bytes},
                                  {"elapsedSeconds", double(control_.now().count()) / 1000.0}});
}

void StateKeeper::gate(std::function<void()> release) {
  if (!journal_) return release();
  journal_->when_durable(journal_->required(), std::move(release));
}

void StateKeeper::tick() {
  if (!journal_) return;
  catch_up();
  snapshot_when_due();
}

// The realtime clock moves virtual time only when something asks for it: catch up first, or
// a quiet emulator would record the time of its last request, not the time it reached.
void StateKeeper::catch_up() {
  clock_.before_request();
  if (control_.mark() != last_mark_) append(ClockRecord{control_.mark()});
}

WorldStart StateKeeper::settings() const {
  return WorldStart{control_.seed(), control_.epoch_ms(), clock_.mode(), clock_.time_scale()};
}

std::vector<Record> StateKeeper::session_records() const {
  std::vector<Record> records;
  sts_.sessions().for_each([&](const std::string& key, const sts::Session& session) {
    records.emplace_back(SessionRecord{key, session});
  });
  return records;
}

std::vector<Record> StateKeeper::start_records() const {
  std::vector<Record> records{settings()};
  for (auto& session : session_records()) records.push_back(std::move(session));
  return records;
}

capacity_model::Result<ReplaySummary, std::string> StateKeeper::replay(const std::vector<Record>& records) {
  ReplaySummary summary;
  UncheckedRoutes unchecked(router_);
  clock_.set_replaying(true);
  capacity_model::Status<std::string> applied = capacity_model::Done{};
  double after_first = 0;  // what follows the start or the snapshot is what a snapshot would spare
  for (std::size_t i = 0; i < records.size() && applied; ++i) {
    if (i == 1) after_first = thread_cpu_seconds();
    applied = apply(records[i], i, summary);
  }
  if (records.size() > 1) summary.cpu_seconds = thread_cpu_seconds() - after_first;
  clock_.set_replaying(false);
  if (!applied) return applied.error();
  summary.records = records.size();
  summary.from_snapshot = std::holds_alternative<WorldSnapshot>(records.front());
  return summary;
}

void StateKeeper::begin(const WorldStart& start) {
  control_.reset(start.seed, start.epoch_ms);
  clock_.set_time_scale(start.time_scale);
  clock_.set_mode(start.clock);
}

capacity_model::Status<std::string> StateKeeper::apply(const Record& record, std::size_t index,
                                                       ReplaySummary& summary) {
  const auto reach = [&](const emulator::sim::Mark& mark) {
    if (control_.run_to(mark)) return;
    ++summary.disagreements;
    spdlog::error(
        "state: record {} was made at {} ms after {} events; the rebuilt world cannot be there (it is at "
        "{} ms after {} events)",
        index + 1, mark.now.count(), mark.events_run, control_.now().count(), control_.mark().events_run);
    control_.run_until(mark.now);
  };
  if (const auto* start = std::get_if<WorldStart>(&record)) {
    begin(*start);
  } else if (const auto* snapshot = std::get_if<WorldSnapshot>(&record)) {
    begin(snapshot->start);
    if (auto loaded = control_.load_snapshot(snapshot->world); !loaded) {
      return "record " + std::to_string(index + 1) + " is a snapshot this emulator cannot load: " + loaded.error();
    }
  } else if (const auto* request = std::get_if<RequestRecord>(&record)) {
    reach(request->mark);
    ++summary.requests;
    const auto response = [&] {
      RequestSpan span(clock_);
      return router_.route(request->request);
    }();
    if (response.status >= 300) {
      ++summary.disagreements;
      spdlog::error("state: record {} ({} {}) was accepted, and replayed it answers {}: {}", index + 1,
                    request->request.method, request->request.target, response.status, response.body.substr(0, 300));
    }
  } else if (const auto* clock = std::get_if<ClockRecord>(&record)) {
    reach(clock->mark);
  } else if (const auto* session = std::get_if<SessionRecord>(&record)) {
    sts_.restore_session(session->access_key, session->session);
  }
  return capacity_model::Done{};
}

server::HttpResponse StateKeeper::state_endpoint(const server::HttpRequest& request) {
  if (auto refusal = router_.refuse_control(request)) return *refusal;
  if (auto query = control::query_of(request, {}); !query) return query.error();
  if (request.method == "GET") return export_state();
  if (request.method == "PUT") return import_state(request);
  return control::error(405, "MethodNotAllowed", "Use GET (export) or PUT (import).");
}

server::HttpResponse StateKeeper::export_state() {
  if (!journal_) return no_state_folder("export what it holds");
  // What is on disk is everything acknowledged; a batch still being written is not yet.
  const auto text = file_bytes(journal_->file());
  const auto frames = read_frames(text);  // views into `text`
  // Each record is a JSON object already: spliced in as it is, so a long journal costs one
  // copy, not a parse into a tree.
  auto body = header_json(provenance_).dump();
  body.pop_back();  // the header's closing brace
  body += ",\"records\":[";
  for (const auto& payload : frames.payloads) (body += payload) += ',';
  body += to_json(ClockRecord{control_.mark()}).dump() + "]}";  // the virtual time reached
  server::HttpResponse response{200, {{"Content-Type", "application/json"}}, std::move(body)};
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"amt-emulator-state.json\"");
  return response;
}

capacity_model::Result<std::vector<Record>, server::HttpResponse> StateKeeper::imported_records(
    const server::HttpRequest& request) const {
  auto document = Json::parse(request.body, nullptr, false);
  if (document.is_discarded()) return control::bad_request("The body is not JSON: PUT a document GET returned.");
  if (auto checked = check_header(document, provenance_, "The document"); !checked) {
    return control::error(400, "InvalidState", checked.error());
  }
  const auto list = document.find("records");
  if (list == document.end() || !list->is_array() || list->empty()) {
    return control::error(400, "InvalidState", "The document has no \"records\" list.");
  }
  std::vector<Record> records;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto record = record_from_json(std::move((*list)[i]));
    if (!record) {
      return control::error(400, "InvalidState",
                            "Record " + std::to_string(i + 1) + " does not parse: " + record.error() + ".");
    }
    records.push_back(std::move(*record));
  }
  if (!begins_a_world(records.front())) {
    return control::error(400, "InvalidState",
                          "The first record is neither the world's start (kind \"start\") nor a snapshot (kind "
                          "\"snapshot\").");
  }
  if (auto later = first_later_beginning(records)) {
    return control::error(400, "InvalidState",
                          "Record " + std::to_string(*later + 1) +
                              " begins a world again: a document has one start or snapshot, its first record.");
  }
  // Checked aside first: a snapshot that does not fit must not cost the running world.
  if (const auto* snapshot = std::get_if<WorldSnapshot>(&records.front())) {
    if (auto fits = control_.check_snapshot(snapshot->world); !fits) {
      return control::error(400, "InvalidState",
                            "Record 1 is a snapshot this emulator cannot load: " + fits.error() + ".");
    }
  }
  return records;
}

server::HttpResponse StateKeeper::import_state(const server::HttpRequest& request) {
  auto parsed = imported_records(request);
  if (!parsed) return parsed.error();
  auto records = std::move(*parsed);
  auto replayed = replay(records);
  if (!replayed) return control::error(400, "InvalidState", replayed.error() + ".");
  const auto& summary = *replayed;
  if (journal_) {
    // The sessions this emulator issued outlive an import as they outlive a reset (their
    // clients hold the keys), so the new journal keeps them too.
    std::set<std::string, std::less<>> imported;
    for (const auto& record : records) {
      if (const auto* session = std::get_if<SessionRecord>(&record)) imported.insert(session->access_key);
    }
    sts_.sessions().for_each([&](const std::string& key, const sts::Session& session) {
      if (!imported.contains(key)) records.emplace_back(SessionRecord{key, session});
    });
    journal_->replace(framed_records(records));
    began(records.size() - 1, summary.cpu_seconds);
    last_mark_ = control_.mark();
  }
  spdlog::info("state: imported {} records ({} requests)", summary.records, summary.requests);
  return control::reply(200, Json{{"status", "ok"},
                                  {"records", summary.records},
                                  {"requests", summary.requests},
                                  {"disagreements", summary.disagreements},
                                  {"elapsedSeconds", double(control_.now().count()) / 1000.0}});
}

}  // namespace api::persistence
