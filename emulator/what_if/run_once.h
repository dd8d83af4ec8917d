#pragma once

#include <cstdint>

#include "emulator/model/errors.h"
#include "emulator/model/scope.h"
#include "emulator/model/tuning_request.h"
#include "emulator/what_if/run_record.h"
#include "emulator/world.h"

namespace emulator::what_if {

// What every run shares: the world to start from (its seed is replaced per run), who asks, and
// the request, already decoded and checked as CreateHyperParameterTuningJob does.
struct RunSetup {
  WorldConfig world;
  model::Scope scope;
  model::CreateHyperParameterTuningJobRequest request;
};

// A fresh world on `seed`, the request created in it and the clock run from event to event
// (as the instant clock does) until the tuning job and everything it holds have ended.
// Fails with CreateHyperParameterTuningJob's own error when the world refuses the request.
Result<RunRecord> run_once(const RunSetup& setup, std::uint64_t seed);

}  // namespace emulator::what_if
