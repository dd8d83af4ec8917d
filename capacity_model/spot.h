#pragma once

#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

// The Spot Instance Advisor spells its buckets "<5%", "5-10%", "10-15%", "15-20%", ">20%".
std::string_view to_string(InterruptionFrequency frequency);
std::optional<InterruptionFrequency> interruption_frequency_from(std::string_view text);

// AWS prices and the Advisor count a month as 730 hours.
inline constexpr double kHoursPerMonth = 730;

// The bucket's midpoint as the share of instances interrupted in a month: 2.5%, 7.5%,
// 12.5%, 17.5%, and 25% for ">20%" (read as 20-30%).
double monthly_interruption_share(InterruptionFrequency frequency);
// The constant hourly hazard h with 1 - exp(-730 h) = that share.
double hazard_per_hour(InterruptionFrequency frequency);

// When spot instances are reclaimed: per instance type a constant hazard (from its bucket or
// set outright), multiplied during storms. Interruption times are exponential draws, so the
// caller draws once when a spot cluster starts and schedules the interruption; a storm
// known in advance is already in that draw.
class SpotInterruptions {
 public:
  explicit SpotInterruptions(SpotSettings settings = {});

  // Interruptions per instance-hour of the type, storms left out.
  double base_hazard_per_hour(std::string_view instance_type) const;
  // The same times the multipliers of every storm active at t that covers (type, zone).
  double hazard_per_hour(std::string_view instance_type, std::string_view zone, Millis t) const;

  // The first interruption strictly after `from` of a cluster of `instances` instances in
  // (type, zone) (any one reclaimed interrupts the job, so the hazard is per instance times
  // instances), or nullopt when the hazard is 0 from some point on or the draw lands more
  // than 1e9 s after `from`. One engine output per call.
  std::optional<Millis> next_interruption(std::string_view instance_type, std::string_view zone,
                                          Millis from, std::mt19937_64& rng,
                                          int instances = 1) const;

  void add_storm(SpotStorm storm) { settings_.storms.push_back(std::move(storm)); }
  const std::vector<SpotStorm>& storms() const { return settings_.storms; }

 private:
  // First storm start or end strictly after t among storms covering (type, zone).
  std::optional<Millis> next_boundary(std::string_view instance_type, std::string_view zone,
                                      Millis t) const;

  SpotSettings settings_;
};

}  // namespace capacity_model
