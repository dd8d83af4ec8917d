#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "api/auth/verifier.h"
#include "api/server/http_types.h"

namespace api {

// Whether a request is an S3 form upload (POST Object) that carries its signature in the form
// rather than in an Authorization header or a presigned query.
bool is_signed_by_form(const server::HttpRequest& request);

// A form's own problem with the key that signed it (an AssumeRole key's session token, in the
// form's x-amz-security-token); nullopt when there is none.
using SessionCheck = std::function<std::optional<auth::Rejection>(std::string_view access_key, std::string_view token)>;

// The front door's checks of a form upload under --auth sigv4: a policy signed with a known
// key (SigV4: hex HMAC-SHA256 of the base64 policy under the x-amz-credential scope's signing
// key; SigV2: base64 HMAC-SHA1 with the secret), then the policy's expiration. A form without
// policy and signature is anonymous, so AccessDenied; one S3 cannot read at all is left to S3
// (MalformedPOSTRequest, InvalidPolicyDocument). The refusal in S3's words; nullopt to pass.
std::optional<server::HttpResponse> refuse_form_upload(const server::HttpRequest& request,
                                                       const auth::SecretOf& secret_of, const SessionCheck& session,
                                                       std::chrono::sys_seconds now);

}  // namespace api
