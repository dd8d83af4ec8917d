#include "emulator/model/training_job.h"

#include <array>
#include <atomic>

#include "emulator/model/training_messages.h"

namespace emulator::model {

std::string_view text_of(StatusMessage message) {
  static constexpr std::array<std::string_view, 16> kTexts = {
      "Launching requested ML instances.",
      "Preparing the instances for training.",
      "Insufficient capacity error from EC2 while launching instances, retrying!",
      "Downloading input data",
      "Training image download completed. Training in progress.",
      "Uploading generated training model",
      "Training job completed",
      "Stopping the training job.",
      "Stopping the training job: MaxRuntimeInSeconds reached.",
      "Stopping the training job: MaxWaitTimeInSeconds reached.",
      "Stopping the training job: stopped early by the tuning job.",
      "Training job stopped",
      "Training job stopped: MaxRuntimeInSeconds exceeded.",
      "Training job stopped: MaxWaitTimeInSeconds exceeded.",
      "Spot capacity was reclaimed.",
      "",
  };
  return kTexts[static_cast<std::size_t>(message)];
}

std::uint64_t next_version() {
  // Atomic: several worlds may run side by side (what-if runs).
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

void TrainingJob::touch(SimTime now) {
  last_modified_time = now;
  changed();
}

void TrainingJob::changed() { version = next_version(); }

const std::string* TrainingJob::hyper_parameter(std::string_view name) const {
  if (!spec->objective_metric.empty() && name == kTuningObjectiveKey) return &spec->objective_metric;
  for (std::size_t i = 0; i < spec->tuned_names.size() && i < tuned_values.size(); ++i) {
    if (spec->tuned_names[i] == name) return &tuned_values[i];
  }
  auto it = spec->static_hyper_parameters.find(std::string(name));
  return it == spec->static_hyper_parameters.end() ? nullptr : &it->second;
}

HyperParameters TrainingJob::hyper_parameters() const {
  auto all = spec->static_hyper_parameters;
  for (std::size_t i = 0; i < spec->tuned_names.size() && i < tuned_values.size(); ++i) {
    all[spec->tuned_names[i]] = tuned_values[i];
  }
  if (!spec->objective_metric.empty()) all[kTuningObjectiveKey] = spec->objective_metric;
  return all;
}

HyperParameters TrainingJob::tuned_hyper_parameters() const {
  HyperParameters tuned;
  for (std::size_t i = 0; i < spec->tuned_names.size() && i < tuned_values.size(); ++i) {
    tuned.emplace(spec->tuned_names[i], tuned_values[i]);
  }
  return tuned;
}

std::string TrainingJob::model_artifacts() const {
  auto path = spec->s3_output_path;
  if (!path.empty() && path.back() != '/') path += '/';
  // Uncompressed, the model is its files under a prefix, and the artifacts name the prefix.
  return path + name + (spec->compressed_output ? "/output/model.tar.gz" : "/output/model/");
}

std::string_view TrainingJob::message_of(const SecondaryStatusTransition& transition) const {
  return transition.message == StatusMessage::FailureReason ? std::string_view(failure_reason)
                                                            : text_of(transition.message);
}

}  // namespace emulator::model
