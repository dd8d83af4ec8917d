#pragma once

#include "emulator/store/job_store.h"

// Stores holding every kind of record a snapshot must keep (tests of store/stores_state.h).
namespace emulator::store::rich {

extern const model::Scope kUs;
extern const model::Scope kEu;
extern const model::Scope kIdle;  // a scope asked about, holding no job

// In kUs: tuning jobs "tune-a" (one child deleted) and "tune-b" of one request, and in kUs and
// kEu each a training job "Plain" with every optional member set and a "bare" one without.
void fill(Stores& stores);

}  // namespace emulator::store::rich
