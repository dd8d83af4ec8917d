#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include "api/server/session.h"

#include <algorithm>
#include <exception>
#include <limits>

#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "api/server/request_id.h"

namespace api::server::detail {

namespace {

constexpr std::string_view kServerName = "amt-emulator";
constexpr std::string_view kJsonContentType = "application/x-amz-json-1.1";
constexpr std::size_t kReadChunk = 8 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string_view to_std(beast::string_view s) { return {s.data(), s.size()}; }

// Server-made messages are ASCII; anything else is replaced so the JSON stays valid UTF-8.
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    } else if (c >= 0x80) {
      out.push_back('?');
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

// Header names the server owns; a handler's values for them are dropped.
bool is_transport_header(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "connection") ||
         iequals(name, "transfer-encoding") || iequals(name, "server") ||
         iequals(name, "keep-alive");
}

// The request line and headers, without the body.
HttpRequest header_of(const http::request<http::string_body>& msg) {
  HttpRequest req;
  req.method = std::string(to_std(msg.method_string()));
  req.target = std::string(to_std(msg.target()));
  req.headers.reserve(16);
  for (const auto& field : msg) {
    req.headers.emplace_back(std::string(to_std(field.name_string())),
                             std::string(to_std(field.value())));
  }
  return req;
}

HttpRequest to_request(http::request<http::string_body>&& msg) {
  HttpRequest req = header_of(msg);
  req.body = std::move(msg.body());
  return req;
}

// A declared Content-Length, if there is one that is a number.
std::optional<std::uint64_t> declared_length(std::string_view length) {
  if (length.empty() || length.size() > 19 || length.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoull(std::string(length));
}

bool is_http_protocol_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

}  // namespace

HttpResponse transport_error(int status, std::string_view type, std::string_view message) {
  HttpResponse out;
  out.status = status;
  out.body.reserve(40 + type.size() + message.size());
  out.body += "{\"__type\":";
  append_json_string(out.body, type);
  out.body += ",\"message\":";
  append_json_string(out.body, message);
  out.body += '}';
  out.headers.emplace_back("Content-Type", std::string(kJsonContentType));
  out.headers.emplace_back("x-amzn-RequestId", new_request_id());
  out.headers.emplace_back("x-amzn-ErrorType", std::string(type));
  return out;
}

Session::Session(tcp::socket socket, std::shared_ptr<ServerState> server)
    : stream_(std::move(socket)), server_(std::move(server)) {}

Session::~Session() { server_->remove(this); }

void Session::start() {
  beast::error_code ec;
  stream_.socket().set_option(tcp::no_delay(true), ec);  // answers leave at once
  server_->add(shared_from_this());
  do_next_request();
}

void Session::on_server_stop() {
  if (phase_ == Phase::idle) do_close();
  // reading / writing: the answer goes out with "Connection: close", then we close.
  // lingering: bounded by linger_timeout.
}

void Session::abort() { do_close(); }

void Session::do_next_request() {
  if (server_->stopping || !server_->handler) return do_close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
      server_->limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  // The largest any request may send; narrowed to this request's once its header is read.
  const auto& limits = server_->limits;
  const bool large = limits.large_bodies.allowed && limits.large_bodies.max_bytes > limits.max_body_bytes;
  parser_->body_limit(static_cast<std::uint64_t>(large ? limits.large_bodies.max_bytes : limits.max_body_bytes));
  large_body_allowed_ = false;
  if (buffer_.size() > 0) {
    // Pipelined: the next request has already begun arriving.
    stream_.expires_after(server_->limits.read_timeout);
    return do_read_header();
  }
  do_wait_request();
}

std::optional<std::chrono::steady_clock::time_point> Session::idle_since() const {
  if (phase_ != Phase::idle) return std::nullopt;
  return idle_since_;
}

void Session::do_wait_request() {
  phase_ = Phase::idle;
  idle_since_ = std::chrono::steady_clock::now();
  stream_.expires_after(server_->limits.idle_timeout);
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          beast::bind_front_handler(&Session::on_wait_request, shared_from_this()));
}

void Session::on_wait_request(beast::error_code ec, std::size_t bytes) {
  if (phase_ == Phase::closed) return;
  if (ec) {
    // EOF, reset, idle timeout (the stream has closed the socket) or a stop: just close.
    if (ec == beast::error::timeout) spdlog::debug("http: idle connection timed out");
    return do_close();
  }
  buffer_.commit(bytes);
  // The request's deadline runs from its first byte.
  stream_.expires_after(server_->limits.read_timeout);
  do_read_header();
}

void Session::do_read_header() {
  phase_ = Phase::reading;
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_read_header, shared_from_this()));
}

void Session::on_read_header(beast::error_code ec, std::size_t /*bytes*/) {
  if (phase_ == Phase::closed) return;
  if (ec) return fail_read(ec);
  const auto& msg = parser_->get();
  if (parser_->is_done()) return handle_request();
  const std::size_t limit = body_limit_of_request();
  const auto length = declared_length(to_std(msg[http::field::content_length]));
  if (length && *length > limit) return refuse_body();
  parser_->body_limit(static_cast<std::uint64_t>(limit));
  if (msg.version() >= 11 && iequals(to_std(msg[http::field::expect]), "100-continue")) {
    return do_send_continue();
  }
  do_read_body();
}

void Session::do_send_continue() {
  net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                   beast::bind_front_handler(&Session::on_send_continue, shared_from_this()));
}

void Session::on_send_continue(beast::error_code ec, std::size_t /*bytes*/) {
  if (phase_ == Phase::closed) return;
  if (ec) return do_close();
  do_read_body();
}

void Session::do_read_body() {
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::on_read_body, shared_from_this()));
}

void Session::on_read_body(beast::error_code ec, std::size_t /*bytes*/) {
  if (phase_ == Phase::closed) return;
  if (ec) return fail_read(ec);
  handle_request();
}

std::size_t Session::body_limit_of_request() {
  const auto& large = server_->limits.large_bodies;
  large_body_allowed_ = large.allowed && large.allowed(header_of(parser_->get()));
  return large_body_allowed_ ? large.max_bytes : server_->limits.max_body_bytes;
}

void Session::refuse_body() {
  const auto& limits = server_->limits;
  const std::size_t limit = large_body_allowed_ ? limits.large_bodies.max_bytes : limits.max_body_bytes;
  if (limits.too_large) {
    const unsigned version = parser_->get().version() == 10 ? 10 : 11;
    try {
      if (auto answer = limits.too_large(header_of(parser_->get()), limit)) {
        prepare_response(std::move(*answer), version, false, false);
        return do_write(true, true);
      }
    } catch (const std::exception& e) {
      spdlog::error("http: cannot build error response: {}", e.what());
      return do_close();
    }
  }
  // The fields are already stored when the limit trips on the declared length.
  const std::string_view length = to_std(parser_->get()[http::field::content_length]);
  std::string message =
      declared_length(length)
          ? "Request body of " + std::string(length) + " bytes exceeds the limit of " + std::to_string(limit) + " bytes"
          : "Request body exceeds the limit of " + std::to_string(limit) + " bytes";
  answer_protocol_error(400, "ValidationException", std::move(message));
}

void Session::fail_read(beast::error_code ec) {
  const auto& limits = server_->limits;
  if (ec == http::error::body_limit) {
    (void)body_limit_of_request();  // the header may have tripped the limit before on_read_header
    return refuse_body();
  }
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return answer_protocol_error(
        400, "SerializationException",
        "Request header fields exceed the limit of " + std::to_string(limits.max_header_bytes) +
            " bytes");
  }
  if (ec != http::error::end_of_stream && ec != http::error::partial_message &&
      is_http_protocol_error(ec)) {
    return answer_protocol_error(400, "SerializationException",
                                 "Malformed HTTP request: " + ec.message());
  }
  // Peer went away, stalled past read_timeout (the stream has closed the socket), or stop.
  if (ec == beast::error::timeout) spdlog::debug("http: request not received within read_timeout");
  do_close();
}

void Session::answer_protocol_error(int status, std::string_view type, std::string message) {
  spdlog::debug("http: answering {} ({})", status, message);
  const unsigned version = parser_ && parser_->get().version() == 10 ? 10 : 11;
  try {
    prepare_response(transport_error(status, type, message), version, false, false);
  } catch (const std::exception& e) {
    spdlog::error("http: cannot build error response: {}", e.what());
    return do_close();
  }
  do_write(true, true);
}

void Session::handle_request() {
  if (!server_->handler) return do_close();
  try {
    const auto& msg = parser_->get();
    const unsigned version = msg.version() == 10 ? 10 : 11;
    const bool head = msg.method() == http::verb::head;
    const bool client_keeps = msg.keep_alive();
    HttpRequest request = to_request(parser_->release());

    HttpResponse out;
    try {
      out = server_->handler(request);
      if (out.status < 200 || out.status > 599) {
        spdlog::error("http: handler returned status {} for {} {}", out.status, request.method,
                      request.target);
        out = transport_error(500, "InternalFailure",
                              "Internal error: invalid status " + std::to_string(out.status));
      }
    } catch (const std::exception& e) {
      spdlog::error("http: handler threw on {} {}: {}", request.method, request.target, e.what());
      out = transport_error(500, "InternalFailure", std::string("Internal error: ") + e.what());
    } catch (...) {
      spdlog::error("http: handler threw a non-exception on {} {}", request.method,
                    request.target);
      out = transport_error(500, "InternalFailure", "Internal error");
    }
    // Checked after the handler: it may have asked the server to stop.
    const bool keep_alive = client_keeps && !server_->stopping;
    prepare_response(std::move(out), version, keep_alive, head);
    answer(!keep_alive);
  } catch (const std::exception& e) {
    spdlog::error("http: cannot answer request: {}", e.what());
    do_close();
  }
}

void Session::answer(bool close_after) {
  if (!server_->answer_gate) return do_write(close_after, false);
  phase_ = Phase::writing;  // not idle: never evicted while its answer waits
  server_->answer_gate([self = shared_from_this(), close_after] {
    if (self->phase_ != Phase::closed) self->do_write(close_after, false);
  });
}

void Session::prepare_response(HttpResponse&& out, unsigned version, bool keep_alive, bool head) {
  response_ = {};
  response_.version(version);
  response_.result(static_cast<unsigned>(out.status));
  for (auto& [name, value] : out.headers) {
    if (is_transport_header(name)) continue;
    if (name.empty() || name.find_first_of("\r\n: ") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      spdlog::error("http: dropping invalid response header \"{}\"", name);
      continue;
    }
    response_.insert(name, value);
  }
  response_.set(http::field::server, beast::string_view(kServerName.data(), kServerName.size()));
  response_.keep_alive(keep_alive);
  if (out.status == 204 || out.status == 304) {
    return;  // no body, and 204 must not carry Content-Length
  }
  if (head) {
    const auto given = std::find_if(out.headers.begin(), out.headers.end(),
                                    [](const auto& h) { return iequals(h.first, "content-length"); });
    const auto length = given != out.headers.end() ? declared_length(given->second) : std::nullopt;
    response_.content_length(length ? *length : out.body.size());
    return;
  }
  response_.content_length(out.body.size());
  response_.body() = std::move(out.body);
}

void Session::do_write(bool close_after, bool linger_after) {
  phase_ = Phase::writing;
  stream_.expires_after(server_->limits.read_timeout);
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&Session::on_write, shared_from_this(), close_after,
                                              linger_after));
}

void Session::on_write(bool close_after, bool linger_after, beast::error_code ec,
                       std::size_t /*bytes*/) {
  if (phase_ == Phase::closed) return;
  if (ec) {
    spdlog::debug("http: write failed: {}", ec.message());
    return do_close();
  }
  response_ = {};  // release the body now, not at the next request
  if (linger_after) return do_linger();
  if (close_after) return do_close();
  do_next_request();
}

void Session::do_linger() {
  phase_ = Phase::lingering;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return do_close();
  stream_.expires_after(server_->limits.linger_timeout);
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::on_linger(beast::error_code ec, std::size_t /*bytes*/) {
  if (phase_ == Phase::closed) return;
  if (ec) return do_close();
  // Discard and keep draining until EOF or the linger deadline (set once in do_linger).
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          beast::bind_front_handler(&Session::on_linger, shared_from_this()));
}

void Session::do_close() {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::closed;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();  // cancels whatever is pending; those handlers see phase_ == closed
  server_->remove(this);
}

}  // namespace api::server::detail
