#include "api/aws/envelope.h"

#include <nlohmann/json.hpp>

#include "api/json/json_body.h"
#include "api/server/request_id.h"

namespace api::aws {

server::HttpResponse respond(int status, std::string body, std::string_view content_type) {
  server::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::string(content_type));
  response.headers.emplace_back("x-amzn-RequestId", server::new_request_id());
  response.body = std::move(body);
  return response;
}

server::HttpResponse success(std::string body) { return respond(200, std::move(body), kJsonContentType); }

server::HttpResponse failure(std::string_view code, std::string_view message, int status,
                             std::string_view content_type) {
  nlohmann::json body = {{"__type", code}, {"message", message}};
  auto response = respond(status, wire_text(body), content_type);
  response.headers.emplace_back("x-amzn-ErrorType", std::string(code));
  return response;
}

server::HttpResponse failure(const emulator::Error& error) {
  // Every SageMaker-modelled error and ValidationException is a 400 (§1.5): never a
  // status the SDKs would retry.
  return failure(emulator::to_string(error.code), error.message, 400);
}

}  // namespace api::aws
