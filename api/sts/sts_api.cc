#include "api/sts/sts_api.h"

#include <algorithm>
#include <chrono>

#include "api/auth/signing.h"
#include "api/aws/credential_scope.h"
#include "api/query/envelope.h"
#include "api/query/xml_writer.h"
#include "api/sts/assume_role_request.h"
#include "api/sts/issued_credentials.h"

namespace api::sts {
namespace {

constexpr std::string_view kServed[] = {"AssumeRole", "GetCallerIdentity"};
// The rest of STS's model: known, so their error says "not yet" rather than "no such operation".
constexpr std::string_view kNotServed[] = {
    "AssumeRoleWithSAML",         "AssumeRoleWithWebIdentity", "AssumeRoot",
    "DecodeAuthorizationMessage", "GetAccessKeyInfo",          "GetDelegatedAccessToken",
    "GetFederationToken",         "GetSessionToken",           "GetWebIdentityToken"};

bool listed(std::string_view action, const auto& names) {
  return std::find(std::begin(names), std::end(names), action) != std::end(names);
}

// STS credentials expire on the wall clock, whatever the simulation's clock mode.
std::chrono::sys_seconds expiry_after(int seconds) {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + std::chrono::seconds(seconds);
}

}  // namespace

server::HttpResponse StsApi::handle(const server::HttpRequest& request, const query::Form& form) {
  const auto action = form.value("Action");
  if (!action || action->empty()) return query::failure(kXmlNamespace, "MissingAction", "Missing Action");
  const auto version = form.value("Version").value_or(kApiVersion);
  if (version == kApiVersion && listed(*action, kNotServed)) {
    return query::failure(kXmlNamespace, "InvalidAction",
                          "Operation " + std::string(*action) + " is not implemented by amt-emulator yet.");
  }
  if (version != kApiVersion || !listed(*action, kServed)) {
    return query::failure(kXmlNamespace, "InvalidAction",
                          "Could not find operation " + std::string(*action) + " for version " + std::string(version));
  }
  if (*action == "AssumeRole") return assume_role(form);
  const auto credential = aws::credential_of(request.header("Authorization"));
  return get_caller_identity(credential ? std::string_view(credential->access_key) : std::string_view());
}

std::optional<std::string> StsApi::issued_account(std::string_view access_key) const {
  const auto* session = sessions_.find(access_key);
  if (session == nullptr) return std::nullopt;
  return session->account;
}

std::optional<std::string_view> StsApi::served_operation(const query::Form& form) {
  const auto action = form.value("Action");
  if (!action || !listed(*action, kServed)) return std::nullopt;
  return action;
}

server::HttpResponse StsApi::get_caller_identity(std::string_view access_key) const {
  query::XmlWriter xml;
  if (const auto* session = sessions_.find(access_key)) {
    xml.leaf("Arn", session->arn).leaf("UserId", session->user_id).leaf("Account", session->account);
  } else {
    const auto account = aws::account_of(access_key);
    xml.leaf("Arn", "arn:aws:iam::" + account + ":root").leaf("UserId", account).leaf("Account", account);
  }
  return query::success(kXmlNamespace, "GetCallerIdentity", std::move(xml).finish());
}

server::HttpResponse StsApi::assume_role(const query::Form& form) {
  auto request = read_assume_role(form);
  if (!request) return query::failure(kXmlNamespace, "ValidationError", request.error());
  const auto& role = request->role;
  auto credentials = new_credentials();
  Session session{
      role.account,
      "arn:" + role.partition + ":sts::" + role.account + ":assumed-role/" + role.name + "/" + request->session_name,
      role_id(request->role_arn) + ":" + request->session_name,
      credentials.secret_access_key,
      credentials.session_token,
      expiry_after(request->duration_seconds)};

  query::XmlWriter xml;
  xml.open("Credentials")
      .leaf("AccessKeyId", credentials.access_key_id)
      .leaf("SecretAccessKey", credentials.secret_access_key)
      .leaf("SessionToken", credentials.session_token)
      .leaf("Expiration", auth::iso_8601_of(session.expires))
      .close();
  xml.open("AssumedRoleUser").leaf("AssumedRoleId", session.user_id).leaf("Arn", session.arn).close();
  xml.leaf("PackedPolicySize", "0");
  if (request->source_identity) xml.leaf("SourceIdentity", *request->source_identity);
  if (on_new_session_) on_new_session_(credentials.access_key_id, session);
  sessions_.add(std::move(credentials.access_key_id), std::move(session));
  return query::success(kXmlNamespace, "AssumeRole", std::move(xml).finish());
}

}  // namespace api::sts
