#include "api/sts/role_arn.h"

#include <algorithm>
#include <vector>

#include "api/sts/characters.h"

namespace api::sts {
namespace {

bool is_partition(std::string_view text) {
  if (text == "aws") return true;
  return text.size() > 4 && text.substr(0, 4) == "aws-" &&
         std::all_of(text.begin() + 4, text.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

bool is_account(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "/" or "/a/b/": printable ASCII between slashes, at most 512 characters (IAM's path rule).
bool is_path(std::string_view text) {
  return (text.size() == 1 || (text.size() >= 3 && text.size() <= 512)) && text.front() == '/' && text.back() == '/' &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
}

bool is_role_name(std::string_view text) { return !text.empty() && text.size() <= 64 && all_word_or(text, "+=,.@-"); }

}  // namespace

std::optional<RoleArn> parse_role_arn(std::string_view arn) {
  // arn : partition : service : region : account : resource — the resource may hold ':' no more.
  std::vector<std::string_view> parts;
  for (int i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts.push_back(arn.substr(0, colon));
    arn.remove_prefix(colon + 1);
  }
  constexpr std::string_view kRole = "role/";
  if (parts[0] != "arn" || !is_partition(parts[1]) || parts[2] != "iam" || !parts[3].empty() || !is_account(parts[4]) ||
      arn.substr(0, kRole.size()) != kRole) {
    return std::nullopt;
  }
  const auto resource = arn.substr(kRole.size() - 1);  // "/path/name"
  const auto slash = resource.rfind('/');
  const auto path = resource.substr(0, slash + 1);
  const auto name = resource.substr(slash + 1);
  if (!is_path(path) || !is_role_name(name)) return std::nullopt;
  return RoleArn{std::string(parts[1]), std::string(parts[4]), std::string(name)};
}

}  // namespace api::sts
