// design.md's baseline for the Describe throughput target: a bare Beast HTTP/1.1 keep-alive
// server, one thread, answering every request with the same ~2.5 KB JSON body. No routing,
// no JSON, no simulation; the shape of Beast's own http_server_async example.
//   bare_beast_server <port>      (0 picks a free port; the port is printed on stdout)
// Asio and Beast come compiled once from the api_server library (separate compilation).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp misses it under GCC 12
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::string& fixed_body() {
  static const std::string body = [] {
    std::string b = "{\"padding\":\"";
    b.append(2560 - b.size() - 2, 'x');
    b += "\"}";
    return b;
  }();
  return body;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}

  void start() {
    stream_.socket().set_option(tcp::no_delay(true));
    read();
  }

 private:
  void read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return close();
    response_ = {};
    response_.result(http::status::ok);
    response_.version(request_.version());
    response_.set(http::field::content_type, "application/x-amz-json-1.1");
    response_.keep_alive(request_.keep_alive());
    response_.body() = fixed_body();
    response_.prepare_payload();
    http::async_write(stream_, response_, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec || !response_.keep_alive()) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<Session>(std::move(socket))->start();
    accept(acceptor);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 0);
  asio::io_context io(1);
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
  std::cout << acceptor.local_endpoint().port() << std::endl;
  accept(acceptor);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    acceptor.close();
    io.stop();
  });
  io.run();
}
