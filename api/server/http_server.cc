#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include "api/server/http_server.h"

#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <spdlog/spdlog.h>

#include "api/server/session.h"

namespace api::server {

namespace detail {

namespace {

constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

std::string endpoint_text(const std::string& host, std::uint16_t port) {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

}  // namespace

ServerState::ServerState(net::io_context& io_context, Handler h, ServerLimits l)
    : io(io_context),
      handler(std::move(h)),
      limits(l),
      acceptor(io_context),
      accept_retry(io_context) {}

capacity_model::Result<std::uint16_t, std::string> ServerState::listen(const std::string& host, std::uint16_t port) {
  if (stopping) return std::string("server is stopped");
  if (acceptor.is_open()) return std::string("server is already listening");

  beast::error_code ec;
  tcp::endpoint endpoint;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, port);
  } else {
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(host, std::to_string(port),
                                          tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
      return "cannot resolve host '" + host + "': " + (ec ? ec.message() : "no address");
    }
    endpoint = results.begin()->endpoint();
  }

  const auto fail = [&](std::string_view what) {
    std::string text = "cannot listen on " + endpoint_text(host, port) + ": " +
                       std::string(what) + ": " + ec.message();
    beast::error_code ignored;
    acceptor.close(ignored);
    return text;
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail("set_option");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  const auto bound = acceptor.local_endpoint(ec);
  if (ec) return fail("local_endpoint");

  do_accept();
  return bound.port();
}

void ServerState::do_accept() {
  acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void ServerState::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopping || !acceptor.is_open()) return;
  if (ec) {
    if (ec == net::error::operation_aborted) return;
    // Out of descriptors or memory, or a connection aborted before we took it: wait a
    // little instead of spinning, then go on accepting.
    spdlog::warn("http: accept failed: {}", ec.message());
    accept_retry.expires_after(kAcceptRetryDelay);
    accept_retry.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec && !self->stopping && self->acceptor.is_open()) self->do_accept();
    });
    return;
  }
  if (handler && sessions.size() >= limits.max_connections) make_room();
  if (sessions.size() >= limits.max_connections || !handler) {
    if (refused++ == 0) {
      spdlog::warn("http: connection refused: all {} connections are busy (counted in /metrics)", sessions.size());
    }
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    std::make_shared<Session>(std::move(socket), shared_from_this())->start();
  }
  do_accept();
}

// A leaky client pool can hold every connection idle; the newcomer is more likely to have
// something to say than the connection that has been silent longest.
void ServerState::make_room() {
  const auto victim = longest_idle();
  if (!victim) return;
  if (evicted++ == 0) {
    spdlog::warn("http: {} connections open: closing the longest-idle one to make room (counted in /metrics)",
                 sessions.size());
  }
  victim->abort();
}

std::shared_ptr<Session> ServerState::longest_idle() const {
  std::shared_ptr<Session> oldest;
  std::chrono::steady_clock::time_point since = std::chrono::steady_clock::time_point::max();
  for (const auto& [raw, weak] : sessions) {
    const auto session = weak.lock();
    const auto idle = session ? session->idle_since() : std::nullopt;
    if (idle && *idle < since) {
      since = *idle;
      oldest = session;
    }
  }
  return oldest;
}

std::vector<std::shared_ptr<Session>> ServerState::stop_accepting() {
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  std::vector<std::shared_ptr<Session>> live;
  live.reserve(sessions.size());
  for (const auto& [raw, weak] : sessions) {
    if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  return live;
}

void ServerState::stop() {
  if (stopping) return;
  for (const auto& s : stop_accepting()) s->on_server_stop();
  spdlog::debug("http: stopping; {} connection(s) still finishing", sessions.size());
}

void ServerState::abort_all() {
  for (const auto& s : stop_accepting()) s->abort();
}

void ServerState::add(const std::shared_ptr<Session>& session) {
  sessions.emplace(session.get(), session);
  open_count.store(sessions.size(), std::memory_order_relaxed);
}

void ServerState::remove(Session* session) {
  if (sessions.erase(session) > 0) {
    open_count.store(sessions.size(), std::memory_order_relaxed);
  }
}

}  // namespace detail

HttpServer::HttpServer(boost::asio::io_context& io, Handler handler, ServerLimits limits)
    : state_(std::make_shared<detail::ServerState>(io, std::move(handler), limits)) {}

HttpServer::~HttpServer() {
  // Sessions may outlive us (their pending operations hold the state); make sure they never
  // call a handler whose captures may be gone, and close everything now.
  state_->handler = nullptr;
  state_->answer_gate = nullptr;
  state_->abort_all();
}

capacity_model::Result<std::uint16_t, std::string> HttpServer::listen(const std::string& host, std::uint16_t port) {
  return state_->listen(host, port);
}

void HttpServer::set_answer_gate(AnswerGate gate) { state_->answer_gate = std::move(gate); }

void HttpServer::stop() {
  boost::asio::dispatch(state_->io.get_executor(), [state = state_] { state->stop(); });
}

std::size_t HttpServer::open_connections() const {
  return state_->open_count.load(std::memory_order_relaxed);
}

std::uint64_t HttpServer::evicted_connections() const { return state_->evicted.load(std::memory_order_relaxed); }
std::uint64_t HttpServer::refused_connections() const { return state_->refused.load(std::memory_order_relaxed); }

}  // namespace api::server
