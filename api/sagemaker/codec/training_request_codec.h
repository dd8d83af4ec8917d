#pragma once

#include "api/sagemaker/codec/json_fields.h"
#include "emulator/model/training_request.h"

namespace api::sagemaker::codec {

// CreateTrainingJob body → typed request, with the members DescribeTrainingJob echoes.
emulator::model::CreateTrainingJobRequest decode_create_training_job(const Json& body);

// UpdateTrainingJob body → the update, merged into the job's current description.
emulator::model::TrainingJobUpdate decode_update_training_job(const Json& body, const std::string& current_description);

}  // namespace api::sagemaker::codec
