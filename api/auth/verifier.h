#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"

namespace api::auth {

// Why a request was refused; each protocol family words it its own way (wire-protocols.md §2.6).
enum class Problem {
  missing,          // no signature at all
  malformed,        // a signature that cannot be checked (`detail` says why)
  no_payload_hash,  // S3 header signature without x-amz-content-sha256
  unknown_key,      // an access key nobody configured or issued
  bad_signature,    // the client signed something else, or with another secret
  skewed,           // X-Amz-Date more than 15 minutes from the wall clock
  expired,          // a presigned URL past its expiry
  bad_token,        // an AssumeRole key whose request carries another session token
  expired_token,    // an AssumeRole key past its Expiration
};

struct Rejection {
  Problem problem = Problem::missing;
  bool presigned = false;
  std::string detail;  // malformed: the reason; skewed: AWS's "Signature expired: …" text; *_token: the token
  std::string access_key;
  std::string canonical_request;  // empty for SigV2
  std::string string_to_sign;
  std::string signature_provided;
  // Times kept as instants, for each protocol writes them its own way (S3's details in ISO 8601,
  // the JSON and query "Signature expired: …" messages in the basic format); S3 echoes
  // RequestTime as the request sent it.
  std::string request_time;                // skewed: the request's date as it was sent
  std::chrono::sys_seconds server_time{};  // skewed and expired: the wall clock's now
  std::chrono::sys_seconds expires_at{};   // expired: the end of a presigned URL's life
  std::optional<long> expires_in;          // expired SigV4: X-Amz-Expires (SigV2 has none)
};

// The secret of an access key, nullopt when the key is unknown.
using SecretOf = std::function<std::optional<std::string>(std::string_view access_key)>;

inline constexpr std::chrono::minutes kMaxSkew{15};

// Checks a request's SigV4 (header or presigned query) or S3 presigned SigV2 signature against
// `secret_of`, at wall time `now`; nullopt when it holds. `s3` selects S3's raw path and its
// x-amz-content-sha256 payload hash.
std::optional<Rejection> verify(const server::HttpRequest& request, bool s3, const SecretOf& secret_of,
                                std::chrono::sys_seconds now);

}  // namespace api::auth
