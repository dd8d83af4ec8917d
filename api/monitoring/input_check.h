#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "api/monitoring/failure.h"
#include "api/service_model/service_model.h"

namespace api::monitoring {

// Checks a decoded request (the AWS JSON form every framing decodes to) against its input
// shape, in model order, the way CloudWatch's front end does: a missing required member is
// MissingParameter; a value of the wrong type, an enum, length, size or range violation is
// InvalidParameterValue, named by its query path ("MetricData.member.2.Unit"). The first
// problem found, or nullopt. Members the model does not know are ignored.
std::optional<Failure> check_input(const service_model::Shape& shape, const nlohmann::json& input);

}  // namespace api::monitoring
