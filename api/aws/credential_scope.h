#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/model/scope.h"

namespace api::aws {

inline constexpr std::string_view kDefaultAccount = "123456789012";

// The SigV4 credential of an Authorization header,
// "Credential=<access key>/<date>/<region>/<service>/aws4_request", as sent (unchecked);
// nullopt for unsigned or malformed headers.
struct Credential {
  std::string access_key;
  std::string region;
  std::string service;
};
std::optional<Credential> credential_of(std::string_view authorization);

// The account of a temporary access key STS issued (AssumeRole), nullopt for any other key.
using IssuedAccounts = std::function<std::optional<std::string>(std::string_view access_key)>;

// The account an access key acts in: an issued key's own, a 12-digit key is the account id,
// any other key the default account.
std::string account_of(std::string_view access_key, const IssuedAccounts& issued = {});

// Account and region of a request, from the SigV4 credential scope
// ("Credential=<key>/<date>/<region>/sagemaker/aws4_request"): the account by account_of, the
// region if it looks like one; unsigned requests get the default account in `default_region`.
// Signatures are not checked (§1.3).
emulator::model::Scope scope_of(std::string_view authorization, const std::string& default_region,
                                const IssuedAccounts& issued = {});

}  // namespace api::aws
