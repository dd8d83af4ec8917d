#pragma once

#include <vector>

namespace emulator::what_if {

// A proportion with its 95 % confidence interval.
struct Proportion {
  double rate = 0;
  double low = 0;
  double high = 1;
};

// The Wilson score interval at 95 % (z = 1.96): unlike rate ± z·se it stays within [0, 1] and
// does not collapse to a point at 0 or N successes, which is where a what-if often lands.
// No trials: rate 0 and the whole of [0, 1].
Proportion wilson_interval(int successes, int trials);

// The p-th percentile (0–100) of ascending `sorted`, interpolating linearly between the two
// nearest ranks (Hyndman & Fan's type 7, numpy's default). Empty: 0.
double percentile(const std::vector<double>& sorted, double p);

struct Distribution {
  double min = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
  double max = 0;
  double mean = 0;

  friend bool operator==(const Distribution&, const Distribution&) = default;
};

// Of the values in the order given (the mean sums them in that order, so equal inputs in equal
// order give equal bits).
Distribution distribution_of(std::vector<double> values);

}  // namespace emulator::what_if
