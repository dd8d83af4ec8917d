#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/faults.h"
#include "capacity_model/pool.h"
#include "emulator/model/errors.h"
#include "emulator/timeline/render.h"
#include "emulator/timeline/timeline.h"
#include "emulator/world.h"

namespace emulator {

struct CapacitySetting {
  // Absent: every region, those that exist and those created later (a zone names its own
  // region, so a setting with a zone and no region acts on the region that owns the zone).
  std::optional<std::string> region;
  std::string instance_type;
  std::optional<std::string> zone;  // every zone of the region when absent
  int capacity = 0;
};

struct PoolRow {
  std::string region;
  capacity_model::PoolUsage usage;
};

struct EventsPage {
  std::vector<timeline::RenderedEvent> events;
  std::optional<std::uint64_t> next_after;  // the next page starts after this sequence number
};

struct TimelineStats {
  std::size_t events = 0;      // held now
  std::uint64_t dropped = 0;   // the oldest, dropped to stay within the limit
  std::size_t max_events = 0;  // --max-events
};

// How many jobs are in each status, over every account and region (for /metrics).
struct JobCounts {
  std::map<std::string, int> tuning_jobs;    // by HyperParameterTuningJobStatus
  std::map<std::string, int> training_jobs;  // by TrainingJobStatus
};

// The façade api/control calls: the emulator's own levers (clock, capacity, timeline,
// reset). Kept apart from SageMakerService so an AWS handler cannot move time.
class Control {
 public:
  explicit Control(World& world) : world_(world) {}

  // The on-demand pools of `region` or, without one, of every region that exists. A region
  // that does not exist yet is shown as it would be built now, and is not created.
  std::vector<PoolRow> capacity(const std::optional<std::string>& region,
                                const std::optional<std::string>& instance_type);
  // All settings are checked before any is applied: a bad one changes nothing. Answers the
  // pools changed, in every region affected.
  Result<std::vector<PoolRow>> set_capacity(const std::vector<CapacitySetting>& settings);

  // Faults injected into launches (AWS FIS-style insufficient-capacity actions). Instance
  // types must be in the catalog; zones must be of the fault's region or, for a fault of
  // every region (no region), of a region that exists. Start defaults to now.
  Result<capacity_model::Fault> add_fault(capacity_model::Fault fault);
  bool remove_fault(std::string_view id);
  // Removes the faults of `region` alone (a fault of every region acts in others too, and
  // stays) or, without one, every fault.
  void clear_faults(const std::optional<std::string>& region);
  // The faults that act in `region` (its own, and those of every region) or, without one,
  // every fault; in the order added.
  std::vector<capacity_model::Fault> faults(const std::optional<std::string>& region) const;

  // A page of the capacity history up to now: every region's demand steps due so far are
  // taken first.
  capacity_model::HistoryPage history(const capacity_model::HistoryQuery& query,
                                      const std::optional<capacity_model::HistoryCursor>& after, std::size_t max);

  const capacity_model::Catalog& catalog() const { return world_.catalog(); }

  sim::SimTime now() const { return world_.simulator().now(); }
  std::size_t pending_events() const { return world_.simulator().pending(); }
  std::optional<sim::SimTime> next_event_time() const { return world_.simulator().next_event_time(); }
  void run_until(sim::SimTime time) { world_.simulator().run_until(time); }
  sim::Mark mark() const { return world_.simulator().mark(); }
  // Replaying a journal: see sim::Simulator::run_to.
  bool run_to(const sim::Mark& mark) { return world_.simulator().run_to(mark); }
  // Snapshots of the world (World::quiescent, save and load).
  bool quiescent() const { return world_.quiescent(); }
  std::size_t snapshot_weight() const { return world_.snapshot_weight(); }
  nlohmann::json snapshot() const;
  capacity_model::Status<std::string> load_snapshot(const nlohmann::json& state);
  capacity_model::Status<std::string> check_snapshot(const nlohmann::json& state) const;
  // Whether a tuning or training job is in progress: only then does the instant clock run
  // ahead, so scenario events do not move time while nothing is running.
  bool jobs_in_progress() const;
  std::int64_t epoch_ms() const { return world_.epoch_ms(); }
  double epoch_seconds(sim::SimTime time) const {
    return double(world_.epoch_ms() + time.count()) / 1000.0;
  }

  // Up to `max` events matching `filter` after sequence number `after`, rendered.
  EventsPage events(const timeline::Filter& filter, std::uint64_t after, std::size_t max) const;
  // Events ever recorded, by type (a counter: dropping old events does not lower it).
  std::map<std::string, std::uint64_t> events_by_type() const;
  TimelineStats timeline_stats() const;
  JobCounts job_counts() const;
  void reset(std::optional<std::uint64_t> seed, std::optional<std::int64_t> epoch_ms) { world_.reset(seed, epoch_ms); }
  std::uint64_t seed() const { return world_.seed(); }

 private:
  // The zones of a region, whether it exists or not (creating nothing).
  std::vector<std::string> zones_of(const std::string& region) const;
  Status check_setting(const CapacitySetting& setting, const std::string& where) const;
  void add_rows(std::vector<PoolRow>& rows, const capacity_model::RegionalPool& pool,
                const std::optional<std::string>& instance_type, const std::optional<std::string>& zone) const;

  World& world_;
};

}  // namespace emulator
