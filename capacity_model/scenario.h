#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "capacity_model/time.h"

namespace capacity_model {

// Capacity of one instance type; zone empty = every zone of the region.
struct PoolCapacity {
  std::string instance_type{};
  std::optional<std::string> zone{};
  int capacity = 0;
  CapacityType capacity_type = CapacityType::OnDemand;
};

// How a step acts on the pool (RegionalPool::apply).
enum class StepPhase {
  Set,    // the pool's own capacity becomes `capacity`, for good
  Begin,  // a timed step starts: the pool shows `capacity` until the End with the same id
  End,    // that timed step ends: the pool shows its own capacity again (or an older timed step)
};

// A capacity step. In a scenario file every step is a Set, with `duration` for a timed one;
// CapacitySchedule turns a timed step into a Begin at `at` and an End at `at + duration`.
// An outage is a step to 0, a recovery a step back up, a whole-zone outage a step with an
// empty instance_type.
struct CapacityStep {
  Millis at{0};
  std::string instance_type{};        // empty = every instance type
  std::optional<std::string> zone{};  // nullopt = every zone
  int capacity = 0;
  std::optional<Millis> duration{};  // timed: holds this long, then the pool is as it was
  std::optional<CapacityType> capacity_type = CapacityType::OnDemand;  // nullopt = both markets
  StepPhase phase = StepPhase::Set;
  std::uint64_t override_id = 0;  // pairs a Begin with its End
};

// What the tuner does with an InstanceConfig whose type is over the account quota.
enum class QuotaExceededAction {
  FailTuningJob,      // "fail-tuning-job": the tuning job fails with the ResourceLimitExceeded text
  SkipConfiguration,  // "skip-configuration": try the next InstanceConfig; fail only if none is
                      // left
};

struct RetryPolicy {
  Millis backoff{std::chrono::seconds(30)};  // how often a job short of capacity asks again
  Millis window{std::chrono::minutes(10)};   // how long it waits before failing with CapacityError
  // Karpenter's unavailable-offerings cache: an (instance type, zone, capacity type) that
  // answered ICE is not asked again for this long. 0 = off; Karpenter uses 180 s.
  Millis unavailable_offerings_ttl{0};
  // Each new hyperparameter set starts again from the most preferred InstanceConfig (true),
  // or from the configuration the previous child was granted (false).
  bool retry_preferred_first = true;
  QuotaExceededAction quota_exceeded_action = QuotaExceededAction::SkipConfiguration;
};

// ---- spot -----------------------------------------------------------------------------

// The Spot Instance Advisor's "frequency of interruption" buckets (share of instances
// interrupted over a month): "<5%", "5-10%", "10-15%", "15-20%", ">20%".
enum class InterruptionFrequency {
  Under5Percent,
  From5To10Percent,
  From10To15Percent,
  From15To20Percent,
  Over20Percent,
};

struct SpotTypeSettings {
  std::optional<InterruptionFrequency> frequency{};
  std::optional<double> hazard_per_hour{};  // interruptions per instance-hour; wins over frequency
};

// A window in which the interruption hazard of the matching pools is multiplied.
struct SpotStorm {
  Millis start{0};
  Millis duration{0};
  double multiplier = 1;
  std::vector<std::string> instance_types{};  // empty = every type
  std::vector<std::string> zones{};           // empty = every zone
};

struct SpotSettings {
  std::optional<int> default_capacity_per_zone{};  // nullopt = Scenario::default_capacity_per_zone
  std::vector<PoolCapacity> pools{};               // overrides, capacity_type Spot, in order
  InterruptionFrequency default_frequency = InterruptionFrequency::Under5Percent;
  std::map<std::string, SpotTypeSettings, std::less<>> instance_types{};
  std::vector<SpotStorm> storms{};
};

// ---- background demand ----------------------------------------------------------------

// The target utilisation rises and falls over a day: target + amplitude * cos(2π (h - peak) / 24)
// where h is the hour of day and virtual time 0 is midnight.
struct DailyCycle {
  double amplitude = 0;
  double peak_hour = 14;
};

// Other tenants' share of a pool: an Ornstein-Uhlenbeck process around the target.
struct DemandProfile {
  double target_utilization = 0.5;          // 0..1 of capacity
  double volatility = 0.1;                  // long-run standard deviation around the target
  Millis half_life{std::chrono::hours(1)};  // time for a deviation to halve
  DailyCycle daily{};
};

struct DemandSettings {
  bool enabled = false;
  Millis step{std::chrono::minutes(5)};
  DemandProfile profile{};                                             // every type not listed
  std::map<std::string, DemandProfile, std::less<>> instance_types{};  // complete profiles
};

// ---- faults and quotas -----------------------------------------------------------------

// After AWS FIS's insufficient-capacity actions: `percentage` of launches of the matching
// types in the matching zones answer ICE while the fault is active, [start, start + duration).
struct Fault {
  std::string id{};
  std::vector<std::string> instance_types{};  // empty = every type
  std::vector<std::string> zones{};           // empty = every zone
  std::string region{};                       // empty = every region, those created later too
  double percentage = 100;                    // 0..100
  Millis start{0};
  std::optional<Millis> duration{};  // nullopt = until removed
};

// Per-account instance limits "for training job usage" (instances across running jobs).
// AMT's own account limits (sagemaker-api.md §3.12), raisable like any service quota.
struct TuningLimits {
  int max_training_jobs_per_tuning_job = 750;
  int max_parallel_training_jobs_per_tuning_job = 10;
  int max_concurrent_tuning_jobs = 100;
};

struct QuotaSettings {
  std::optional<int> default_limit{};                                       // nullopt = no limit
  std::map<std::string, std::optional<int>, std::less<>> instance_types{};  // nullopt = no limit
  TuningLimits tuning{};
};

struct Scenario {
  std::string name = "default";
  std::string description{};
  std::string region = "us-east-1";
  std::vector<std::string> zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
  int default_capacity_per_zone = 16;
  std::vector<PoolCapacity> pools{};    // overrides of the default, applied in order
  std::vector<CapacityStep> changes{};  // timed capacity steps / outages
  RetryPolicy retry{};
  SpotSettings spot{};
  DemandSettings demand{};
  std::vector<Fault> faults{};  // scheduled fault injections
  QuotaSettings quotas{};
  // Settings that belong to the emulator; carried here so that one file describes a run.
  std::optional<std::uint64_t> seed{};
  std::optional<std::string> clock_mode{};
  std::optional<double> time_scale{};
};

}  // namespace capacity_model
