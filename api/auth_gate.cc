#include "api/auth_gate.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/auth/signing.h"
#include "api/auth/sigv4_params.h"
#include "api/auth_replies.h"
#include "api/post_signature.h"
#include "api/signed_chunks.h"

namespace api {

namespace {

// The session token a request carries: a header, or a presigned URL's parameter (SigV4 spells
// it X-Amz-Security-Token, SigV2 x-amz-security-token).
std::string session_token_of(const server::HttpRequest& request) {
  if (const auto header = request.header("X-Amz-Security-Token"); !header.empty()) return std::string(header);
  const auto query = request.query();
  if (auto v4 = auth::query_value(query, "X-Amz-Security-Token")) return std::move(*v4);
  return auth::query_value(query, "x-amz-security-token").value_or("");
}

// A request that signed with an AssumeRole key: the rest of what STS issued must hold too.
std::optional<auth::Rejection> session_problem(std::string token, std::string_view access_key,
                                               const sts::Session& session, std::chrono::sys_seconds now) {
  auth::Rejection rejection;
  rejection.access_key = access_key;
  rejection.detail = std::move(token);
  if (rejection.detail.empty()) {
    rejection.problem = auth::Problem::unknown_key;  // a temporary key alone is no credential
  } else if (!auth::same_secret_text(rejection.detail, session.token)) {
    rejection.problem = auth::Problem::bad_token;
  } else if (now >= session.expires) {
    rejection.problem = auth::Problem::expired_token;
  } else {
    return std::nullopt;
  }
  return rejection;
}

}  // namespace

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer";
  // The scheme's name is case-insensitive, and one or more spaces end it (RFC 7235 §2.1).
  if (authorization.size() <= kBearer.size() || !server::iequals(authorization.substr(0, kBearer.size()), kBearer) ||
      authorization[kBearer.size()] != ' ') {
    return std::nullopt;
  }
  const auto token = authorization.substr(kBearer.size());
  return token.substr(std::min(token.find_first_not_of(' '), token.size()));
}

AuthGate::AuthGate(AuthSettings settings, IssuedSession issued_session, WallClock now)
    : settings_(std::move(settings)), issued_session_(std::move(issued_session)), now_(std::move(now)) {}

std::optional<server::HttpResponse> AuthGate::refuse(const server::HttpRequest& request, Protocol protocol) const {
  if (!settings_.sigv4) return std::nullopt;
  std::string access_key;
  const sts::Session* issued = nullptr;
  const auto secret_of = [&](std::string_view key) -> std::optional<std::string> {
    if (auto found = settings_.keys.find(key); found != settings_.keys.end()) return found->second;
    issued = issued_session_ ? issued_session_(key) : nullptr;
    if (!issued) return std::nullopt;
    access_key = key;
    return issued->secret;
  };
  const auto now = now_();
  if (protocol == Protocol::s3 && is_signed_by_form(request)) {
    return refuse_form_upload(
        request, secret_of,
        [&](std::string_view key, std::string_view token) {
          return issued ? session_problem(std::string(token), key, *issued, now) : std::nullopt;
        },
        now);
  }
  auto rejection = auth::verify(request, protocol == Protocol::s3, secret_of, now);
  if (!rejection && issued) rejection = session_problem(session_token_of(request), access_key, *issued, now);
  if (!rejection && protocol == Protocol::s3) rejection = refuse_signed_chunks(request, secret_of);
  if (!rejection) return std::nullopt;
  return rejection_reply(*rejection, protocol, request.method == "HEAD");
}

std::optional<server::HttpResponse> AuthGate::refuse_control(const server::HttpRequest& request) const {
  if (!settings_.control_token) return std::nullopt;
  const auto token = bearer_token(request.header("Authorization"));
  const bool bearer = token.has_value();
  if (bearer && auth::same_secret_text(*token, *settings_.control_token)) return std::nullopt;
  server::HttpResponse response;
  response.status = bearer ? 403 : 401;
  response.headers.emplace_back("Content-Type", "application/json");
  if (!bearer) response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"amt-emulator control plane\"");
  response.body = nlohmann::json{{"error", bearer ? "Forbidden" : "Unauthorized"},
                                 {"message", bearer ? "The control token does not match --control-token."
                                                    : "The control plane needs 'Authorization: Bearer <token>' "
                                                      "(--control-token)."}}
                      .dump();
  return response;
}

}  // namespace api
