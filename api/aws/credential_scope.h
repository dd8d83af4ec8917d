#pragma once

#include <string>
#include <string_view>

#include "emulator/model/scope.h"

namespace api::aws {

inline constexpr std::string_view kDefaultAccount = "123456789012";

// Account and region of a request, from the SigV4 credential scope
// ("Credential=<key>/<date>/<region>/sagemaker/aws4_request"): a 12-digit access key is the
// account id, any other key maps to the default account; unsigned requests get the
// default account in `default_region`. Signatures are not checked (§1.3).
emulator::model::Scope scope_of(std::string_view authorization, const std::string& default_region);

}  // namespace api::aws
