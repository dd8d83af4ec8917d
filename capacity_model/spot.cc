#include "capacity_model/spot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "capacity_model/sampling.h"

namespace capacity_model {
namespace {

struct Bucket {
  InterruptionFrequency frequency;
  std::string_view name;
  double monthly_share;
};

constexpr std::array<Bucket, 5> kBuckets = {{
    {InterruptionFrequency::Under5Percent, "<5%", 0.025},
    {InterruptionFrequency::From5To10Percent, "5-10%", 0.075},
    {InterruptionFrequency::From10To15Percent, "10-15%", 0.125},
    {InterruptionFrequency::From15To20Percent, "15-20%", 0.175},
    {InterruptionFrequency::Over20Percent, ">20%", 0.25},
}};

constexpr double kMillisPerHour = 3.6e6;
constexpr double kHorizonMillis = 1e12;  // 1e9 s, as far as a scenario reaches

const Bucket& bucket(InterruptionFrequency frequency) {
  return *std::ranges::find(kBuckets, frequency, &Bucket::frequency);
}

bool covers(const std::vector<std::string>& names, std::string_view name) {
  return names.empty() || std::ranges::find(names, name) != names.end();
}

bool covers(const SpotStorm& storm, std::string_view instance_type, std::string_view zone) {
  return covers(storm.instance_types, instance_type) && covers(storm.zones, zone);
}

}  // namespace

std::string_view to_string(InterruptionFrequency frequency) { return bucket(frequency).name; }

std::optional<InterruptionFrequency> interruption_frequency_from(std::string_view text) {
  const auto it = std::ranges::find(kBuckets, text, &Bucket::name);
  if (it == kBuckets.end()) return std::nullopt;
  return it->frequency;
}

double monthly_interruption_share(InterruptionFrequency frequency) {
  return bucket(frequency).monthly_share;
}

double hazard_per_hour(InterruptionFrequency frequency) {
  return -std::log1p(-monthly_interruption_share(frequency)) / kHoursPerMonth;
}

SpotInterruptions::SpotInterruptions(SpotSettings settings) : settings_(std::move(settings)) {}

double SpotInterruptions::base_hazard_per_hour(std::string_view instance_type) const {
  const auto it = settings_.instance_types.find(instance_type);
  if (it != settings_.instance_types.end()) {
    if (it->second.hazard_per_hour) return *it->second.hazard_per_hour;
    if (it->second.frequency) return capacity_model::hazard_per_hour(*it->second.frequency);
  }
  return capacity_model::hazard_per_hour(settings_.default_frequency);
}

double SpotInterruptions::hazard_per_hour(std::string_view instance_type, std::string_view zone,
                                          Millis t) const {
  double hazard = base_hazard_per_hour(instance_type);
  for (const auto& storm : settings_.storms) {
    if (storm.start <= t && t < storm.start + storm.duration &&
        covers(storm, instance_type, zone)) {
      hazard *= storm.multiplier;
    }
  }
  return hazard;
}

std::optional<Millis> SpotInterruptions::next_boundary(std::string_view instance_type,
                                                       std::string_view zone, Millis t) const {
  std::optional<Millis> next;
  auto consider = [&](Millis at) {
    if (at > t && (!next || at < *next)) next = at;
  };
  for (const auto& storm : settings_.storms) {
    if (!covers(storm, instance_type, zone)) continue;
    consider(storm.start);
    consider(storm.start + storm.duration);
  }
  return next;
}

std::optional<Millis> SpotInterruptions::next_interruption(std::string_view instance_type,
                                                           std::string_view zone, Millis from,
                                                           std::mt19937_64& rng,
                                                           int instances) const {
  // Inverse of the cumulative hazard: walk the piecewise-constant hazard until it has
  // accumulated one unit-exponential draw.
  double remaining = sampling::unit_exponential(rng);
  const double scale = std::max(instances, 1) / kMillisPerHour;
  Millis at = from;
  while (true) {
    const double per_ms = hazard_per_hour(instance_type, zone, at) * scale;
    const auto boundary = next_boundary(instance_type, zone, at);
    const double span = boundary ? static_cast<double>((*boundary - at).count()) : 0;
    if (per_ms > 0 && (!boundary || remaining <= per_ms * span)) {
      const double wait = std::ceil(remaining / per_ms);
      if (static_cast<double>((at - from).count()) + wait > kHorizonMillis) return std::nullopt;
      return std::max(at + Millis{static_cast<Millis::rep>(wait)}, from + Millis{1});
    }
    if (!boundary) return std::nullopt;
    remaining -= per_ms * span;
    at = *boundary;
    if (static_cast<double>((at - from).count()) > kHorizonMillis) return std::nullopt;
  }
}

}  // namespace capacity_model
