#pragma once

#include "emulator/model/errors.h"
#include "emulator/model/tuning_request.h"

namespace emulator::model {

// What Autotune chooses when the request leaves it open (sagemaker-api.md §3.8 [emulator]).
inline constexpr int kAutotuneMaxNumberOfTrainingJobs = 50;

// What AMT makes of one AutoParameter: a range one decade each side of a numeric hint
// (Logarithmic when the hint is positive), or, for a hint that is no number (a categorical
// value such as "gbtree"), no range: AMT finds the parameter not eligible and the job runs it
// at the hint. Exactly one of the three is set.
struct DerivedParameter {
  std::optional<IntegerParameterRange> integer_range;
  std::optional<ContinuousParameterRange> continuous_range;
  std::optional<std::string> fixed_value;
};
DerivedParameter derive_auto_parameter(const AutoParameter& parameter);

// Resolves Autotune (§2.1, §3.8) in place, as api/ decodes the request and before the tuner's
// rules (tuning/request_rules.h) see it:
// the AutoParameters become ranges (or fixed values) of their ParameterRanges'
// definition, an omitted MaxNumberOfTrainingJobs becomes 50 (Grid computes its own) and
// ConvergenceDetected, when not given, Enabled. What the caller set explicitly stays: the
// model requires Strategy and MaxParallelTrainingJobs anyway. AutoParameters without Autotune
// are refused.
Status apply_autotune(TuningRequestBody& request);

}  // namespace emulator::model
