// The baseline of design.md's throughput target: the project's HTTP transport answering
// every request with a fixed 2.5 KB body, no routing, parsing or simulation.
//   bare_http_server <port>
#include <csignal>
#include <iostream>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp misses it under GCC 12
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/server/http_server.h"

int main(int argc, char** argv) {
  const auto port = static_cast<std::uint16_t>(argc > 1 ? std::stoi(argv[1]) : 0);
  const std::string body(2560, 'x');
  boost::asio::io_context io(1);
  api::server::HttpServer server(io, [&body](const api::server::HttpRequest&) {
    api::server::HttpResponse response;
    response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
    response.body = body;
    return response;
  });
  auto bound = server.listen("127.0.0.1", port);
  if (!bound) {
    std::cerr << bound.error() << "\n";
    return 1;
  }
  std::cout << *bound << std::endl;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { server.stop(); });
  io.run();
}
