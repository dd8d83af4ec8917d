#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange
#include <vector>

#include "api/server/http_server.h"
#include "api/server/http_types.h"
#include "api/server/request_id.h"

// A bounded test client and a fixture that runs an HttpServer on its own thread, for the
// server tests.
namespace http_test {

using namespace std::chrono_literals;
using api::server::Handler;
using api::server::HttpRequest;
using api::server::HttpResponse;
using api::server::HttpServer;
using api::server::ServerLimits;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Upper bound for anything that should happen "at once"; no test waits this long when the
// server behaves.
constexpr std::chrono::milliseconds kWait = 3s;

inline const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

inline std::string sv(beast::string_view s) { return std::string(s.data(), s.size()); }

inline std::string post(std::string_view target, std::string_view body, std::string_view extra = "") {
  std::string out = "POST ";
  out += target;
  out += " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  out += extra;
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out += body;
  return out;
}

// A client whose every wait is bounded: each operation runs the client's own io_context
// until it completes or its deadline passes.
class Client {
 public:
  struct Reply {
    beast::error_code ec;
    http::response<http::string_body> res;
  };

  explicit Client(std::uint16_t port, std::optional<int> receive_buffer = std::nullopt) {
    auto& socket = stream_.socket();
    socket.open(tcp::v4(), connect_error_);
    if (receive_buffer && !connect_error_) {
      socket.set_option(net::socket_base::receive_buffer_size(*receive_buffer), connect_error_);
    }
    if (!connect_error_) {
      socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), connect_error_);
    }
  }

  bool connected() const { return !connect_error_; }
  // Bytes the server has sent that this client has not read yet.
  std::size_t bytes_waiting() {
    beast::error_code ec;
    return stream_.socket().available(ec);
  }
  const beast::error_code& connect_error() const { return connect_error_; }

  bool send(std::string_view bytes) {
    beast::error_code ec;
    net::write(stream_.socket(), net::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }

  Reply read(std::chrono::milliseconds timeout = kWait, bool after_head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(after_head);  // an answer to HEAD has no body, whatever its Content-Length
    Reply reply;
    stream_.expires_after(timeout);
    http::async_read(stream_, buffer_, parser, [&](beast::error_code ec, std::size_t) { reply.ec = ec; });
    ioc_.restart();
    ioc_.run();
    if (!reply.ec) reply.res = parser.release();
    return reply;
  }

  // Reads (and drops) until the server closes the connection. Returns how long that took,
  // or nullopt if the connection was still open after `timeout`.
  std::optional<std::chrono::milliseconds> wait_closed(std::chrono::milliseconds timeout = kWait) {
    const auto start = Clock::now();
    buffer_.consume(buffer_.size());
    stream_.expires_after(timeout);
    char scratch[4096];
    for (;;) {
      beast::error_code result;
      stream_.async_read_some(net::buffer(scratch), [&](beast::error_code ec, std::size_t) { result = ec; });
      ioc_.restart();
      ioc_.run();
      if (result == beast::error::timeout) return std::nullopt;
      if (result) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
      }
    }
  }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
  beast::error_code connect_error_;
};

inline ServerLimits small_limits() {
  ServerLimits limits;
  limits.max_body_bytes = 1024;
  limits.max_header_bytes = 4096;
  limits.read_timeout = 200ms;
  limits.idle_timeout = 300ms;
  limits.linger_timeout = 200ms;
  limits.max_connections = 8;
  return limits;
}

inline HttpResponse text(std::string body, int status = 200) {
  HttpResponse res;
  res.status = status;
  res.headers.emplace_back("Content-Type", "text/plain");
  res.body = std::move(body);
  return res;
}

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = kWait) {
  const auto deadline = Clock::now() + timeout;
  while (!pred()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(Handler handler, ServerLimits limits = small_limits()) {
    server_ = std::make_unique<HttpServer>(io_, std::move(handler), limits);
    const auto bound = server_->listen("127.0.0.1", 0);
    ASSERT_TRUE(bound) << bound.error();
    port_ = *bound;
    ASSERT_NE(port_, 0);
    io_thread_ = std::thread([this] {
      io_.run();
      run_returned_ = true;
    });
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (io_thread_.joinable()) {
      if (!eventually([this] { return run_returned_.load(); })) {
        ADD_FAILURE() << "io_context did not run dry after stop()";
        io_.stop();
      }
      io_thread_.join();
    }
    server_.reset();
  }

  // The same handler for every test that only needs an echo: records the request and the
  // thread it ran on, answers with the path.
  Handler recorder() {
    return [this](const HttpRequest& req) {
      {
        std::lock_guard lock(mutex_);
        seen_.push_back(req);
        handler_threads_.insert(std::this_thread::get_id());
      }
      ++calls_;
      if (req.path() == "/throw") throw std::runtime_error("boom \"quoted\"");
      return text(std::string(req.path()));
    };
  }

  net::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread io_thread_;
  std::atomic<bool> run_returned_{false};
  std::uint16_t port_ = 0;

  std::mutex mutex_;
  std::vector<HttpRequest> seen_;
  std::set<std::thread::id> handler_threads_;
  std::atomic<int> calls_{0};
};

}  // namespace http_test
