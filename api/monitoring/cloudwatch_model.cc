#include "api/monitoring/cloudwatch_model.h"

#include <stdexcept>

#include "embedded/cloudwatch_service_model.h"

namespace api::monitoring {

const service_model::ServiceModel& cloudwatch_model() {
  static const service_model::ServiceModel model = [] {
    auto loaded = service_model::ServiceModel::load(embedded::cloudwatch_service_model);
    if (!loaded) throw std::runtime_error("embedded CloudWatch service model does not load: " + loaded.error());
    return std::move(*loaded);
  }();
  return model;
}

const service_model::Shape* input_shape(std::string_view operation) {
  const auto* op = cloudwatch_model().operation(operation);
  return op != nullptr && op->input ? op->input->shape : nullptr;
}

const service_model::Shape* output_shape(std::string_view operation) {
  const auto* op = cloudwatch_model().operation(operation);
  return op != nullptr && op->output ? op->output->shape : nullptr;
}

}  // namespace api::monitoring
