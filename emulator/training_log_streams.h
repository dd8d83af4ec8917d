#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "emulator/logs_service.h"
#include "emulator/sim/clock.h"
#include "emulator/store/job_store.h"

// The log group /aws/sagemaker/TrainingJobs of one account and region, as its training jobs
// make it: one stream per host of every job whose container has run.
namespace emulator {

struct TrainingLogGroup {
  const store::JobStore& jobs;
  sim::SimTime now;
  std::int64_t epoch_ms;  // what virtual time 0 is

  // Whether a job of the scope has printed: the group exists (stops at the first such job).
  bool exists() const;
  // When the first job of the scope printed: the group's creation time; nullopt if none has.
  std::optional<std::int64_t> creation_time() const;
  // The streams whose names start with `prefix`, by name.
  std::vector<LogStreamView> streams(std::string_view prefix) const;
  // A stream's events; nullopt if no job has that stream.
  std::optional<std::vector<telemetry::LogEvent>> events(std::string_view stream) const;

 private:
  template <typename Visit>
  void for_each_job(std::string_view prefix, Visit visit) const;
  std::int64_t wall_ms(sim::SimTime at) const { return epoch_ms + at.count(); }
};

}  // namespace emulator
