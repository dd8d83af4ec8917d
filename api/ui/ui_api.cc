#include "api/ui/ui_api.h"

#include <string>

#include "api/control/replies.h"
#include "api/ui/ui_assets.h"

namespace api::ui {
namespace {

constexpr std::string_view kRoot = "/_emulator/ui";
constexpr std::string_view kIndex = "index.html";

std::string_view content_type_of(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const Asset* find_asset(std::string_view name) {
  for (const auto& asset : assets()) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

}  // namespace

bool is_ui_path(std::string_view path) {
  return path.substr(0, kRoot.size()) == kRoot && (path.size() == kRoot.size() || path[kRoot.size()] == '/');
}

server::HttpResponse serve(const server::HttpRequest& request) {
  if (request.method != "GET") return control::error(405, "MethodNotAllowed", "Use GET.");
  const auto path = request.path();
  auto name = path.size() > kRoot.size() + 1 ? path.substr(kRoot.size() + 1) : kIndex;
  const auto* asset = find_asset(name);
  if (!asset) return control::error(404, "NotFound", "No dashboard file at " + std::string(path) + ".");
  server::HttpResponse response;
  response.headers = {
      {"Content-Type", std::string(content_type_of(asset->name))},
      // Served by the binary being tested: a rebuilt binary must never meet a cached page.
      {"Cache-Control", "no-cache"},
      // The page talks to this origin only (the machine may be offline; nothing from a CDN).
      {"Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:"},
      {"X-Content-Type-Options", "nosniff"},
  };
  response.body = std::string(asset->bytes);
  return response;
}

}  // namespace api::ui
