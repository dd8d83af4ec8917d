#pragma once

#include <string>
#include <string_view>

namespace api::sts {

// Temporary credentials shaped as STS issues them.
struct TemporaryCredentials {
  std::string access_key_id;      // "ASIA" + 16 of [A-Z2-7]: 20 characters
  std::string secret_access_key;  // 40 of [A-Za-z0-9+/]
  std::string session_token;      // opaque base64 text
};

// Fresh random credentials. Random on purpose, as request ids are: a key must never repeat
// across runs, and credentials are no part of the deterministic simulation.
TemporaryCredentials new_credentials();

// "AROA" + 17 of [A-Z0-9], the same for the same role ARN, as IAM keeps one id for a role.
std::string role_id(std::string_view role_arn);

}  // namespace api::sts
