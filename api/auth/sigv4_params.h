#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/auth/signing.h"
#include "api/server/http_types.h"
#include "capacity_model/result.h"

namespace api::auth {

// How a request carries its signature, if at all.
enum class SignatureForm { none, header, presigned_v4, presigned_v2 };
// A SigV4 Authorization header wins; then X-Amz-Algorithm (presigned SigV4), then
// AWSAccessKeyId + Signature (S3's presigned SigV2) in the query.
SignatureForm signature_form_of(const server::HttpRequest& request);

// What a SigV4 signature names: from "Authorization: AWS4-HMAC-SHA256 Credential=…,
// SignedHeaders=…, Signature=…" plus X-Amz-Date (else Date), or from a presigned query.
struct SigV4Params {
  std::string access_key;
  Scope scope;
  std::vector<std::string> signed_headers;  // lower case
  std::string signature;
  std::string amz_date;                 // "20261203T080236Z"
  std::optional<long> expires_seconds;  // a presigned URL's X-Amz-Expires
};

// Why a signature cannot even be checked: the text after AWS's "…; " prefix.
struct Malformed {
  std::string message;
};

capacity_model::Result<SigV4Params, Malformed> header_params(const server::HttpRequest& request);
capacity_model::Result<SigV4Params, Malformed> presigned_params(const server::HttpRequest& request);

// A query parameter's decoded value, nullopt when absent.
std::optional<std::string> query_value(std::string_view raw_query, std::string_view name);

}  // namespace api::auth
