#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/service_model/service_model.h"

namespace api::monitoring {

// An operation's output (the AWS JSON form the handlers build) as the query protocol's XML
// (wire-protocols.md §4.3, §6), walking the output shape in model order: structures as
// elements, lists as <member> items, maps as <entry><key/><value/></entry>, timestamps as
// ISO 8601, doubles as their shortest exact decimal. The markup goes inside <OpResult>.
std::string encode_xml(const nlohmann::json& output, const service_model::Shape& shape);

}  // namespace api::monitoring
