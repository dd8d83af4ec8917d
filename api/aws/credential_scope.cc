#include "api/aws/credential_scope.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace api::aws {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool is_account_id(std::string_view key) {
  return key.size() == 12 && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::optional<Credential> credential_of(std::string_view authorization) {
  constexpr std::string_view kCredential = "Credential=";
  const auto at = authorization.find(kCredential);
  if (at == std::string_view::npos) return std::nullopt;
  auto credential = authorization.substr(at + kCredential.size());
  credential = credential.substr(0, credential.find_first_of(", "));
  const auto parts = split(credential, '/');
  if (parts.size() != 5) return std::nullopt;
  return Credential{std::string(parts[0]), std::string(parts[2]), std::string(parts[3])};
}

std::string account_of(std::string_view access_key, const IssuedAccounts& issued) {
  if (issued) {
    if (auto account = issued(access_key)) return std::move(*account);
  }
  return std::string(is_account_id(access_key) ? access_key : kDefaultAccount);
}

emulator::model::Scope scope_of(std::string_view authorization, const std::string& default_region,
                                const IssuedAccounts& issued) {
  emulator::model::Scope scope{std::string(kDefaultAccount), default_region};
  const auto credential = credential_of(authorization);
  if (!credential) return scope;
  scope.account = account_of(credential->access_key, issued);
  if (emulator::model::is_region_name(credential->region)) scope.region = credential->region;
  return scope;
}

}  // namespace api::aws
