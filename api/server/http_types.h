#pragma once

// Transport-free HTTP value types: what a handler receives and returns. No Asio or Beast
// here, so routers and their tests never compile the network stack.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace api::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... exactly as received
  std::string target;  // path + optional ?query, as received
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::string body;

  // First header with this name, compared case-insensitively; empty if absent.
  std::string_view header(std::string_view name) const;
  // The target without the query ("/prefix" for "/prefix?a=1").
  std::string_view path() const;
  // The text after the first '?', empty if there is none.
  std::string_view query() const;
};

struct HttpResponse {
  int status = 200;
  // The server itself sets Content-Length, Server and Connection; handler-supplied
  // values of those (and of Transfer-Encoding) are ignored, except a Content-Length in the
  // answer to a HEAD request: the length a GET would have (S3's HeadObject).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Runs on the io_context thread, synchronously. An exception becomes a 500 InternalFailure.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

// ASCII case-insensitive equality, as HTTP header names compare.
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace api::server
