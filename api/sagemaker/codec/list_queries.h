#pragma once

#include "api/sagemaker/codec/json_fields.h"
#include "emulator/queries.h"

namespace api::sagemaker::codec {

emulator::ListTuningJobsQuery decode_list_tuning_jobs(const Json& body);
emulator::ListTrainingJobsForTuningJobQuery decode_list_tuning_children(const Json& body);
emulator::ListTrainingJobsQuery decode_list_training_jobs(const Json& body);

}  // namespace api::sagemaker::codec
