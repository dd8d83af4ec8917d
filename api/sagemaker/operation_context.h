#pragma once

#include "api/sagemaker/codec/job_encoding.h"
#include "api/sagemaker/codec/json_fields.h"
#include "api/server/http_types.h"
#include "emulator/sagemaker_service.h"
#include "emulator/model/scope.h"

namespace api::sagemaker {

using codec::Json;

// What one operation handler gets: the service, the caller's (account, region) and the
// validated input. Handlers are pure request → response functions (no socket).
struct OperationContext {
  emulator::SageMakerService& service;
  const emulator::model::Scope& scope;
  const codec::JobEncoder& encoder;
};

using OperationHandler = server::HttpResponse (*)(OperationContext& context, const Json& input);

server::HttpResponse create_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse describe_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse list_hyper_parameter_tuning_jobs(OperationContext& c, const Json& input);
server::HttpResponse stop_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse list_training_jobs_for_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse describe_training_job(OperationContext& c, const Json& input);
server::HttpResponse list_training_jobs(OperationContext& c, const Json& input);
server::HttpResponse stop_training_job(OperationContext& c, const Json& input);
server::HttpResponse delete_hyper_parameter_tuning_job(OperationContext& c, const Json& input);
server::HttpResponse create_training_job(OperationContext& c, const Json& input);
server::HttpResponse delete_training_job(OperationContext& c, const Json& input);
server::HttpResponse update_training_job(OperationContext& c, const Json& input);
server::HttpResponse add_tags(OperationContext& c, const Json& input);
server::HttpResponse list_tags(OperationContext& c, const Json& input);
server::HttpResponse delete_tags(OperationContext& c, const Json& input);

}  // namespace api::sagemaker
