#include "api/sts/assume_role_request.h"

#include <charconv>
#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

#include "api/sts/characters.h"

namespace api::sts {
namespace {

constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

// A string member's constraints from the model (botocore sts 2011-06-15), in its member order.
struct TextRule {
  std::string_view parameter;  // on the wire
  std::string_view member;     // in STS's messages
  bool required;
  std::size_t min, max;
  std::string_view pattern;  // as STS prints it; empty: not checked here
  bool word;                 // \w allowed (else only `extra`)
  std::string_view extra;
};

constexpr TextRule kRules[] = {
    {"RoleArn", "roleArn", true, 20, 2048, "", false, ""},
    {"RoleSessionName", "roleSessionName", true, 2, 64, "[\\w+=,.@-]*", true, "+=,.@-"},
    {"Policy", "policy", false, 1, kNoLimit, "", false, ""},
    {"ExternalId", "externalId", false, 2, 1224, "[\\w+=,.@:\\/-]*", true, "+=,.@:/-"},
    {"SerialNumber", "serialNumber", false, 9, 256, "[\\w+=/:,.@-]*", true, "+=/:,.@-"},
    {"TokenCode", "tokenCode", false, 6, 6, "[\\d]*", false, "0123456789"},
    {"SourceIdentity", "sourceIdentity", false, 2, 64, "[\\w+=,.@-]*", true, "+=,.@-"},
};

// Characters, not bytes, as STS counts them (UTF-8 continuation bytes are not counted).
std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string violation(std::string_view value, std::string_view member, std::string_view constraint) {
  return "Value '" + std::string(value) + "' at '" + std::string(member) +
         "' failed to satisfy constraint: Member must " + std::string(constraint);
}

void check_text(const query::Form& form, const TextRule& rule, std::vector<std::string>& violations) {
  const auto value = form.value(rule.parameter);
  if (!value) {
    if (rule.required) {
      violations.push_back("Value null at '" + std::string(rule.member) +
                           "' failed to satisfy constraint: Member must not be null");
    }
    return;
  }
  const auto length = characters(*value);
  if (length < rule.min) {
    violations.push_back(
        violation(*value, rule.member, "have length greater than or equal to " + std::to_string(rule.min)));
  }
  if (length > rule.max) {
    violations.push_back(
        violation(*value, rule.member, "have length less than or equal to " + std::to_string(rule.max)));
  }
  const bool allowed =
      rule.word ? all_word_or(*value, rule.extra) : value->find_first_not_of(rule.extra) == std::string_view::npos;
  if (!rule.pattern.empty() && !allowed) {
    violations.push_back(
        violation(*value, rule.member, "satisfy regular expression pattern: " + std::string(rule.pattern)));
  }
}

// DurationSeconds: 900 to 43200, 3600 when left out.
std::optional<int> check_duration(const query::Form& form, std::vector<std::string>& violations) {
  const auto text = form.value("DurationSeconds");
  if (!text) return 3600;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc() || end != text->data() + text->size()) {
    violations.push_back(violation(*text, "durationSeconds", "be an integer"));
  } else if (seconds < 900) {
    violations.push_back(violation(*text, "durationSeconds", "have value greater than or equal to 900"));
  } else if (seconds > 43200) {
    violations.push_back(violation(*text, "durationSeconds", "have value less than or equal to 43200"));
  } else {
    return static_cast<int>(seconds);
  }
  return std::nullopt;
}

std::string validation_message(const std::vector<std::string>& violations) {
  std::string message = std::to_string(violations.size()) +
                        (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (std::size_t i = 0; i < violations.size(); ++i) message += (i == 0 ? "" : "; ") + violations[i];
  return message;
}

}  // namespace

capacity_model::Result<AssumeRoleRequest, std::string> read_assume_role(const query::Form& form) {
  std::vector<std::string> violations;
  check_text(form, kRules[0], violations);
  check_text(form, kRules[1], violations);
  check_text(form, kRules[2], violations);
  const auto duration = check_duration(form, violations);  // between Policy and ExternalId in the model
  for (std::size_t i = 3; i < std::size(kRules); ++i) check_text(form, kRules[i], violations);
  if (!violations.empty()) return validation_message(violations);

  const std::string role_arn(*form.value("RoleArn"));
  auto role = parse_role_arn(role_arn);
  if (!role) return role_arn + " is invalid";
  AssumeRoleRequest request{role_arn, std::move(*role), std::string(*form.value("RoleSessionName")), *duration,
                            std::nullopt};
  if (const auto source = form.value("SourceIdentity")) request.source_identity = std::string(*source);
  return request;
}

}  // namespace api::sts
