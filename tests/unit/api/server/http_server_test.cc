#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include "api/server/http_server.h"

#include <atomic>
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
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <gtest/gtest.h>

#include "api/server/http_types.h"
#include "api/server/request_id.h"

namespace {

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

const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

std::string sv(beast::string_view s) { return std::string(s.data(), s.size()); }

std::string post(std::string_view target, std::string_view body, std::string_view extra = "") {
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
    http::async_read(stream_, buffer_, parser,
                     [&](beast::error_code ec, std::size_t) { reply.ec = ec; });
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
      stream_.async_read_some(net::buffer(scratch),
                              [&](beast::error_code ec, std::size_t) { result = ec; });
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

ServerLimits small_limits() {
  ServerLimits limits;
  limits.max_body_bytes = 1024;
  limits.max_header_bytes = 4096;
  limits.read_timeout = 200ms;
  limits.idle_timeout = 300ms;
  limits.linger_timeout = 200ms;
  limits.max_connections = 8;
  return limits;
}

HttpResponse text(std::string body, int status = 200) {
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

TEST(HttpRequest, HeaderLookupIsCaseInsensitive) {
  HttpRequest req;
  req.headers = {{"X-Amz-Target", "SageMaker.ListTags"}, {"content-type", "a"}, {"X-Dup", "1"},
                 {"x-dup", "2"}};
  EXPECT_EQ(req.header("x-amz-target"), "SageMaker.ListTags");
  EXPECT_EQ(req.header("X-AMZ-TARGET"), "SageMaker.ListTags");
  EXPECT_EQ(req.header("Content-Type"), "a");
  EXPECT_EQ(req.header("x-dup"), "1");  // first one wins
  EXPECT_TRUE(req.header("missing").empty());
}

TEST(HttpRequest, PathAndQuerySplitTheTarget) {
  HttpRequest req;
  req.target = "/_emulator/events?tuningJob=a&type=b";
  EXPECT_EQ(req.path(), "/_emulator/events");
  EXPECT_EQ(req.query(), "tuningJob=a&type=b");
  req.target = "/prefix";
  EXPECT_EQ(req.path(), "/prefix");
  EXPECT_TRUE(req.query().empty());
  req.target = "/?";
  EXPECT_EQ(req.path(), "/");
  EXPECT_TRUE(req.query().empty());
}

TEST(RequestId, IsAFreshUuidV4) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = api::server::new_request_id();
    ASSERT_TRUE(std::regex_match(id, kUuidV4)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST_F(HttpServerTest, RequestReachesHandlerIntact) {
  start([this](const HttpRequest& req) {
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(req);
      handler_threads_.insert(std::this_thread::get_id());
    }
    HttpResponse res;
    res.status = 201;
    res.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                   {"x-amzn-RequestId", "req-1"},
                   {"Content-Length", "999"},  // the server owns this one
                   {"Bad\r\nHeader", "x"}};
    res.body = R"({"ok":true})";
    return res;
  });
  Client client(port_);
  ASSERT_TRUE(client.connected()) << client.connect_error().message();
  ASSERT_TRUE(client.send(post("/prefix?a=1&b=2", "{}",
                               "X-Amz-Target: SageMaker.ListTrainingJobs\r\n"
                               "Content-Type: application/x-amz-json-1.1\r\n")));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 201u);
  EXPECT_EQ(reply.res.body(), R"({"ok":true})");
  EXPECT_EQ(sv(reply.res[http::field::content_length]), "11");
  EXPECT_EQ(sv(reply.res[http::field::server]), "amt-emulator");
  EXPECT_EQ(sv(reply.res["x-amzn-RequestId"]), "req-1");
  EXPECT_EQ(sv(reply.res[http::field::content_type]), "application/x-amz-json-1.1");
  EXPECT_TRUE(reply.res.keep_alive());
  EXPECT_EQ(reply.res.count("Bad\r\nHeader"), 0u);

  std::lock_guard lock(mutex_);
  ASSERT_EQ(seen_.size(), 1u);
  const HttpRequest& req = seen_[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/prefix?a=1&b=2");
  EXPECT_EQ(req.path(), "/prefix");
  EXPECT_EQ(req.query(), "a=1&b=2");
  EXPECT_EQ(req.header("x-amz-target"), "SageMaker.ListTrainingJobs");
  EXPECT_EQ(req.header("X-AMZ-TARGET"), "SageMaker.ListTrainingJobs");
  EXPECT_EQ(req.header("host"), "127.0.0.1");
  EXPECT_EQ(req.header("content-length"), "2");
  EXPECT_EQ(req.body, "{}");
  EXPECT_EQ(handler_threads_, std::set<std::thread::id>{io_thread_.get_id()});
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start(recorder());
  {
    Client client(port_);
    ASSERT_TRUE(client.connected());
    for (int i = 0; i < 5; ++i) {
      const std::string path = "/r" + std::to_string(i);
      ASSERT_TRUE(client.send(post(path, "{}")));
      const auto reply = client.read();
      ASSERT_FALSE(reply.ec) << reply.ec.message();
      EXPECT_EQ(reply.res.body(), path);
      EXPECT_TRUE(reply.res.keep_alive());
    }
    EXPECT_EQ(calls_.load(), 5);
    EXPECT_EQ(server_->open_connections(), 1u);
  }
  // The client has gone: the server notices and forgets the connection.
  EXPECT_TRUE(eventually([this] { return server_->open_connections() == 0; }));
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send(post("/1", "a") + post("/2", "bb") + post("/3", "")));
  for (const char* expected : {"/1", "/2", "/3"}) {
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.res.body(), expected);
  }
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send(post("/bye", "{}", "Connection: close\r\n")));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.body(), "/bye");
  EXPECT_FALSE(reply.res.keep_alive());
  EXPECT_EQ(sv(reply.res[http::field::connection]), "close");
  EXPECT_TRUE(client.wait_closed(1s).has_value());
}

TEST_F(HttpServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  start(recorder());
  {
    Client client(port_);
    ASSERT_TRUE(client.send("GET /old HTTP/1.0\r\n\r\n"));
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.res.version(), 10u);
    EXPECT_EQ(reply.res.body(), "/old");
    EXPECT_EQ(sv(reply.res[http::field::content_length]), "4");
    EXPECT_TRUE(client.wait_closed(1s).has_value());
  }
  Client client(port_);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.send("GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_TRUE(reply.res.keep_alive());
  }
}

TEST_F(HttpServerTest, HeadAnswerCarriesLengthButNoBody) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send("HEAD /abc HTTP/1.1\r\nHost: x\r\n\r\n" + post("/next", "")));
  const auto head = client.read(kWait, true);
  ASSERT_FALSE(head.ec) << head.ec.message();
  EXPECT_EQ(sv(head.res[http::field::content_length]), "4");
  EXPECT_TRUE(head.res.body().empty());
  const auto next = client.read();  // the stream is still in step
  ASSERT_FALSE(next.ec) << next.ec.message();
  EXPECT_EQ(next.res.body(), "/next");
}

TEST_F(HttpServerTest, OversizedBodyGets400WithAwsEnvelope) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" +
                          std::string(2000, 'x')));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 400u);
  EXPECT_EQ(reply.res.body(),
            R"({"__type":"ValidationException","message":"Request body of 100000 bytes )"
            R"(exceeds the limit of 1024 bytes"})");
  EXPECT_EQ(sv(reply.res[http::field::content_type]), "application/x-amz-json-1.1");
  EXPECT_TRUE(std::regex_match(sv(reply.res["x-amzn-RequestId"]), kUuidV4));
  EXPECT_FALSE(reply.res.keep_alive());
  EXPECT_TRUE(client.wait_closed().has_value());
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, OversizedChunkedBodyGets400) {
  start(recorder());
  Client client(port_);
  std::string chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) chunked += "200\r\n" + std::string(0x200, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  ASSERT_TRUE(client.send(chunked));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 400u);
  EXPECT_EQ(reply.res.body(),
            R"({"__type":"ValidationException","message":"Request body exceeds the limit of 1024 bytes"})");
  EXPECT_TRUE(client.wait_closed().has_value());
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, OversizedHeadersGet400) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send(post("/", "{}", "X-Big: " + std::string(8000, 'a') + "\r\n")));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 400u);
  EXPECT_NE(reply.res.body().find(R"("__type":"SerializationException")"), std::string::npos);
  EXPECT_TRUE(std::regex_match(sv(reply.res["x-amzn-RequestId"]), kUuidV4));
  EXPECT_TRUE(client.wait_closed().has_value());
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, GarbageGets400AndServerKeepsServing) {
  start(recorder());
  {
    Client client(port_);
    ASSERT_TRUE(client.send("\x16\x03\x01\x02\xff garbage \x01\r\n\r\n"));
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.res.result_int(), 400u);
    EXPECT_EQ(sv(reply.res[http::field::content_type]), "application/x-amz-json-1.1");
    EXPECT_NE(reply.res.body().find(R"({"__type":"SerializationException","message":")"),
              std::string::npos);
    EXPECT_TRUE(std::regex_match(sv(reply.res["x-amzn-RequestId"]), kUuidV4));
    EXPECT_TRUE(client.wait_closed().has_value());
  }
  {
    Client client(port_);  // bad Content-Length
    ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"));
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.res.result_int(), 400u);
  }
  Client client(port_);
  ASSERT_TRUE(client.send(post("/fine", "")));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.body(), "/fine");
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(HttpServerTest, StalledPartialRequestIsDisconnectedAfterReadTimeout) {
  start(recorder());  // read_timeout 200 ms
  Client partial_body(port_);
  Client partial_header(port_);
  ASSERT_TRUE(partial_body.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  ASSERT_TRUE(partial_header.send("POST / HTTP/1.1\r\nHo"));
  const auto sent = Clock::now();
  for (Client* client : {&partial_body, &partial_header}) {
    ASSERT_TRUE(client->wait_closed().has_value());
    EXPECT_GE(Clock::now() - sent, 150ms);
  }
  EXPECT_EQ(calls_.load(), 0);
  EXPECT_TRUE(eventually([this] { return server_->open_connections() == 0; }));
}

TEST_F(HttpServerTest, IdleConnectionIsClosedAfterIdleTimeout) {
  start(recorder());  // idle_timeout 300 ms
  Client used(port_);
  ASSERT_TRUE(used.send(post("/x", "")));
  ASSERT_FALSE(used.read().ec);
  Client silent(port_);
  const auto since = Clock::now();
  for (Client* client : {&used, &silent}) {
    ASSERT_TRUE(client->wait_closed().has_value());
    EXPECT_GE(Clock::now() - since, 250ms);
  }
}

TEST_F(HttpServerTest, ThrowingHandlerGives500AndServerKeepsRunning) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send(post("/throw", "{}")));
  const auto failed = client.read();
  ASSERT_FALSE(failed.ec) << failed.ec.message();
  EXPECT_EQ(failed.res.result_int(), 500u);
  EXPECT_EQ(failed.res.body(),
            R"({"__type":"InternalFailure","message":"Internal error: boom \"quoted\""})");
  EXPECT_TRUE(std::regex_match(sv(failed.res["x-amzn-RequestId"]), kUuidV4));
  EXPECT_TRUE(failed.res.keep_alive());

  ASSERT_TRUE(client.send(post("/after", "{}")));
  const auto next = client.read();
  ASSERT_FALSE(next.ec) << next.ec.message();
  EXPECT_EQ(next.res.result_int(), 200u);
  EXPECT_EQ(next.res.body(), "/after");
}

TEST_F(HttpServerTest, ExpectContinueGetsInterimAnswer) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send(
      "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  const auto interim = client.read();
  ASSERT_FALSE(interim.ec) << interim.ec.message();
  EXPECT_EQ(interim.res.result_int(), 100u);
  ASSERT_TRUE(client.send("hello"));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 200u);
  std::lock_guard lock(mutex_);
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].body, "hello");
}

TEST_F(HttpServerTest, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  auto limits = small_limits();
  limits.max_connections = 2;
  limits.idle_timeout = 5s;  // so that "closed at once" cannot be mistaken for a timeout
  start(recorder(), limits);
  auto first = std::make_unique<Client>(port_);
  Client second(port_);
  for (Client* client : {first.get(), &second}) {
    ASSERT_TRUE(client->send(post("/in", "")));
    ASSERT_FALSE(client->read().ec);
  }
  Client third(port_);  // the kernel completes the handshake; the server then closes it
  const auto closed_after = third.wait_closed();
  ASSERT_TRUE(closed_after.has_value());
  EXPECT_LT(closed_after->count(), 1000);  // well before any timeout

  ASSERT_TRUE(second.send(post("/still", "")));
  EXPECT_FALSE(second.read().ec);

  first.reset();
  ASSERT_TRUE(eventually([this] { return server_->open_connections() < 2; }));
  Client fourth(port_);
  ASSERT_TRUE(fourth.send(post("/again", "")));
  const auto reply = fourth.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.body(), "/again");
}

TEST_F(HttpServerTest, StopFinishesInFlightResponseThenRefusesConnections) {
  constexpr std::size_t kBig = 8 * 1024 * 1024;
  std::atomic<bool> big_started{false};
  auto limits = small_limits();
  limits.read_timeout = 2s;  // also bounds writing the big answer to a slow reader
  limits.idle_timeout = 10s;
  start(
      [&big_started](const HttpRequest& req) {
        if (req.path() != "/big") return text("small");
        big_started = true;
        return text(std::string(kBig, 'b'));
      },
      limits);

  Client idle(port_);
  ASSERT_TRUE(idle.send(post("/small", "")));
  ASSERT_FALSE(idle.read().ec);

  // A small receive window keeps most of the 8 MiB answer waiting in the server.
  Client slow(port_, 16 * 1024);
  ASSERT_TRUE(slow.connected());
  ASSERT_TRUE(slow.send(post("/big", "")));
  ASSERT_TRUE(eventually([&] { return big_started.load(); }));
  std::this_thread::sleep_for(50ms);

  server_->stop();  // from another thread: dispatched onto the io_context

  const auto idle_closed = idle.wait_closed(1s);
  EXPECT_TRUE(idle_closed.has_value()) << "idle keep-alive connection not closed by stop()";
  Client late(port_);
  EXPECT_FALSE(late.connected()) << "listen port still accepting after stop()";

  const auto reply = slow.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 200u);
  EXPECT_EQ(reply.res.body().size(), kBig);
  EXPECT_TRUE(slow.wait_closed().has_value());
  EXPECT_TRUE(eventually([this] { return run_returned_.load(); }))
      << "io_context.run() did not return after a graceful stop";
  EXPECT_EQ(server_->open_connections(), 0u);
}

TEST_F(HttpServerTest, ListenReportsErrors) {
  start(recorder());
  net::io_context other_io;
  HttpServer other(other_io, recorder());
  const auto taken = other.listen("127.0.0.1", port_);
  ASSERT_FALSE(taken);
  EXPECT_NE(taken.error().find("cannot listen on 127.0.0.1:"), std::string::npos) << taken.error();

  HttpServer third(other_io, recorder());
  const auto bad = third.listen("not a host name", 0);
  ASSERT_FALSE(bad);

  HttpServer fourth(other_io, recorder());
  ASSERT_TRUE(fourth.listen("127.0.0.1", 0));
  const auto again = fourth.listen("127.0.0.1", 0);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), "server is already listening");
}

}  // namespace
