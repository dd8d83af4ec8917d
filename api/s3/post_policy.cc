#include "api/s3/post_policy.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

#include "api/checksums/encoding.h"
#include "api/s3/s3_request.h"

namespace api::s3 {

namespace {

using Json = nlohmann::json;

S3Error invalid_policy(std::string why) {
  return {400, "InvalidPolicyDocument", "Invalid Policy: " + std::move(why), {}};
}

S3Error against_policy(const std::string& why) {
  return {403, "AccessDenied", "Invalid according to Policy: " + why, {}};
}

// "2026-12-03T08:02:36Z", with or without fractional seconds, as UTC.
std::optional<std::chrono::sys_seconds> parse_expiration(const std::string& text) {
  std::tm parts{};
  char zone = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                  &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(text).substr(static_cast<std::size_t>(consumed));
  if (rest.starts_with('.')) rest.remove_prefix(std::min(rest.find_first_not_of("0123456789", 1), rest.size()));
  zone = rest.size() == 1 ? rest.front() : 0;
  if (zone != 'Z') return std::nullopt;
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return std::chrono::sys_seconds(std::chrono::seconds(timegm(&parts)));
}

// A condition as S3 quotes it in an error: ["eq", "$key", "a.txt"].
std::string quoted(const Json& op, const Json& field, const Json& value) {
  return "[" + op.dump() + ", " + field.dump() + ", " + value.dump() + "]";
}

std::string field_of(const Json& name) {
  const std::string text = name.get<std::string>();
  return ascii_lower(text.starts_with('$') ? text.substr(1) : text);
}

PostCondition condition_of(const Json& j) {
  PostCondition condition;
  if (j.is_object()) {
    if (j.size() != 1 || !j.begin().value().is_string()) throw std::invalid_argument("condition");
    condition.field = ascii_lower(j.begin().key());
    condition.value = j.begin().value().get<std::string>();
    condition.text = quoted("eq", "$" + j.begin().key(), j.begin().value());
    return condition;
  }
  if (!j.is_array() || j.size() != 3) throw std::invalid_argument("condition");
  const std::string op = ascii_lower(j.at(0).get<std::string>());
  if (op == "content-length-range") {
    condition.kind = PostCondition::Kind::content_length_range;
    condition.min = j.at(1).get<std::uint64_t>();
    condition.max = j.at(2).get<std::uint64_t>();
  } else if (op == "eq" || op == "starts-with") {
    condition.kind = op == "eq" ? PostCondition::Kind::eq : PostCondition::Kind::starts_with;
    condition.field = field_of(j.at(1));
    condition.value = j.at(2).get<std::string>();
  } else {
    throw std::invalid_argument("condition");
  }
  condition.text = quoted(j.at(0), j.at(1), j.at(2));
  return condition;
}

// Fields a policy need not name: the signature and what carries it, the file, x-ignore-*.
bool exempt(const std::string& name) {
  return name == "policy" || name == "x-amz-signature" || name == "signature" || name == "awsaccesskeyid" ||
         name == "file" || name.starts_with("x-ignore-");
}

std::optional<S3Error> size_violation(const PostCondition& range, std::uint64_t size) {
  const std::string proposed = std::to_string(size);
  if (size < range.min) {
    return S3Error{400,
                   "EntityTooSmall",
                   "Your proposed upload is smaller than the minimum allowed size",
                   {{"ProposedSize", proposed}, {"MinSizeAllowed", std::to_string(range.min)}}};
  }
  if (size > range.max) {
    return S3Error{400,
                   "EntityTooLarge",
                   "Your proposed upload exceeds the maximum allowed size",
                   {{"ProposedSize", proposed}, {"MaxSizeAllowed", std::to_string(range.max)}}};
  }
  return std::nullopt;
}

}  // namespace

capacity_model::Result<PostPolicy, S3Error> read_policy(std::string_view base64_policy) {
  const auto text = checksums::from_base64(base64_policy);
  if (!text) return invalid_policy("Invalid Base64 Encoding.");
  const Json j = Json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid_policy("Invalid JSON.");
  PostPolicy policy;
  try {
    const auto expiration = parse_expiration(j.at("expiration").get<std::string>());
    if (!expiration) return invalid_policy("Invalid 'expiration' value: '" + j.at("expiration").dump() + "'");
    policy.expiration = *expiration;
    for (const auto& condition : j.at("conditions")) policy.conditions.push_back(condition_of(condition));
  } catch (const std::exception&) {
    return invalid_policy("Invalid 'conditions' or missing 'expiration'.");
  }
  return policy;
}

std::optional<S3Error> policy_violation(const PostPolicy& policy, const PostForm& form, std::string_view bucket) {
  for (const auto& condition : policy.conditions) {
    if (condition.kind == PostCondition::Kind::content_length_range) {
      if (auto bad = size_violation(condition, form.file.size())) return bad;
      continue;
    }
    const std::string value =
        condition.field == "bucket" ? std::string(bucket) : form.field(condition.field).value_or("");
    const bool holds =
        condition.kind == PostCondition::Kind::eq ? value == condition.value : value.starts_with(condition.value);
    if (!holds) return against_policy("Policy Condition failed: " + condition.text);
  }
  for (const auto& field : form.fields) {
    const auto& name = field.first;  // a plain name, not a structured binding: clang 14 cannot capture those
    const bool named = std::any_of(policy.conditions.begin(), policy.conditions.end(),
                                   [&](const PostCondition& condition) { return condition.field == name; });
    if (!named && !exempt(name) && name != "bucket") return against_policy("Extra input fields: " + name);
  }
  return std::nullopt;
}

}  // namespace api::s3
