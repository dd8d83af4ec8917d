#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace emulator::model {

// Every resource lives in one (account, region): two clients that differ in either never
// see each other's jobs.
struct Scope {
  std::string account;
  std::string region;
  auto operator<=>(const Scope&) const = default;
};

// Whether `name` is shaped like an AWS region name: groups of lower-case letters joined by '-',
// at least two, then '-' and a number ("us-east-1", "us-gov-west-1", "eu-isoe-west-1").
bool is_region_name(std::string_view name);

std::string tuning_job_arn(const Scope& scope, std::string_view name);
std::string training_job_arn(const Scope& scope, std::string_view name);

}  // namespace emulator::model
