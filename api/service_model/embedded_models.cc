#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string>
#include <variant>

#include "api/service_model/service_model.h"
#include "embedded/logs_service_model.h"
#include "embedded/sagemaker_service_model.h"

namespace api::service_model {
namespace {

// A model compiled into the binary that does not load is a build defect: stop at start-up.
ServiceModel load_embedded(std::string_view service, std::string_view text) {
  auto loaded = ServiceModel::load(text);
  if (!loaded) {
    spdlog::critical("embedded {} service model does not load: {}", service, loaded.error());
    throw std::runtime_error("embedded " + std::string(service) + " service model does not load: " + loaded.error());
  }
  spdlog::debug("loaded {} service model {}: {} operations, {} shapes", service, loaded->metadata().uid,
                loaded->operations().size(), loaded->shapes().size());
  return std::move(*loaded);
}

}  // namespace

const ServiceModel& sagemaker_model() {
  static const ServiceModel model = load_embedded("SageMaker", embedded::sagemaker_service_model);
  return model;
}

const ServiceModel& logs_model() {
  static const ServiceModel model = load_embedded("CloudWatch Logs", embedded::logs_service_model);
  return model;
}

}  // namespace api::service_model
