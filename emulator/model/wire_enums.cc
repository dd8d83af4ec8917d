#include "emulator/model/wire_enums.h"

#include <array>
#include <utility>

namespace emulator::model {
namespace {

template <typename E, std::size_t N>
using Spellings = std::array<std::pair<E, std::string_view>, N>;

constexpr Spellings<HyperParameterScalingType, 4> kScaling{{
    {HyperParameterScalingType::Auto, "Auto"},
    {HyperParameterScalingType::Linear, "Linear"},
    {HyperParameterScalingType::Logarithmic, "Logarithmic"},
    {HyperParameterScalingType::ReverseLogarithmic, "ReverseLogarithmic"},
}};
constexpr Spellings<HyperParameterTuningJobStrategyType, 4> kStrategy{{
    {HyperParameterTuningJobStrategyType::Bayesian, "Bayesian"},
    {HyperParameterTuningJobStrategyType::Random, "Random"},
    {HyperParameterTuningJobStrategyType::Hyperband, "Hyperband"},
    {HyperParameterTuningJobStrategyType::Grid, "Grid"},
}};
constexpr Spellings<HyperParameterTuningJobObjectiveType, 2> kObjective{{
    {HyperParameterTuningJobObjectiveType::Maximize, "Maximize"},
    {HyperParameterTuningJobObjectiveType::Minimize, "Minimize"},
}};
constexpr Spellings<TrainingJobEarlyStoppingType, 2> kEarlyStopping{{
    {TrainingJobEarlyStoppingType::Off, "Off"},
    {TrainingJobEarlyStoppingType::Auto, "Auto"},
}};
constexpr Spellings<HyperParameterTuningJobStatus, 7> kTuningStatus{{
    {HyperParameterTuningJobStatus::Completed, "Completed"},
    {HyperParameterTuningJobStatus::InProgress, "InProgress"},
    {HyperParameterTuningJobStatus::Failed, "Failed"},
    {HyperParameterTuningJobStatus::Stopped, "Stopped"},
    {HyperParameterTuningJobStatus::Stopping, "Stopping"},
    {HyperParameterTuningJobStatus::Deleting, "Deleting"},
    {HyperParameterTuningJobStatus::DeleteFailed, "DeleteFailed"},
}};
constexpr Spellings<TrainingJobStatus, 6> kTrainingStatus{{
    {TrainingJobStatus::InProgress, "InProgress"},
    {TrainingJobStatus::Completed, "Completed"},
    {TrainingJobStatus::Failed, "Failed"},
    {TrainingJobStatus::Stopping, "Stopping"},
    {TrainingJobStatus::Stopped, "Stopped"},
    {TrainingJobStatus::Deleting, "Deleting"},
}};
constexpr Spellings<SecondaryStatus, 17> kSecondary{{
    {SecondaryStatus::Starting, "Starting"},
    {SecondaryStatus::LaunchingMLInstances, "LaunchingMLInstances"},
    {SecondaryStatus::PreparingTrainingStack, "PreparingTrainingStack"},
    {SecondaryStatus::Downloading, "Downloading"},
    {SecondaryStatus::DownloadingTrainingImage, "DownloadingTrainingImage"},
    {SecondaryStatus::Training, "Training"},
    {SecondaryStatus::Uploading, "Uploading"},
    {SecondaryStatus::Stopping, "Stopping"},
    {SecondaryStatus::Stopped, "Stopped"},
    {SecondaryStatus::MaxRuntimeExceeded, "MaxRuntimeExceeded"},
    {SecondaryStatus::Completed, "Completed"},
    {SecondaryStatus::Failed, "Failed"},
    {SecondaryStatus::Interrupted, "Interrupted"},
    {SecondaryStatus::MaxWaitTimeExceeded, "MaxWaitTimeExceeded"},
    {SecondaryStatus::Updating, "Updating"},
    {SecondaryStatus::Restarting, "Restarting"},
    {SecondaryStatus::Pending, "Pending"},
}};
constexpr Spellings<ObjectiveStatus, 3> kObjectiveStatus{{
    {ObjectiveStatus::Succeeded, "Succeeded"},
    {ObjectiveStatus::Pending, "Pending"},
    {ObjectiveStatus::Failed, "Failed"},
}};
constexpr Spellings<WarmPoolResourceStatus, 4> kWarmPool{{
    {WarmPoolResourceStatus::Available, "Available"},
    {WarmPoolResourceStatus::Terminated, "Terminated"},
    {WarmPoolResourceStatus::Reused, "Reused"},
    {WarmPoolResourceStatus::InUse, "InUse"},
}};

template <typename E, std::size_t N>
std::string_view spell(const Spellings<E, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> lookup(const Spellings<E, N>& table, std::string_view text) {
  for (const auto& [v, spelling] : table) {
    if (spelling == text) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(HyperParameterScalingType v) { return spell(kScaling, v); }
std::string_view to_string(HyperParameterTuningJobStrategyType v) { return spell(kStrategy, v); }
std::string_view to_string(HyperParameterTuningJobObjectiveType v) { return spell(kObjective, v); }
std::string_view to_string(TrainingJobEarlyStoppingType v) { return spell(kEarlyStopping, v); }
std::string_view to_string(HyperParameterTuningJobStatus v) { return spell(kTuningStatus, v); }
std::string_view to_string(TrainingJobStatus v) { return spell(kTrainingStatus, v); }
std::string_view to_string(SecondaryStatus v) { return spell(kSecondary, v); }
std::string_view to_string(ObjectiveStatus v) { return spell(kObjectiveStatus, v); }
std::string_view to_string(WarmPoolResourceStatus v) { return spell(kWarmPool, v); }

template <>
std::optional<HyperParameterScalingType> parse(std::string_view t) { return lookup(kScaling, t); }
template <>
std::optional<HyperParameterTuningJobStrategyType> parse(std::string_view t) { return lookup(kStrategy, t); }
template <>
std::optional<HyperParameterTuningJobObjectiveType> parse(std::string_view t) { return lookup(kObjective, t); }
template <>
std::optional<TrainingJobEarlyStoppingType> parse(std::string_view t) { return lookup(kEarlyStopping, t); }
template <>
std::optional<HyperParameterTuningJobStatus> parse(std::string_view t) { return lookup(kTuningStatus, t); }
template <>
std::optional<TrainingJobStatus> parse(std::string_view t) { return lookup(kTrainingStatus, t); }
template <>
std::optional<SecondaryStatus> parse(std::string_view t) { return lookup(kSecondary, t); }
template <>
std::optional<ObjectiveStatus> parse(std::string_view t) { return lookup(kObjectiveStatus, t); }
template <>
std::optional<WarmPoolResourceStatus> parse(std::string_view t) {
  return lookup(kWarmPool, t);
}

}  // namespace emulator::model
