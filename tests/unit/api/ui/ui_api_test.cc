#include "api/ui/ui_api.h"

#include <gtest/gtest.h>

#include "api/ui/ui_assets.h"

namespace api::ui {
namespace {

server::HttpResponse get(std::string target, std::string method = "GET") {
  server::HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  return serve(request);
}

std::string header(const server::HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(UiApi, OwnsTheUiPathAndWhatIsUnderIt) {
  EXPECT_TRUE(is_ui_path("/_emulator/ui"));
  EXPECT_TRUE(is_ui_path("/_emulator/ui/"));
  EXPECT_TRUE(is_ui_path("/_emulator/ui/app.js"));
  EXPECT_FALSE(is_ui_path("/_emulator/uix"));
  EXPECT_FALSE(is_ui_path("/_emulator/u"));
  EXPECT_FALSE(is_ui_path("/_emulator/health"));
}

TEST(UiApi, ThePageIsIndexHtmlWithOrWithoutTheSlashAndAQuery) {
  const auto page = get("/_emulator/ui");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(header(page, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<!doctype html>"), std::string::npos);
  EXPECT_EQ(get("/_emulator/ui/").body, page.body);
  EXPECT_EQ(get("/_emulator/ui?x=1").body, page.body);
}

TEST(UiApi, EveryCompiledInFileIsServedWithItsTypeAndNoCaching) {
  ASSERT_GT(assets().size(), 3u);
  for (const auto& asset : assets()) {
    const auto response = get("/_emulator/ui/" + std::string(asset.name));
    ASSERT_EQ(response.status, 200) << asset.name;
    EXPECT_EQ(response.body, asset.bytes) << asset.name;
    EXPECT_EQ(header(response, "Cache-Control"), "no-cache");
    const auto type = header(response, "Content-Type");
    if (asset.name.ends_with(".js")) {
      EXPECT_EQ(type, "text/javascript; charset=utf-8") << asset.name;
    } else if (asset.name.ends_with(".css")) {
      EXPECT_EQ(type, "text/css; charset=utf-8") << asset.name;
    }
  }
}

TEST(UiApi, UnknownFilesAndOtherMethodsAreRefused) {
  EXPECT_EQ(get("/_emulator/ui/nope.js").status, 404);
  EXPECT_EQ(get("/_emulator/ui/../health").status, 404);
  const auto post = get("/_emulator/ui", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_NE(post.body.find("MethodNotAllowed"), std::string::npos);
}

}  // namespace
}  // namespace api::ui
