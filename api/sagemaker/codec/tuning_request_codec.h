#pragma once

#include "api/sagemaker/codec/json_fields.h"
#include "emulator/model/errors.h"
#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"

namespace api::sagemaker::codec {

// CreateHyperParameterTuningJob body → typed request. Also writes the normalised
// configuration DescribeHyperParameterTuningJob returns (defaults filled as the SageMaker
// Python SDK expects, §3.16) and, per definition, what each launched job describes.
emulator::Result<emulator::model::CreateHyperParameterTuningJobRequest> decode_create_tuning_job(const Json& body);

// The members of a training-job description copied from a definition (or a
// CreateTrainingJob body): algorithm, role, channels, output, stopping condition, flags.
Json training_description_members(const Json& definition);

// The members DescribeTrainingJob returns verbatim for a job: UpdateTrainingJob's, else those
// of the job's own request, else (a tuning job's child) those of its definition in the tuning
// job's request, the one text a tuning job keeps of it.
std::string training_description(const emulator::model::TrainingJob& job);

std::vector<emulator::model::Tag> decode_tags(const Json& body);

// Members shared by a tuning job's definitions and CreateTrainingJob.
emulator::model::ResourceConfig decode_resource_config(const Json& resource_config);
struct AlgorithmFields {
  std::optional<std::string> training_image;
  std::optional<std::string> algorithm_name;
  std::vector<emulator::model::MetricDefinition> metric_definitions;
};
AlgorithmFields decode_algorithm(const Json& algorithm_specification);

}  // namespace api::sagemaker::codec
