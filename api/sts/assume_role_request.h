#pragma once

#include <optional>
#include <string>

#include "api/query/form.h"
#include "api/sts/role_arn.h"
#include "capacity_model/result.h"

namespace api::sts {

struct AssumeRoleRequest {
  std::string role_arn;
  RoleArn role;
  std::string session_name;
  int duration_seconds = 3600;
  std::optional<std::string> source_identity;
};

// AssumeRole's parameters checked as STS checks them: first the model's constraints (required
// members, lengths, patterns, the 900 to 43200 s range), all reported together in STS's words
// ("2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint:
// Member must have length greater than or equal to 2; ..."), then the role ARN's shape
// ("<arn> is invalid"). The error is the message of a ValidationError (400). Session policies,
// tags and MFA values are checked for their lengths and patterns only, and then ignored.
capacity_model::Result<AssumeRoleRequest, std::string> read_assume_role(const query::Form& form);

}  // namespace api::sts
