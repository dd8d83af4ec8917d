#include "emulator/what_if/statistics.h"

#include <algorithm>
#include <cmath>

namespace emulator::what_if {

Proportion wilson_interval(int successes, int trials) {
  if (trials <= 0) return {};
  constexpr double z = 1.959963984540054;  // the 97.5th percentile of the standard normal
  const double n = trials;
  const double p = successes / n;
  const double z2n = z * z / n;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
  // At none or all the bound is exactly 0 or 1; the formula only gets there up to rounding.
  return {p, successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const auto above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (rank - double(below)) * (sorted[above] - sorted[below]);
}

Distribution distribution_of(std::vector<double> values) {
  if (values.empty()) return {};
  double sum = 0;
  for (const double v : values) sum += v;
  std::sort(values.begin(), values.end());
  return {values.front(),         percentile(values, 50), percentile(values, 90),
          percentile(values, 99), values.back(),          sum / double(values.size())};
}

}  // namespace emulator::what_if
