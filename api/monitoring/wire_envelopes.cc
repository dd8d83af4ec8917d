#include "api/monitoring/wire_envelopes.h"

#include "api/aws/envelope.h"
#include "api/json/json_body.h"
#include "api/monitoring/cbor_codec.h"
#include "api/monitoring/cloudwatch_model.h"
#include "api/query/envelope.h"

namespace api::monitoring {
namespace {

constexpr std::string_view kCborContentType = "application/cbor";

// The error map both JSON and CBOR carry, and the status; the query code goes in a header.
server::HttpResponse coded_failure(const Failure& failure, std::string_view content_type, bool cbor) {
  const auto wire = wire_of(failure.code);
  const nlohmann::json body = {{"__type", "com.amazonaws.cloudwatch#" + wire.shape}, {"message", failure.message}};
  auto response = aws::respond(wire.status, cbor ? encode_cbor_strings(body) : wire_text(body), content_type);
  response.headers.emplace_back("x-amzn-query-error", failure.code + (wire.status >= 500 ? ";Receiver" : ";Sender"));
  if (cbor) response.headers.emplace_back("smithy-protocol", "rpc-v2-cbor");
  return response;
}

}  // namespace

server::HttpResponse json_success(const nlohmann::json& output) {
  return aws::respond(200, wire_text(output), aws::kJson10ContentType);
}

server::HttpResponse json_failure(const Failure& failure) {
  return coded_failure(failure, aws::kJson10ContentType, false);
}

server::HttpResponse cbor_success(std::string body) {
  auto response = aws::respond(200, std::move(body), kCborContentType);
  response.headers.emplace_back("smithy-protocol", "rpc-v2-cbor");
  return response;
}

server::HttpResponse cbor_failure(const Failure& failure) { return coded_failure(failure, kCborContentType, true); }

server::HttpResponse query_success(std::string_view operation, const std::optional<std::string>& result) {
  if (!result) return query::success_without_result(kXmlNamespace, operation);
  return query::success(kXmlNamespace, operation, *result);
}

server::HttpResponse query_failure(const Failure& failure) {
  return query::failure(kXmlNamespace, failure.code, failure.message, wire_of(failure.code).status);
}

}  // namespace api::monitoring
