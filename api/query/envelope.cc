#include "api/query/envelope.h"

#include <string>

#include "api/query/xml_writer.h"
#include "api/server/request_id.h"

namespace api::query {
namespace {

server::HttpResponse respond(int status, std::string request_id, std::string body) {
  server::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::string(kXmlContentType));
  response.headers.emplace_back("x-amzn-RequestId", std::move(request_id));
  response.body = std::move(body);
  return response;
}

}  // namespace

server::HttpResponse success(std::string_view xmlns, std::string_view operation, std::string_view result) {
  auto request_id = server::new_request_id();
  const std::string op(operation);
  XmlWriter xml;
  xml.open(op + "Response", xmlns).open(op + "Result").raw(result).close();
  xml.open("ResponseMetadata").leaf("RequestId", request_id);
  return respond(200, std::move(request_id), std::move(xml).finish());
}

server::HttpResponse success_without_result(std::string_view xmlns, std::string_view operation) {
  auto request_id = server::new_request_id();
  XmlWriter xml;
  xml.open(std::string(operation) + "Response", xmlns).open("ResponseMetadata").leaf("RequestId", request_id);
  return respond(200, std::move(request_id), std::move(xml).finish());
}

server::HttpResponse failure(std::string_view xmlns, std::string_view code, std::string_view message, int status) {
  auto request_id = server::new_request_id();
  XmlWriter xml;
  xml.open("ErrorResponse", xmlns).open("Error");
  xml.leaf("Type", status >= 500 ? "Receiver" : "Sender").leaf("Code", code).leaf("Message", message).close();
  xml.leaf("RequestId", request_id);
  return respond(status, std::move(request_id), std::move(xml).finish());
}

}  // namespace api::query
