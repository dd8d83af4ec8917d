#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/auth/credentials_file.h"
#include "api/auth/verifier.h"
#include "api/server/http_types.h"
#include "api/sts/session_book.h"

namespace api {

// Who answers a request, and so how an authentication error is worded (wire-protocols.md §2.6).
enum class Protocol { json, cloudwatch_json, cloudwatch_cbor, sts_query, cloudwatch_query, s3 };

struct AuthSettings {
  bool sigv4 = false;                        // --auth sigv4
  auth::KeyPairs keys;                       // --credentials and AMT_EMULATOR_ACCESS_KEY_ID/…
  std::optional<std::string> control_token;  // --control-token
};

// The token of an "Authorization: Bearer <token>" header (the scheme in any case), or nullopt
// for another scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The front door's checks: with --auth sigv4 every AWS request's signature (and an S3 upload's
// chunk signatures), against the configured keys and those AssumeRole issued; with
// --control-token the control plane's bearer token. Time is the wall clock's, handed in:
// clients sign with it, never with the virtual one.
class AuthGate {
 public:
  using WallClock = std::function<std::chrono::sys_seconds()>;
  // The session AssumeRole issued with a key, nullptr for any other key.
  using IssuedSession = std::function<const sts::Session*(std::string_view access_key)>;
  AuthGate(AuthSettings settings, IssuedSession issued_session, WallClock now);

  // The error answer in the protocol's own envelope, nullopt when the request may pass.
  std::optional<server::HttpResponse> refuse(const server::HttpRequest& request, Protocol protocol) const;
  // 401 without "Authorization: Bearer <token>", 403 with another token; nullopt otherwise.
  std::optional<server::HttpResponse> refuse_control(const server::HttpRequest& request) const;

 private:
  AuthSettings settings_;
  IssuedSession issued_session_;
  WallClock now_;
};

}  // namespace api
