#include "api/sagemaker/checked_input.h"

#include "api/json/json_body.h"
#include "api/sagemaker/codec/tuning_request_codec.h"
#include "api/service_model/unknown_members.h"

namespace api::sagemaker {

capacity_model::Result<nlohmann::json, InputError> checked_input(const service_model::ServiceModel& model,
                                                                 const service_model::RequestValidator& validator,
                                                                 std::string_view operation, std::string_view body) {
  auto parsed = parse_json_object(body);
  if (!parsed) return InputError{"SerializationException", parsed.error()};
  nlohmann::json input = std::move(*parsed);
  if (auto valid = validator.validate(operation, input); !valid) {
    return InputError{valid.error().code, valid.error().message};
  }
  if (const auto* modelled = model.operation(operation); modelled != nullptr && modelled->input) {
    service_model::drop_unknown_members(*modelled->input->shape, input);
  }
  return input;
}

capacity_model::Result<emulator::model::CreateHyperParameterTuningJobRequest, InputError> checked_create_tuning_job(
    std::string_view body) {
  const auto& model = service_model::sagemaker_model();
  auto input = checked_input(model, service_model::RequestValidator(model), "CreateHyperParameterTuningJob", body);
  if (!input) return input.error();
  try {
    auto request = codec::decode_create_tuning_job(*input);
    if (!request) return InputError{std::string(emulator::to_string(request.error().code)), request.error().message};
    return std::move(*request);
  } catch (const nlohmann::json::exception& e) {
    return InputError{"SerializationException", std::string("Unexpected request shape: ") + e.what()};
  }
}

}  // namespace api::sagemaker
