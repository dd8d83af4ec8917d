#include "tests/unit/api/server/http_test_support.h"

namespace {

using namespace http_test;

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

}  // namespace
