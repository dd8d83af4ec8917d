#pragma once

// Internal to api/server: the listener state shared by HttpServer and its sessions, and
// one HTTP/1.1 connection. Not for use outside this folder.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange
#include <variant>
#include <vector>

#include "api/server/http_server.h"
#include "api/server/http_types.h"

namespace api::server::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

class Session;

// An AWS JSON 1.1 error answer produced by the transport itself (protocol failures and
// handler exceptions): {"__type": type, "message": message}, x-amzn-RequestId, content type.
HttpResponse transport_error(int status, std::string_view type, std::string_view message);

// Everything the listener and the sessions share. Owned by shared_ptr: HttpServer holds
// one, each pending accept and each session another, so no callback outlives it.
struct ServerState : std::enable_shared_from_this<ServerState> {
  ServerState(net::io_context& io, Handler handler, ServerLimits limits);

  capacity_model::Result<std::uint16_t, std::string> listen(const std::string& host, std::uint16_t port);
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void stop();       // graceful, on the io thread
  void abort_all();  // immediate: close the acceptor and every connection
  // Stops accepting; returns the sessions still alive (closing one removes it from `sessions`,
  // so callers act on this copy).
  std::vector<std::shared_ptr<Session>> stop_accepting();

  // At the connection limit: the session that has waited longest for its next request, if any.
  std::shared_ptr<Session> longest_idle() const;
  void make_room();
  void add(const std::shared_ptr<Session>& session);
  void remove(Session* session);

  net::io_context& io;
  Handler handler;  // empty once the HttpServer is gone: sessions then only close
  HttpServer::AnswerGate answer_gate;  // empty: answers go at once
  ServerLimits limits;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;  // back-off after a failing accept (e.g. out of fds)
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<std::size_t> open_count{0};
  std::atomic<std::uint64_t> evicted{0};  // idle connections closed to make room
  std::atomic<std::uint64_t> refused{0};  // newcomers closed: every connection was busy
  bool stopping = false;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ServerState> server);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start();
  // The server is stopping: close now if no request is under way, else after its answer.
  void on_server_stop();
  // Close now, whatever is under way.
  void abort();
  // Since when it has waited for its next request, if it is waiting for one.
  std::optional<std::chrono::steady_clock::time_point> idle_since() const;

 private:
  enum class Phase { idle, reading, writing, lingering, closed };

  void do_next_request();
  void do_wait_request();  // idle: wait for the first byte of a request
  void on_wait_request(beast::error_code ec, std::size_t bytes);
  void do_read_header();
  void on_read_header(beast::error_code ec, std::size_t bytes);
  void do_send_continue();
  void on_send_continue(beast::error_code ec, std::size_t bytes);
  void do_read_body();
  void on_read_body(beast::error_code ec, std::size_t bytes);
  void handle_request();
  void fail_read(beast::error_code ec);
  // The body limit of the request whose header has been read (max_body_bytes unless the
  // request may carry a large body).
  std::size_t body_limit_of_request();
  void refuse_body();
  void answer_protocol_error(int status, std::string_view type, std::string message);
  void prepare_response(HttpResponse&& out, unsigned version, bool keep_alive, bool head);
  // Writes the prepared answer once the server's answer gate lets it go.
  void answer(bool close_after);
  void do_write(bool close_after, bool linger_after);
  void on_write(bool close_after, bool linger_after, beast::error_code ec, std::size_t bytes);
  void do_linger();
  void on_linger(beast::error_code ec, std::size_t bytes);
  void do_close();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::shared_ptr<ServerState> server_;
  Phase phase_ = Phase::idle;
  bool large_body_allowed_ = false;  // for the request under way
  std::chrono::steady_clock::time_point idle_since_ = std::chrono::steady_clock::now();
};

}  // namespace api::server::detail
