#include <stdexcept>
#include <string>
#include <variant>

#include <spdlog/spdlog.h>

#include "api/service_model/service_model.h"
#include "embedded/sagemaker_service_model.h"

namespace api::service_model {

const ServiceModel& sagemaker_model() {
  static const ServiceModel model = [] {
    auto loaded = ServiceModel::load(embedded::sagemaker_service_model);
    if (!loaded) {
      spdlog::critical("embedded SageMaker service model does not load: {}", loaded.error());
      throw std::runtime_error("embedded SageMaker service model does not load: " + loaded.error());
    }
    auto& m = *loaded;
    spdlog::debug("loaded SageMaker service model {}: {} operations, {} shapes", m.metadata().uid,
                  m.operations().size(), m.shapes().size());
    return std::move(m);
  }();
  return model;
}

}  // namespace api::service_model
