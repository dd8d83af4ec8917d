#pragma once

#include <nlohmann/json.hpp>

#include "api/service_model/service_model.h"

namespace api::service_model {

// Removes, recursively, the object members the shape does not model. The service ignores
// unknown members of a request; dropping them before the handlers run means nothing the
// model does not know can be echoed back in a Describe response.
void drop_unknown_members(const Shape& shape, nlohmann::json& value);

}  // namespace api::service_model
