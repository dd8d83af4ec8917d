#include "api/auth_gate.h"

#include <nlohmann/json.hpp>

#include "api/auth/signing.h"
#include "api/auth_replies.h"
#include "api/signed_chunks.h"

namespace api {

AuthGate::AuthGate(AuthSettings settings, auth::SecretOf issued_secret, WallClock now)
    : settings_(std::move(settings)), issued_secret_(std::move(issued_secret)), now_(std::move(now)) {}

std::optional<server::HttpResponse> AuthGate::refuse(const server::HttpRequest& request, Protocol protocol) const {
  if (!settings_.sigv4) return std::nullopt;
  const auto secret_of = [this](std::string_view key) -> std::optional<std::string> {
    if (auto found = settings_.keys.find(key); found != settings_.keys.end()) return found->second;
    return issued_secret_ ? issued_secret_(key) : std::nullopt;
  };
  auto rejection = auth::verify(request, protocol == Protocol::s3, secret_of, now_());
  if (!rejection && protocol == Protocol::s3) rejection = refuse_signed_chunks(request, secret_of);
  if (!rejection) return std::nullopt;
  return rejection_reply(*rejection, protocol, request.method == "HEAD");
}

std::optional<server::HttpResponse> AuthGate::refuse_control(const server::HttpRequest& request) const {
  if (!settings_.control_token) return std::nullopt;
  constexpr std::string_view kBearer = "Bearer ";
  const auto authorization = request.header("Authorization");
  const bool bearer = authorization.substr(0, kBearer.size()) == kBearer;
  if (bearer && auth::same_secret_text(authorization.substr(kBearer.size()), *settings_.control_token)) {
    return std::nullopt;
  }
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
