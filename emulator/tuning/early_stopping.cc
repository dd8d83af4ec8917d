#include "emulator/tuning/early_stopping.h"

#include <algorithm>
#include <cmath>

namespace emulator::tuning {
namespace {

bool better(double a, double b, bool maximize) { return maximize ? a > b : a < b; }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

bool MedianStoppingRule::should_continue(const std::string& job, int launch_ordinal, int epoch, double value,
                                         bool maximize) {
  auto& mine = reports_[job];
  mine.launch_ordinal = launch_ordinal;
  mine.by_epoch.emplace_back(epoch, value);

  std::vector<double> averages;
  for (const auto& [name, other] : reports_) {
    if (other.launch_ordinal >= launch_ordinal) continue;
    double sum = 0;
    int count = 0;
    for (const auto& [e, v] : other.by_epoch) {
      if (e > epoch) break;
      sum += v;
      ++count;
    }
    if (count > 0) averages.push_back(sum / count);
  }
  if (averages.size() < kMinEarlierJobs) return true;
  return !better(median(std::move(averages)), value, maximize);
}

SuccessiveHalving::SuccessiveHalving(int min_resource, int max_resource) {
  for (long long rung = std::max(1, min_resource); rung < max_resource; rung *= kReductionFactor) {
    rungs_.push_back(static_cast<int>(rung));
  }
}

bool SuccessiveHalving::should_continue(int epoch, double value, bool maximize) {
  auto& values = recorded_[epoch];
  bool go_on = true;
  if (!values.empty()) {
    // The value that the best 1/η of the recorded ones reach.
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end(), [&](double a, double b) { return better(a, b, maximize); });
    const auto keep = std::max<std::size_t>(1, sorted.size() / kReductionFactor);
    go_on = !better(sorted[keep - 1], value, maximize);
  }
  values.push_back(value);
  return go_on;
}

std::vector<int> report_epochs(int epochs, int limit) {
  std::vector<int> out;
  const int count = std::min(epochs, limit);
  for (int i = 1; i <= count; ++i) {
    const int epoch = static_cast<int>(std::llround(double(i) * epochs / count));
    if (out.empty() || epoch > out.back()) out.push_back(epoch);
  }
  return out;
}

}  // namespace emulator::tuning
