#pragma once

#include <nlohmann/json.hpp>

#include "api/monitoring/failure.h"
#include "api/query/form.h"
#include "api/service_model/service_model.h"
#include "capacity_model/result.h"

namespace api::monitoring {

// A query-protocol form (wire-protocols.md §6) as the AWS JSON request the same call would
// send, walking the input shape: `A.B=v` nests, `A.member.N` lists, scalars typed by their
// shape (timestamps from ISO 8601 to epoch seconds). A scalar that does not read as its type is
// InvalidParameterValue. Fields the shape does not name are ignored (Action, Version, ...).
capacity_model::Result<nlohmann::json, Failure> decode_query(const query::Form& form,
                                                             const service_model::Shape& input);

}  // namespace api::monitoring
