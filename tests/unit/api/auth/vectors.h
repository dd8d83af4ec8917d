#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "api/auth/verifier.h"
#include "api/server/http_types.h"

namespace api::auth::testing {

// The key pair botocore_vectors.py signs with, and the instant it pins.
inline constexpr std::string_view kKey = "AKIDEXAMPLE";
inline constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline const std::chrono::sys_seconds kSignedAt{std::chrono::seconds(1796284956)};  // 20261203T080236Z

inline SecretOf one_key(std::string secret = std::string(kSecret)) {
  return [secret](std::string_view key) -> std::optional<std::string> {
    if (key == kKey) return secret;
    return std::nullopt;
  };
}

inline server::HttpRequest request(std::string method, std::string target,
                                   std::vector<std::pair<std::string, std::string>> headers, std::string body = {}) {
  headers.emplace_back("Host", "127.0.0.1:4599");
  return {std::move(method), std::move(target), std::move(headers), std::move(body)};
}

// botocore_vectors.py's "json": SageMaker ListTrainingJobs in us-west-2.
inline server::HttpRequest sagemaker_request(std::string signature) {
  return request("POST", "/",
                 {{"Content-Type", "application/x-amz-json-1.1"},
                  {"X-Amz-Target", "SageMaker.ListTrainingJobs"},
                  {"X-Amz-Date", "20261203T080236Z"},
                  {"Authorization",
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-west-2/sagemaker/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
                       signature}},
                 "{}");
}
inline constexpr std::string_view kSageMakerSignature =
    "736bd5fa3db6065110a382db759b6c31c5ec8f20214e8f97f9cb0b0a97f688dc";

}  // namespace api::auth::testing
