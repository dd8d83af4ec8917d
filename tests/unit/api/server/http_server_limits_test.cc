#include "tests/unit/api/server/http_test_support.h"

namespace {

using namespace http_test;

TEST_F(HttpServerTest, OversizedBodyGets400WithAwsEnvelope) {
  start(recorder());
  Client client(port_);
  ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + std::string(2000, 'x')));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 400u);
  EXPECT_EQ(reply.res.body(), R"({"__type":"ValidationException","message":"Request body of 100000 bytes )"
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
    EXPECT_NE(reply.res.body().find(R"({"__type":"SerializationException","message":")"), std::string::npos);
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

TEST_F(HttpServerTest, ASlowlorisTricklingHeaderBytesIsCutOffByTheReadTimeout) {
  start(recorder());  // read_timeout 200 ms, counted from the first byte
  Client slow(port_);
  const auto sent = Clock::now();
  const std::string request = "POST / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  bool cut = false;
  for (char byte : request) {
    if (!slow.send(std::string(1, byte))) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  if (!cut) {
    ASSERT_TRUE(slow.wait_closed().has_value());
  }
  EXPECT_LT(Clock::now() - sent, 20ms * request.size());  // it did not wait for the last byte
  EXPECT_EQ(calls_.load(), 0);
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

TEST_F(HttpServerTest, AtTheLimitTheLongestIdleConnectionMakesRoom) {
  auto limits = small_limits();
  limits.max_connections = 2;
  limits.idle_timeout = 5s;  // so that "closed at once" cannot be mistaken for a timeout
  start(recorder(), limits);
  Client first(port_);
  Client second(port_);
  for (Client* client : {&first, &second}) {  // both idle afterwards, the first for longer
    ASSERT_TRUE(client->send(post("/in", "")));
    ASSERT_FALSE(client->read().ec);
  }
  Client third(port_);
  ASSERT_TRUE(third.send(post("/new", "")));
  const auto reply = third.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.body(), "/new");
  const auto closed_after = first.wait_closed();
  ASSERT_TRUE(closed_after.has_value());
  EXPECT_LT(closed_after->count(), 1000);  // evicted, not timed out
  ASSERT_TRUE(second.send(post("/still", "")));
  EXPECT_FALSE(second.read().ec);
  EXPECT_EQ(server_->evicted_connections(), 1u);
  EXPECT_EQ(server_->refused_connections(), 0u);
}

TEST_F(HttpServerTest, AtTheLimitWithEveryConnectionBusyANewcomerIsClosedAtOnce) {
  auto limits = small_limits();
  limits.max_connections = 2;
  limits.idle_timeout = 5s;
  limits.read_timeout = 5s;
  start(recorder(), limits);
  Client first(port_);
  Client second(port_);
  for (Client* client : {&first, &second}) {  // each mid-request: its body is still to come
    ASSERT_TRUE(client->send("POST /slow HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
    const auto interim = client->read();
    ASSERT_FALSE(interim.ec) << interim.ec.message();
    ASSERT_EQ(interim.res.result_int(), 100u);
  }
  Client third(port_);  // the kernel completes the handshake; the server then closes it
  const auto closed_after = third.wait_closed();
  ASSERT_TRUE(closed_after.has_value());
  EXPECT_LT(closed_after->count(), 1000);
  EXPECT_EQ(server_->refused_connections(), 1u);
  EXPECT_EQ(server_->evicted_connections(), 0u);
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
  ASSERT_TRUE(eventually([&] { return slow.bytes_waiting() > 0; }));  // the answer is on its way

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
