#pragma once

#include <cstdint>

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_job.h"
#include "emulator/sim/clock.h"

// What the SageMaker façade hands api/ to encode: records with what is derived from them, and
// the clock that turns virtual times into wire times. The codecs include this, not the façade.
namespace emulator {

struct TuningJobView {
  const model::TuningJob* job = nullptr;
  model::TuningProgress progress;
  const model::TrainingJob* overall_best = nullptr;  // warm start IdenticalDataAndAlgorithm only
};

// Virtual time as the wire shows it: epoch seconds with millisecond precision.
struct WireClock {
  std::int64_t epoch_ms = 0;  // the wall instant virtual time 0 stands for
  sim::SimTime now{0};
  double seconds(sim::SimTime time) const { return double(epoch_ms + time.count()) / 1000.0; }
};

}  // namespace emulator
