#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/s3/post_form.h"
#include "api/s3/s3_replies.h"
#include "capacity_model/result.h"

namespace api::s3 {

// The policy of a form upload (base64 JSON: "expiration" and "conditions"), which says what the
// form may carry. Conditions: {"field": "value"} and ["eq", "$field", "value"] match exactly,
// ["starts-with", "$field", "prefix"] by prefix, ["content-length-range", min, max] bound the
// file's size. Field names compare case-insensitively; "bucket" is the bucket posted to.
struct PostCondition {
  enum class Kind { eq, starts_with, content_length_range } kind = Kind::eq;
  std::string field;  // lower-case, without '$'
  std::string value;
  std::uint64_t min = 0;
  std::uint64_t max = 0;
  std::string text;  // as S3 quotes it in an error: ["eq", "$key", "a.txt"]
};

struct PostPolicy {
  std::chrono::sys_seconds expiration;
  std::vector<PostCondition> conditions;
};

// The policy in the form's `policy` field; InvalidPolicyDocument when it cannot be read.
capacity_model::Result<PostPolicy, S3Error> read_policy(std::string_view base64_policy);

// Every condition must hold for the form's fields as sent (a key's ${filename} unfilled), the bucket and the file's
// size, and every field but the signature, the policy, the file and x-ignore-* must be named by
// a condition: else S3's AccessDenied "Invalid according to Policy: ...", or EntityTooSmall /
// EntityTooLarge for the size.
std::optional<S3Error> policy_violation(const PostPolicy& policy, const PostForm& form, std::string_view bucket);

}  // namespace api::s3
