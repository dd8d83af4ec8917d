#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/service_model/service_model.h"

namespace api::monitoring {

// A Smithy RPC v2 CBOR body (wire-protocols.md §4.4) as the AWS JSON form: definite and
// indefinite-length items, half, single and double floats; a tag (1 on timestamps) is
// dropped, leaving the epoch seconds it wraps. An empty body is {}. nullopt for bytes that are
// not one well-formed CBOR item (or nest deeper than 64 levels).
std::optional<nlohmann::json> decode_cbor(std::string_view body);

// The AWS JSON form of an output as CBOR, walking `shape`: timestamps as tag 1 over integer
// (or, with a fraction, double) epoch seconds, doubles always as 64-bit floats (botocore
// keeps a CBOR integer in a double field an int), integers in their shortest form.
std::string encode_cbor(const nlohmann::json& value, const service_model::Shape& shape);

// A map of text strings, for error bodies ({"__type": ..., "message": ...}).
std::string encode_cbor_strings(const nlohmann::json& object);

}  // namespace api::monitoring
