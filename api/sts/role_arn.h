#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace api::sts {

// The parts of an IAM role ARN, "arn:<partition>:iam::<account>:role/<path/><name>", that an
// assumed-role session shows: its ARN is "arn:<partition>:sts::<account>:assumed-role/<name>/<session>".
struct RoleArn {
  std::string partition;
  std::string account;
  std::string name;
};

// nullopt unless `arn` is a role ARN as IAM writes one: partition "aws" or "aws-…", no region,
// a 12-digit account, a path "/" or "/…/" of printable ASCII, a name of 1 to 64 of [\w+=,.@-].
std::optional<RoleArn> parse_role_arn(std::string_view arn);

}  // namespace api::sts
