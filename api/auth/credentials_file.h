#pragma once

#include <map>
#include <string>
#include <string_view>

#include "capacity_model/result.h"

namespace api::auth {

// Access key -> secret.
using KeyPairs = std::map<std::string, std::string, std::less<>>;

// The AWS shared-credentials format (~/.aws/credentials): "[profile]" sections with
// aws_access_key_id and aws_secret_access_key ('#' and ';' start comments; other keys, such as
// aws_session_token or region, are ignored). Every profile adds its pair. An error names the
// line; a profile with only one of the two keys is an error.
capacity_model::Result<KeyPairs, std::string> parse_credentials(std::string_view text);

}  // namespace api::auth
