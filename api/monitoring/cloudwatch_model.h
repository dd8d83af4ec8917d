#pragma once

#include "api/service_model/service_model.h"

namespace api::monitoring {

inline constexpr std::string_view kApiVersion = "2010-08-01";
inline constexpr std::string_view kTargetPrefix = "GraniteServiceVersion20100801";
inline constexpr std::string_view kXmlNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";

// The served subset of botocore's CloudWatch model (fixtures/service_model/
// cloudwatch-2010-08-01.json), embedded and loaded on first use. Every framing decodes and
// encodes through its shapes, so the three protocols cannot drift apart. Throws
// std::runtime_error if the embedded text does not load (a build defect the unit tests catch).
const service_model::ServiceModel& cloudwatch_model();

// The input or output shape of a served operation, null for an operation not served (or an
// operation without one).
const service_model::Shape* input_shape(std::string_view operation);
const service_model::Shape* output_shape(std::string_view operation);

}  // namespace api::monitoring
