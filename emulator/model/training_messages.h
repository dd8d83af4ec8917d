#pragma once

// Texts SageMaker shows on training jobs, and the hyperparameter through which a tuning job
// names its objective to each child.
namespace emulator::model {

inline constexpr const char* kIceStatusMessage =
    "Insufficient capacity error from EC2 while launching instances, retrying!";
inline constexpr const char* kCapacityErrorReason =
    "CapacityError: Unable to provision requested ML compute capacity. Please retry using a "
    "different ML instance type.";
inline constexpr const char* kTuningObjectiveKey = "_tuning_objective_metric";

}  // namespace emulator::model
