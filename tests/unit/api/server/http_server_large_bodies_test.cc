// Requests the handler side lets carry larger bodies (S3 uploads), and HEAD answers that carry
// the Content-Length a GET would have.
#include "tests/unit/api/server/http_test_support.h"

namespace {

using namespace http_test;

// Bodies of requests to /upload/ may be up to 4096 bytes; an oversized one gets "too large",
// and so does one to /own/ over the usual limit (in the format of what it is sent to).
ServerLimits with_large_uploads() {
  auto limits = small_limits();
  limits.large_bodies.max_bytes = 4096;
  limits.large_bodies.allowed = [](const HttpRequest& r) { return r.path().starts_with("/upload/"); };
  limits.too_large = [](const HttpRequest& r, std::size_t limit) -> std::optional<HttpResponse> {
    if (!r.path().starts_with("/upload/") && !r.path().starts_with("/own/")) return std::nullopt;
    return text("too large: " + r.target + " over " + std::to_string(limit), 413);
  };
  return limits;
}

TEST_F(HttpServerTest, AllowedRequestsCarryLargerBodies) {
  start(recorder(), with_large_uploads());
  Client client(port_);
  ASSERT_TRUE(client.send(post("/upload/a", std::string(3000, 'x'))));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 200u);
  EXPECT_EQ(calls_.load(), 1);
  Client other(port_);
  ASSERT_TRUE(other.send(post("/elsewhere", std::string(3000, 'x'))));
  const auto refused = other.read();
  ASSERT_FALSE(refused.ec);
  EXPECT_NE(refused.res.body().find("ValidationException"), std::string::npos);
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(HttpServerTest, OverTheLargeLimitTheHandlersAnswerComesUnread) {
  start(recorder(), with_large_uploads());
  for (const std::string& request :
       {std::string("PUT /upload/big HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n"),
        "PUT /upload/chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string("1000\r\n") +
            std::string(0x1000, 'y') + "\r\n" + "10\r\n" + std::string(16, 'y') + "\r\n0\r\n\r\n"}) {
    Client client(port_);
    ASSERT_TRUE(client.send(request));
    const auto reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.res.result_int(), 413u);
    EXPECT_EQ(reply.res.body().substr(0, 18), "too large: /upload");
    EXPECT_NE(reply.res.body().find("over 4096"), std::string::npos);
    EXPECT_TRUE(client.wait_closed().has_value());
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, OverTheUsualLimitTheHandlersAnswerComesWhereItHasOne) {
  const auto limits = with_large_uploads();
  start(recorder(), limits);
  Client client(port_);
  ASSERT_TRUE(client.send(post("/own/x", std::string(limits.max_body_bytes + 1, 'x'))));
  const auto reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.res.result_int(), 413u);
  EXPECT_EQ(reply.res.body(), "too large: /own/x over " + std::to_string(limits.max_body_bytes));
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, HeadAnswersKeepTheHandlersContentLength) {
  start([](const HttpRequest&) {
    auto res = text("");
    res.headers.emplace_back("Content-Length", "12345");
    return res;
  });
  Client client(port_);
  ASSERT_TRUE(client.send("HEAD /object HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto reply = client.read(kWait, true);
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(sv(reply.res[http::field::content_length]), "12345");
  // A GET's Content-Length is the body's, whatever the handler says.
  ASSERT_TRUE(client.send("GET /object HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto get = client.read();
  ASSERT_FALSE(get.ec);
  EXPECT_EQ(sv(get.res[http::field::content_length]), "0");
}

}  // namespace
