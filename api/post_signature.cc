#include "api/post_signature.h"

#include "api/auth/signing.h"
#include "api/auth/sigv2_presigned.h"
#include "api/auth_replies.h"
#include "api/s3/post_form.h"
#include "api/s3/post_policy.h"
#include "api/s3/s3_replies.h"
#include "api/s3/s3_request.h"

namespace api {

namespace {

server::HttpResponse s3_refusal(const s3::S3Error& error) { return s3::error_reply(error, false); }

server::HttpResponse refusal_of(auth::Rejection rejection) { return rejection_reply(rejection, Protocol::s3, false); }

// "<key>/<date>/<region>/<service>/aws4_request"; nullopt for anything else.
std::optional<std::pair<std::string, auth::Scope>> credential_of(std::string_view text) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 5 || parts[0].empty() || parts[4] != "aws4_request") return std::nullopt;
  return std::make_pair(parts[0], auth::Scope{parts[1], parts[2], parts[3]});
}

// Which key signed the policy, when the signature holds; else the rejection.
struct Signer {
  std::string access_key;
  std::optional<server::HttpResponse> refusal;
};

Signer check_signature(const s3::PostForm& form, const std::string& policy, const auth::SecretOf& secret_of) {
  auth::Rejection rejection;
  rejection.string_to_sign = policy;
  std::string expected;
  if (const auto signature = form.field("x-amz-signature")) {
    const auto credential = credential_of(form.field("x-amz-credential").value_or(""));
    if (!credential || form.field("x-amz-algorithm") != "AWS4-HMAC-SHA256") {
      return {"", s3_refusal({400,
                              "InvalidArgument",
                              "POST requires x-amz-algorithm AWS4-HMAC-SHA256 and an x-amz-credential of the form "
                              "<key>/<yyyymmdd>/<region>/s3/aws4_request",
                              {}})};
    }
    rejection.access_key = credential->first;
    rejection.signature_provided = s3::ascii_lower(*signature);
    if (const auto secret = secret_of(rejection.access_key)) {
      expected = auth::signature(*secret, credential->second, policy);
    }
  } else if (const auto v2 = form.field("signature")) {
    rejection.access_key = form.field("awsaccesskeyid").value_or("");
    rejection.signature_provided = *v2;
    if (const auto secret = secret_of(rejection.access_key)) expected = auth::sigv2_signature(*secret, policy);
  } else {
    return {"", refusal_of(rejection)};  // an anonymous form: AccessDenied
  }
  if (expected.empty()) {
    rejection.problem = auth::Problem::unknown_key;
    return {"", refusal_of(rejection)};
  }
  if (!auth::same_secret_text(expected, rejection.signature_provided)) {
    rejection.problem = auth::Problem::bad_signature;
    return {"", refusal_of(rejection)};
  }
  return {rejection.access_key, std::nullopt};
}

}  // namespace

bool is_signed_by_form(const server::HttpRequest& request) {
  // "Signature=" also finds a presigned SigV4 query's X-Amz-Signature.
  return s3::is_post_form(request) && request.header("Authorization").empty() &&
         request.query().find("Signature=") == std::string_view::npos;
}

std::optional<server::HttpResponse> refuse_form_upload(const server::HttpRequest& request,
                                                       const auth::SecretOf& secret_of, const SessionCheck& session,
                                                       std::chrono::sys_seconds now) {
  const auto form = s3::parse_post_form(request.header("Content-Type"), request.body);
  if (!form) return std::nullopt;
  const std::string policy = form->field("policy").value_or("");
  if (policy.empty()) return refusal_of({});
  auto signer = check_signature(*form, policy, secret_of);
  if (signer.refusal) return std::move(signer.refusal);
  if (session) {
    if (auto problem = session(signer.access_key, form->field("x-amz-security-token").value_or(""))) {
      return refusal_of(*problem);
    }
  }
  const auto read = s3::read_policy(policy);
  if (read && now >= read->expiration) {
    return s3_refusal({403, "AccessDenied", "Invalid according to Policy: Policy expired.", {}});
  }
  return std::nullopt;
}

}  // namespace api
