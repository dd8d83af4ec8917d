#pragma once

#include <optional>

#include "api/auth/verifier.h"
#include "api/server/http_types.h"

namespace api {

// The chunk signatures of an S3 upload signed chunk by chunk (x-amz-content-sha256
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]), checked after its Authorization header has
// been: a chunk, final one included, whose signature is missing or does not chain from the one
// before, or a trailer signature that does not close the chain, is a bad signature. nullopt when
// all hold, for every other request, and for a body that is not aws-chunked at all (S3 then
// refuses it as IncompleteBody, so nothing is stored either way).
std::optional<auth::Rejection> refuse_signed_chunks(const server::HttpRequest& request,
                                                    const auth::SecretOf& secret_of);

}  // namespace api
