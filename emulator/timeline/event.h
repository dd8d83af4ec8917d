#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <variant>

#include "emulator/model/training_job.h"
#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"
#include "emulator/timeline/names.h"

// The decisions the timeline records, as typed values. Each payload carries the numbers its
// message is made of; the one text a type may need (a fault id, the job whose warm cluster
// was reused, a status message, a failure reason, a metric) is the event's `text` name.
// Messages are rendered only at the edge (render.h).
namespace emulator::timeline {

// A double kept in 4-byte-aligned storage, so the payloads, and with them every event, fit
// in 64 bytes (a million events is the default retention).
class Number {
 public:
  Number(double value = 0) { std::memcpy(bits_, &value, sizeof value); }
  operator double() const {
    double value;
    std::memcpy(&value, bits_, sizeof value);
    return value;
  }

 private:
  std::uint32_t bits_[2];
};

struct Launched {  // the tuner started a child
  int ordinal = 0;
  int of = 0;
};
struct Asked {};  // a configuration was requested from the pool
struct Granted {  // instances granted in `zone`
  bool spot = false;
};
enum class IceCause : std::uint8_t { PoolShort, InjectedFault, Cached };
struct Ice {  // text: the fault id when an injected fault answered
  IceCause cause = IceCause::PoolShort;
  int requested = 0;
  int largest_free_in_one_zone = 0;
  bool spot = false;
};
struct FellBack {};  // granted a configuration other than the first; text: the preferred type
struct Reused {};    // a warm cluster of the same tuning job; text: the job that left it
struct Waiting {     // no configuration had room
  int next_attempt_seconds = 0;
};
struct QuotaExceeded {  // a configuration skipped: the account quota is used up
  int limit = 0;
  int utilization = 0;
  int delta = 0;
};
struct Released {};
struct KeptWarm {  // a finished child's instances kept for the next child
  int seconds = 0;
};
struct WarmPoolReleased {};
struct CapacityError {};  // text: the failure reason
struct Interrupted {      // spot capacity reclaimed
  int percent_done = 0;
  bool from_checkpoint = false;
};
struct TrainingStatus {  // text: the failure reason, when that is the message
  model::TrainingJobStatus status = model::TrainingJobStatus::InProgress;
  model::SecondaryStatus secondary = model::SecondaryStatus::Starting;
  model::StatusMessage message = model::StatusMessage::LaunchingInstances;
};
struct TuningStatus {  // text: the failure reason, if any
  model::HyperParameterTuningJobStatus status = model::HyperParameterTuningJobStatus::InProgress;
};
enum class StoppingRule : std::uint8_t { Median, Hyperband };
struct EarlyStopped {  // text: the objective metric
  Number value;
  int epoch = 0;
  StoppingRule rule = StoppingRule::Median;
};
enum class CapacityOrigin : std::uint8_t { Scenario, ScenarioEnded, ControlPlane };
struct CapacityChanged {
  CapacityOrigin origin = CapacityOrigin::Scenario;
  int capacity = 0;
  bool spot = false;
};
struct FaultAdded {  // text: the fault id
  Number percentage;
};
struct FaultRemoved {};  // text: the fault id

using Payload = std::variant<Launched, Asked, Granted, Ice, FellBack, Reused, Waiting, QuotaExceeded, Released,
                             KeptWarm, WarmPoolReleased, CapacityError, Interrupted, TrainingStatus, TuningStatus,
                             EarlyStopped, CapacityChanged, FaultAdded, FaultRemoved>;

// The event types, in the order of Payload's alternatives.
enum class EventType : std::uint8_t {
  Launched,
  Asked,
  Granted,
  Ice,
  FellBack,
  Reused,
  Waiting,
  QuotaExceeded,
  Released,
  KeptWarm,
  WarmPoolReleased,
  CapacityError,
  Interrupted,
  TrainingStatus,
  TuningStatus,
  EarlyStopped,
  CapacityChanged,
  FaultAdded,
  FaultRemoved,
};
inline constexpr std::size_t kEventTypes = std::variant_size_v<Payload>;

// As GET /_emulator/events spells them: "launched", "ice", "fell-back", ...
std::string_view to_string(EventType type);
std::optional<EventType> parse_event_type(std::string_view text);

// Who and where an event is about; each slot a name of the timeline's table (kNoName when it
// does not apply).
struct Subject {
  Name region = kNoName;
  Name tuning_job = kNoName;
  Name training_job = kNoName;
  Name instance_type = kNoName;
  Name zone = kNoName;
  Name text = kNoName;
};

struct Event {
  std::uint64_t sequence = 0;  // 1-based, in append order, never reused
  sim::SimTime time{0};
  Subject subject;
  std::uint16_t instance_count = 0;
  bool erased = false;  // its job was deleted; skipped, then compacted away
  Payload payload;

  EventType type() const { return static_cast<EventType>(payload.index()); }
};
static_assert(sizeof(Event) <= 64, "the timeline holds up to --max-events of these");

}  // namespace emulator::timeline
