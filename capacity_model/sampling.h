#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

// Draws mapped from the engine's raw 64-bit outputs. The engine's sequence is fixed by the
// standard; std distributions are not (libstdc++ and libc++ differ), and golden timelines
// must replay on either. Internal to capacity_model.
namespace capacity_model::sampling {

// Uniform in [0, 1), 53 random bits.
inline double uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Uniform in (0, 1]: safe to take the logarithm of.
inline double uniform01_open_low(std::mt19937_64& rng) {
  return static_cast<double>((rng() >> 11) + 1) * 0x1.0p-53;
}

// True with probability percentage / 100; draws nothing when the answer is certain.
inline bool percent_chance(std::mt19937_64& rng, double percentage) {
  if (percentage <= 0) return false;
  if (percentage >= 100) return true;
  return uniform01(rng) * 100.0 < percentage;
}

// Standard normal by Box-Muller (one of the pair; two engine outputs per draw).
inline double standard_normal(std::mt19937_64& rng) {
  const double r = std::sqrt(-2.0 * std::log(uniform01_open_low(rng)));
  return r * std::cos(2.0 * std::numbers::pi * uniform01(rng));
}

// Exponential with mean 1 (one engine output).
inline double unit_exponential(std::mt19937_64& rng) { return -std::log(uniform01_open_low(rng)); }

}  // namespace capacity_model::sampling
