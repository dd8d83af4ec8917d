// A form upload's signature as the front door checks it (--auth sigv4), against signatures made
// independently (Python's hmac) for a fixed policy: SigV4 and SigV2 pass; a wrong signature,
// an unknown key, an anonymous form and an expired policy get S3's 403s.
#include "api/post_signature.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace api {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kKey = "AKIDEXAMPLE";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kCredential = "AKIDEXAMPLE/20261203/us-east-1/s3/aws4_request";
// {"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "forms"}, ...]}
constexpr std::string_view kPolicy =
    "eyJleHBpcmF0aW9uIjogIjIwMzAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAiZm9ybXMifSwgWyJzdGFydHMt"
    "d2l0aCIsICIka2V5IiwgInVwLyJdLCB7IngtYW16LWFsZ29yaXRobSI6ICJBV1M0LUhNQUMtU0hBMjU2In0sIHsieC1hbXotY3JlZGVudGlhbCI6"
    "ICJBS0lERVhBTVBMRS8yMDI2MTIwMy91cy1lYXN0LTEvczMvYXdzNF9yZXF1ZXN0In0sIHsieC1hbXotZGF0ZSI6ICIyMDI2MTIwM1QwMDAwMDBa"
    "In1dfQ==";
constexpr std::string_view kSignature = "35abbd76ac6fcd44c363025a9678bc3cd0ef0c68bcbaca796ffbf2d68b3a4c23";
// {"expiration": "2020-01-01T00:00:00Z", "conditions": []} and its SigV4 signature.
constexpr std::string_view kExpiredPolicy =
    "eyJleHBpcmF0aW9uIjogIjIwMjAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbXX0=";
constexpr std::string_view kExpiredSignature = "70ee2da393dbad03060d8532da502cc2530fdb1bd9e5987b67369b77e16bf711";

server::HttpRequest form_request(const Fields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--B\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  body += "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nbytes\r\n--B--\r\n";
  return {"POST", "/forms", {{"Content-Type", "multipart/form-data; boundary=B"}}, body};
}

Fields v4_fields(std::string_view policy, std::string_view signature) {
  return {{"key", "up/a"},
          {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
          {"x-amz-credential", std::string(kCredential)},
          {"x-amz-date", "20261203T000000Z"},
          {"policy", std::string(policy)},
          {"x-amz-signature", std::string(signature)}};
}

std::optional<server::HttpResponse> check(const Fields& fields) {
  const auth::SecretOf secret_of = [](std::string_view key) -> std::optional<std::string> {
    if (key == kKey) return std::string(kSecret);
    return std::nullopt;
  };
  const auto now = std::chrono::sys_days(std::chrono::year(2026) / 12 / 3);
  return refuse_form_upload(form_request(fields), secret_of, {}, now);
}

void expect_refused(const std::optional<server::HttpResponse>& refused, std::string_view code,
                    std::string_view message = {}) {
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("<Code>" + std::string(code) + "</Code>"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find(std::string(message)), std::string::npos) << refused->body;
}

TEST(PostSignature, OnlyFormPostsWithoutAnotherSignatureAreCheckedHere) {
  auto request = form_request({});
  EXPECT_TRUE(is_signed_by_form(request));
  request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=...");
  EXPECT_FALSE(is_signed_by_form(request));
  request = form_request({});
  request.target = "/forms?X-Amz-Signature=00";
  EXPECT_FALSE(is_signed_by_form(request));
}

TEST(PostSignature, SigV4AndSigV2SignedPoliciesPass) {
  EXPECT_EQ(check(v4_fields(kPolicy, kSignature)), std::nullopt);
  EXPECT_EQ(check({{"key", "up/a"},
                   {"AWSAccessKeyId", std::string(kKey)},
                   {"policy", std::string(kPolicy)},
                   {"signature", "/9xAUS86QTHf7tuiWEAt0JWDytM="}}),
            std::nullopt);
}

TEST(PostSignature, WrongUnknownMissingAndExpiredAreRefused) {
  auto wrong = std::string(kSignature);
  wrong[0] = '4';
  expect_refused(check(v4_fields(kPolicy, wrong)), "SignatureDoesNotMatch");
  auto unknown = v4_fields(kPolicy, kSignature);
  unknown[2].second = "AKIDNOBODY/20261203/us-east-1/s3/aws4_request";
  expect_refused(check(unknown), "InvalidAccessKeyId");
  expect_refused(check({{"key", "up/a"}}), "AccessDenied", "Access Denied");
  expect_refused(check(v4_fields(kExpiredPolicy, kExpiredSignature)), "AccessDenied",
                 "Invalid according to Policy: Policy expired.");
}

}  // namespace
}  // namespace api
