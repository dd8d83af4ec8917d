#pragma once

#include <optional>
#include <string_view>

// Enumerations of the SageMaker service model. Enumerators are spelled as on the wire so
// that to_string/parse are the only translation and a reader can grep for either.
namespace emulator::model {

enum class HyperParameterScalingType { Auto, Linear, Logarithmic, ReverseLogarithmic };
enum class HyperParameterTuningJobStrategyType { Bayesian, Random, Hyperband, Grid };
enum class HyperParameterTuningJobObjectiveType { Maximize, Minimize };
enum class TrainingJobEarlyStoppingType { Off, Auto };
enum class HyperParameterTuningJobStatus { Completed, InProgress, Failed, Stopped, Stopping, Deleting, DeleteFailed };
enum class TrainingJobStatus { InProgress, Completed, Failed, Stopping, Stopped, Deleting };
enum class SecondaryStatus {
  Starting, LaunchingMLInstances, PreparingTrainingStack, Downloading, DownloadingTrainingImage,
  Training, Uploading, Stopping, Stopped, MaxRuntimeExceeded, Completed, Failed, Interrupted,
  MaxWaitTimeExceeded, Updating, Restarting, Pending
};
enum class ObjectiveStatus { Succeeded, Pending, Failed };
enum class WarmPoolResourceStatus { Available, Terminated, Reused, InUse };

std::string_view to_string(HyperParameterScalingType v);
std::string_view to_string(HyperParameterTuningJobStrategyType v);
std::string_view to_string(HyperParameterTuningJobObjectiveType v);
std::string_view to_string(TrainingJobEarlyStoppingType v);
std::string_view to_string(HyperParameterTuningJobStatus v);
std::string_view to_string(TrainingJobStatus v);
std::string_view to_string(SecondaryStatus v);
std::string_view to_string(ObjectiveStatus v);
std::string_view to_string(WarmPoolResourceStatus v);

// parse<E>("Random") → E::Random; nullopt for a spelling the model does not have.
template <typename E>
std::optional<E> parse(std::string_view text);

}  // namespace emulator::model
