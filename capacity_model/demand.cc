#include "capacity_model/demand.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "capacity_model/sampling.h"

namespace capacity_model {
namespace {

constexpr double kMillisPerHour = 3.6e6;

}  // namespace

BackgroundDemand::BackgroundDemand(DemandSettings settings, std::vector<PoolKey> keys)
    : settings_(std::move(settings)), keys_(std::move(keys)) {
  if (settings_.step <= Millis::zero()) settings_.enabled = false;
  profile_.reserve(keys_.size());
  for (const auto& key : keys_) {
    const auto it = settings_.instance_types.find(key.instance_type);
    profile_.push_back(it == settings_.instance_types.end() ? settings_.profile : it->second);
  }
  share_.reserve(keys_.size());
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    share_.push_back(settings_.enabled ? target(k, Millis{0}) : 0.0);
  }
}

std::optional<Millis> BackgroundDemand::next_change_after(Millis t) const {
  if (!settings_.enabled) return std::nullopt;
  const auto step = settings_.step.count();
  // Steps fall at step, 2 step, ...; t = 0 is the starting state, not a step.
  const auto n = t.count() < 0 ? 1 : t.count() / step + 1;
  return Millis{n * step};
}

int BackgroundDemand::advance_to(Millis t, std::mt19937_64& rng) {
  int steps = 0;
  while (settings_.enabled && last_ + settings_.step <= t) {
    last_ += settings_.step;
    ++steps;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      const DemandProfile& p = profile_[k];
      const double m = target(k, last_);
      const double a =
          p.half_life > Millis::zero()
              ? std::exp2(-static_cast<double>(settings_.step.count()) / p.half_life.count())
              : 0.0;
      double next = m + (share_[k] - m) * a;
      if (p.volatility > 0) {
        next += p.volatility * std::sqrt(1 - a * a) * sampling::standard_normal(rng);
      }
      share_[k] = std::clamp(next, 0.0, 1.0);
    }
  }
  return steps;
}

double BackgroundDemand::target(std::size_t key, Millis t) const {
  const DemandProfile& p = profile_.at(key);
  double m = p.target_utilization;
  if (p.daily.amplitude != 0) {
    const double hour = std::fmod(static_cast<double>(t.count()) / kMillisPerHour, 24.0);
    m += p.daily.amplitude * std::cos(2 * std::numbers::pi * (hour - p.daily.peak_hour) / 24.0);
  }
  return std::clamp(m, 0.0, 1.0);
}

void BackgroundDemand::set_utilization(std::size_t key, double share) {
  share_.at(key) = std::clamp(share, 0.0, 1.0);
}

}  // namespace capacity_model
