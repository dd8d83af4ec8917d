#include "api/auth/credentials_file.h"

#include <cctype>
#include <optional>

namespace api::auth {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

struct Profile {
  std::string name;
  std::optional<std::string> key;
  std::optional<std::string> secret;
};

capacity_model::Status<std::string> close(const Profile& profile, KeyPairs& pairs) {
  if (!profile.key && !profile.secret) return capacity_model::Done{};
  if (!profile.key || !profile.secret || profile.key->empty() || profile.secret->empty()) {
    return "profile [" + profile.name + "] needs both aws_access_key_id and aws_secret_access_key";
  }
  pairs[*profile.key] = *profile.secret;
  return capacity_model::Done{};
}

}  // namespace

capacity_model::Result<KeyPairs, std::string> parse_credentials(std::string_view text) {
  KeyPairs pairs;
  Profile profile;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = trimmed(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      if (auto closed = close(profile, pairs); !closed) return closed.error();
      profile = Profile{std::string(trimmed(line.substr(1, line.size() - 2))), std::nullopt, std::nullopt};
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) return "line " + std::to_string(number) + ": expected name = value";
    const auto name = trimmed(line.substr(0, eq));
    const auto value = std::string(trimmed(line.substr(eq + 1)));
    if (name == "aws_access_key_id") profile.key = value;
    if (name == "aws_secret_access_key") profile.secret = value;
  }
  if (auto closed = close(profile, pairs); !closed) return closed.error();
  if (pairs.empty()) return std::string("no aws_access_key_id / aws_secret_access_key pair");
  return pairs;
}

}  // namespace api::auth
