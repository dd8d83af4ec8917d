#pragma once

#include "api/sagemaker/codec/json_fields.h"
#include "emulator/errors.h"
#include "emulator/model/tuning_request.h"

namespace api::sagemaker::codec {

// CreateHyperParameterTuningJob body → typed request. Also writes the normalised
// configuration DescribeHyperParameterTuningJob returns (defaults filled as the SageMaker
// Python SDK expects, §3.16) and, per definition, what each launched job describes.
emulator::Result<emulator::model::CreateHyperParameterTuningJobRequest> decode_create_tuning_job(const Json& body);

// The members of a training-job description copied from a definition (or a
// CreateTrainingJob body): algorithm, role, channels, output, stopping condition, flags.
Json training_description_members(const Json& definition);

std::vector<emulator::model::Tag> decode_tags(const Json& body);

}  // namespace api::sagemaker::codec
