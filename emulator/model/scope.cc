#include "emulator/model/scope.h"

namespace emulator::model {

std::string tuning_job_arn(const Scope& scope, std::string_view name) {
  return "arn:aws:sagemaker:" + scope.region + ":" + scope.account + ":hyper-parameter-tuning-job/" + std::string(name);
}

std::string training_job_arn(const Scope& scope, std::string_view name) {
  return "arn:aws:sagemaker:" + scope.region + ":" + scope.account + ":training-job/" + std::string(name);
}

}  // namespace emulator::model
