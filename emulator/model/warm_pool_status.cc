#include "emulator/model/warm_pool_status.h"

#include <algorithm>

namespace emulator::model {

std::optional<WarmPoolStatus> warm_pool_status(const model::TrainingJob& job, sim::SimTime now) {
  if (job.warm_pool && job.training_end_time) {
    const auto until = job.warm_pool->ended.value_or(now);
    return WarmPoolStatus{job.warm_pool->status,
                          static_cast<int>(((until - *job.training_end_time).count() + 999) / 1000)};
  }
  const int keep_alive = job.keep_alive_period_in_seconds.value_or(0);
  if (keep_alive <= 0) return std::nullopt;
  if (!job.is_terminal()) return WarmPoolStatus{WarmPoolResourceStatus::InUse, std::nullopt};
  if (job.status != model::TrainingJobStatus::Completed || !job.training_end_time) {
    return WarmPoolStatus{WarmPoolResourceStatus::Terminated, 0};
  }
  const auto retained_ms = (now - *job.training_end_time).count();
  const auto keep_alive_ms = std::int64_t(keep_alive) * 1000;
  if (retained_ms < keep_alive_ms) {
    return WarmPoolStatus{WarmPoolResourceStatus::Available, static_cast<int>((retained_ms + 999) / 1000)};
  }
  return WarmPoolStatus{WarmPoolResourceStatus::Terminated, keep_alive};
}

bool holds_available_warm_pool(const model::TrainingJob& job, sim::SimTime now) {
  const auto status = warm_pool_status(job, now);
  return status && status->status == WarmPoolResourceStatus::Available;
}

}  // namespace emulator::model
