#pragma once

#include <string>
#include <string_view>

#include "api/service_model/request_validator.h"
#include "api/service_model/service_model.h"
#include "capacity_model/result.h"
#include "emulator/model/tuning_request.h"

namespace api::sagemaker {

// An AWS error before the façade is reached: "SerializationException", "ValidationException".
struct InputError {
  std::string code;
  std::string message;
};

// A request body as every handler gets it: a JSON object, valid against the service model's
// input shape of `operation`, with the members the model does not know dropped.
capacity_model::Result<nlohmann::json, InputError> checked_input(const service_model::ServiceModel& model,
                                                                 const service_model::RequestValidator& validator,
                                                                 std::string_view operation, std::string_view body);

// A CreateHyperParameterTuningJob body → the typed request, with the checks and error texts
// CreateHyperParameterTuningJob gives before the request reaches the façade (what-if runs the
// request without a socket).
capacity_model::Result<emulator::model::CreateHyperParameterTuningJobRequest, InputError> checked_create_tuning_job(
    std::string_view body);

}  // namespace api::sagemaker
