#pragma once

// The HTTP/1.1 transport: accepts connections, reads requests, hands each one to a
// synchronous Handler and writes its answer back. Sessions only read, write, time out and
// close; every behaviour of the emulator lives in the handler.
//
// Threading: one io_context run by one thread. The handler and every session run on that
// thread, so the emulator's world needs no locks. listen() must be called before io.run()
// starts or on the io thread; stop() and open_connections() may be called from any thread;
// destroy the server on the io thread or after io.run() has returned.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/server/http_types.h"
#include "capacity_model/result.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace api::server {

struct ServerLimits {
  std::size_t max_body_bytes = 8 * 1024 * 1024;     // larger → too_large, connection closed
  std::size_t max_header_bytes = 16 * 1024;         // request line + headers; larger → 400, closed
  std::chrono::milliseconds read_timeout{30'000};   // a request must arrive whole within this
                                                    // (from its first byte); also bounds
                                                    // writing one response
  std::chrono::milliseconds idle_timeout{120'000};  // connection with no request under way
  std::size_t max_connections = 1024;               // then the longest-idle one makes room, else refused
  // After answering a protocol error the server half-closes and reads (and discards) what
  // the client still sends for at most this long, so the client reads the answer instead of
  // a TCP reset.
  std::chrono::milliseconds linger_timeout{1'000};
  // Requests that may carry larger bodies than max_body_bytes (S3 uploads): which ones (seen
  // with their request line and headers, no body), and up to how many bytes.
  struct LargeBodies {
    std::size_t max_bytes = 0;
    std::function<bool(const HttpRequest&)> allowed;
  };
  LargeBodies large_bodies;
  // The answer to a request whose body is over its limit (passed: max_body_bytes, or
  // large_bodies.max_bytes), seen with its request line and headers (the body is never read);
  // nullopt, or no function, answers 400 ValidationException.
  std::function<std::optional<HttpResponse>(const HttpRequest&, std::size_t limit)> too_large;
};

namespace detail {
struct ServerState;
}  // namespace detail

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, Handler handler, ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting; returns the bound port (port 0 = pick a free one) or an
  // error text. `host` is an IP literal ("127.0.0.1", "0.0.0.0", "::1") or a resolvable name.
  capacity_model::Result<std::uint16_t, std::string> listen(const std::string& host, std::uint16_t port);

  // Graceful stop: stop accepting, let requests under way be answered (with
  // "Connection: close") and their responses finish writing, close idle connections.
  // Idempotent; callable from any thread (the work is dispatched onto the io_context).
  // Once every connection has closed, io.run() runs out of work and returns.
  void stop();

  // Runs on the io thread before each answer is written, with what writes it: the gate calls
  // it when the answer may go (at once, or once what the answer reports is durable: a state
  // folder's journal). Set before io.run() starts.
  using AnswerGate = std::function<void(std::function<void()> write)>;
  void set_answer_gate(AnswerGate gate);

  // Connections currently open. Safe to read from any thread.
  std::size_t open_connections() const;
  // Since start: idle connections closed to make room for a newcomer at max_connections, and
  // newcomers closed because every connection was busy.
  std::uint64_t evicted_connections() const;
  std::uint64_t refused_connections() const;

 private:
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace api::server
