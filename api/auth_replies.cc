#include "api/auth_replies.h"

#include <string>

#include "api/auth/signing.h"
#include "api/aws/envelope.h"
#include "api/monitoring/wire_envelopes.h"
#include "api/query/envelope.h"
#include "api/s3/s3_replies.h"
#include "api/sts/sts_api.h"

namespace api {
namespace {

using auth::Problem;
using auth::Rejection;

constexpr std::string_view kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details.";
constexpr std::string_view kInvalidToken = "The security token included in the request is invalid.";
constexpr std::string_view kMissingToken = "Request is missing Authentication Token";

// One refusal as JSON and query word it: the JSON type, the query code, the query status.
struct Wording {
  std::string json_code;
  std::string query_code;
  int query_status;
  std::string message;
};

Wording wording_of(const Rejection& r) {
  switch (r.problem) {
    case Problem::missing:
    case Problem::no_payload_hash:
      return {"MissingAuthenticationTokenException", "MissingAuthenticationToken", 403, std::string(kMissingToken)};
    case Problem::malformed: return {"IncompleteSignatureException", "IncompleteSignature", 400, r.detail};
    case Problem::unknown_key:
      return {"UnrecognizedClientException", "InvalidClientTokenId", 403, std::string(kInvalidToken)};
    case Problem::bad_signature:
      return {"InvalidSignatureException", "SignatureDoesNotMatch", 403,
              std::string(kMismatch) + "\n\nThe Canonical String for this request should have been\n'" +
                  r.canonical_request + "'\n\nThe String-to-Sign should have been\n'" + r.string_to_sign + "'\n"};
    case Problem::skewed: return {"InvalidSignatureException", "SignatureDoesNotMatch", 403, r.detail};
    case Problem::expired:
      return {"InvalidSignatureException", "SignatureDoesNotMatch", 403,
              "Signature expired: " + auth::amz_date_of(r.expires_at) + " is now earlier than " +
                  auth::amz_date_of(r.server_time) + "."};
    case Problem::bad_token:
      return {"UnrecognizedClientException", "InvalidClientTokenId", 403, std::string(kInvalidToken)};
    case Problem::expired_token:
      return {"ExpiredTokenException", "ExpiredToken", 403, "The security token included in the request is expired"};
  }
  return {};
}

// "47 45 54 0a …": S3 shows the bytes it signed, spaced hex.
std::string spaced_hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    if (!out.empty()) out += ' ';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// A presigned URL past its end. X-Amz-Expires is SigV4's lifetime in seconds; SigV2's Expires
// parameter is already the instant shown as Expires.
s3::S3Error expired_error(const Rejection& r) {
  s3::S3Error error{403, "AccessDenied", "Request has expired", {}};
  if (r.expires_in) error.details.emplace_back("X-Amz-Expires", std::to_string(*r.expires_in));
  error.details.emplace_back("Expires", auth::iso_8601_of(r.expires_at));
  error.details.emplace_back("ServerTime", auth::iso_8601_of(r.server_time));
  return error;
}

s3::S3Error s3_error_of(const Rejection& r) {
  switch (r.problem) {
    case Problem::missing: return {403, "AccessDenied", "Access Denied", {}};
    case Problem::malformed:
      if (r.presigned) return {400, "AuthorizationQueryParametersError", r.detail, {}};
      return {400, "AuthorizationHeaderMalformed", "The authorization header is malformed; " + r.detail, {}};
    case Problem::no_payload_hash:
      return {400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256", {}};
    case Problem::unknown_key:
      return {403,
              "InvalidAccessKeyId",
              "The AWS Access Key Id you provided does not exist in our records.",
              {{"AWSAccessKeyId", r.access_key}}};
    case Problem::bad_signature: {
      s3::S3Error error{403,
                        "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided. Check your "
                        "key and signing method.",
                        {{"AWSAccessKeyId", r.access_key},
                         {"StringToSign", r.string_to_sign},
                         {"SignatureProvided", r.signature_provided},
                         {"StringToSignBytes", spaced_hex(r.string_to_sign)}}};
      if (!r.canonical_request.empty()) {
        error.details.emplace_back("CanonicalRequest", r.canonical_request);
        error.details.emplace_back("CanonicalRequestBytes", spaced_hex(r.canonical_request));
      }
      return error;
    }
    case Problem::skewed:
      return {403,
              "RequestTimeTooSkewed",
              "The difference between the request time and the current time is too large.",
              {{"RequestTime", r.request_time},
               {"ServerTime", auth::iso_8601_of(r.server_time)},
               {"MaxAllowedSkewMilliseconds", "900000"}}};
    case Problem::expired: return expired_error(r);
    case Problem::bad_token:
      return {400, "InvalidToken", "The provided token is malformed or otherwise invalid.", {{"Token-0", r.detail}}};
    case Problem::expired_token:
      return {400, "ExpiredToken", "The provided token has expired.", {{"Token-0", r.detail}}};
  }
  return {};
}

}  // namespace

server::HttpResponse rejection_reply(const Rejection& rejection, Protocol protocol, bool head) {
  if (protocol == Protocol::s3) return s3::error_reply(s3_error_of(rejection), head);
  const auto words = wording_of(rejection);
  switch (protocol) {
    case Protocol::json: return aws::failure(words.json_code, words.message);
    case Protocol::sts_query:
      return query::failure(sts::kXmlNamespace, words.query_code, words.message, words.query_status);
    case Protocol::cloudwatch_query: {
      auto response = monitoring::query_failure({words.query_code, words.message});
      response.status = words.query_status;
      return response;
    }
    case Protocol::cloudwatch_json: return monitoring::json_failure({words.query_code, words.message});
    case Protocol::cloudwatch_cbor: return monitoring::cbor_failure({words.query_code, words.message});
    case Protocol::s3: break;
  }
  return aws::failure(words.json_code, words.message);
}

}  // namespace api
