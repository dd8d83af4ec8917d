#pragma once

#include "api/auth/verifier.h"
#include "api/auth_gate.h"
#include "api/server/http_types.h"

namespace api {

// A refused signature in the words and envelope of the protocol that was called
// (wire-protocols.md §2.6): JSON's *Exception types, query's codes in XML (CloudWatch's JSON
// and CBOR carry those in x-amzn-query-error), S3's <Error> with its details.
server::HttpResponse rejection_reply(const auth::Rejection& rejection, Protocol protocol, bool head);

}  // namespace api
