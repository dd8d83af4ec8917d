#include "api/sagemaker/sagemaker_api.h"

#include <spdlog/spdlog.h>

#include <array>
#include <utility>

#include "api/aws/credential_scope.h"
#include "api/aws/envelope.h"
#include "api/sagemaker/checked_input.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {
namespace {

constexpr std::string_view kTargetPrefix = "SageMaker.";

constexpr std::array<std::pair<std::string_view, OperationHandler>, 15> kOperations{{
    {"CreateHyperParameterTuningJob", &create_hyper_parameter_tuning_job},
    {"DescribeHyperParameterTuningJob", &describe_hyper_parameter_tuning_job},
    {"ListHyperParameterTuningJobs", &list_hyper_parameter_tuning_jobs},
    {"StopHyperParameterTuningJob", &stop_hyper_parameter_tuning_job},
    {"ListTrainingJobsForHyperParameterTuningJob", &list_training_jobs_for_hyper_parameter_tuning_job},
    {"DescribeTrainingJob", &describe_training_job},
    {"ListTrainingJobs", &list_training_jobs},
    {"StopTrainingJob", &stop_training_job},
    {"DeleteHyperParameterTuningJob", &delete_hyper_parameter_tuning_job},
    {"CreateTrainingJob", &create_training_job},
    {"DeleteTrainingJob", &delete_training_job},
    {"UpdateTrainingJob", &update_training_job},
    {"AddTags", &add_tags},
    {"ListTags", &list_tags},
    {"DeleteTags", &delete_tags},
}};

OperationHandler find_handler(std::string_view operation) {
  for (const auto& [name, handler] : kOperations) {
    if (name == operation) return handler;
  }
  return nullptr;
}

}  // namespace

SageMakerApi::SageMakerApi(emulator::SageMakerService& service, const service_model::ServiceModel& model,
                           std::string default_region, IssuedAccounts issued_accounts, EmptyPrefix empty_prefix)
    : service_(service),
      model_(model),
      validator_(model),
      answers_(std::make_unique<codec::AnswerCache>()),
      default_region_(std::move(default_region)),
      issued_accounts_(std::move(issued_accounts)),
      empty_prefix_(std::move(empty_prefix)) {}

SageMakerApi::~SageMakerApi() = default;

std::optional<std::string_view> SageMakerApi::served_operation(std::string_view target) {
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) return std::nullopt;
  const auto operation = target.substr(kTargetPrefix.size());
  if (find_handler(operation) == nullptr) return std::nullopt;
  return operation;
}

server::HttpResponse SageMakerApi::handle(const server::HttpRequest& request) {
  const auto target = request.header("X-Amz-Target");
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
    return aws::failure("UnknownOperationException",
                        "X-Amz-Target '" + std::string(target) + "' does not name a SageMaker operation.");
  }
  const auto operation = target.substr(kTargetPrefix.size());
  const OperationHandler handler = find_handler(operation);
  if (handler == nullptr) {
    const auto why = model_.has_operation(operation) ? " is not implemented by amt-emulator yet."
                                                      : " is not an operation amt-emulator knows.";
    return aws::failure("UnknownOperationException", "Operation " + std::string(operation) + why);
  }

  auto checked = checked_input(model_, validator_, operation, request.body);
  if (!checked) return aws::failure(checked.error().code, checked.error().message);
  Json input = std::move(*checked);

  const auto scope = aws::scope_of(request.header("Authorization"), default_region_, issued_accounts_);
  const codec::JobEncoder encoder(service_.clock(), scope);
  OperationContext context{service_, scope, encoder, *answers_, empty_prefix_};
  try {
    return handler(context, input);
  } catch (const Json::exception& e) {
    // The validator let through a shape the codec did not expect: a client error, and
    // never a retryable status.
    spdlog::warn("{}: unexpected request shape: {}", operation, e.what());
    return aws::failure("SerializationException", std::string("Unexpected request shape: ") + e.what());
  }
}

}  // namespace api::sagemaker
