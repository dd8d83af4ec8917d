#include "api/auth_gate.h"

#include <gtest/gtest.h>

namespace api {
namespace {

TEST(BearerToken, TheSchemeNameIsCaseInsensitive) {
  for (const char* header : {"Bearer s3cr3t", "bearer s3cr3t", "BEARER s3cr3t", "bEaReR   s3cr3t"}) {
    EXPECT_EQ(bearer_token(header), "s3cr3t") << header;
  }
}

TEST(BearerToken, AnotherSchemeCarriesNoToken) {
  for (const char* header : {"", "Bearer", "Bearers3cr3t", "Basic czNjcjN0", "AWS4-HMAC-SHA256 Credential=x"}) {
    EXPECT_EQ(bearer_token(header), std::nullopt) << header;
  }
}

server::HttpRequest with_authorization(std::string value) {
  server::HttpRequest request{"GET", "/_emulator/health", {}, {}};
  if (!value.empty()) request.headers.emplace_back("Authorization", std::move(value));
  return request;
}

TEST(ControlToken, PassesTheTokenInAnySchemeCaseAndRefusesOthers) {
  AuthSettings settings;
  settings.control_token = "s3cr3t";
  const AuthGate gate(settings, nullptr, nullptr);
  EXPECT_FALSE(gate.refuse_control(with_authorization("bearer s3cr3t")));
  EXPECT_FALSE(gate.refuse_control(with_authorization("Bearer s3cr3t")));
  EXPECT_EQ(gate.refuse_control(with_authorization("bearer other"))->status, 403);
  EXPECT_EQ(gate.refuse_control(with_authorization(""))->status, 401);
  EXPECT_EQ(gate.refuse_control(with_authorization("Basic czNjcjN0"))->status, 401);
}

}  // namespace
}  // namespace api
