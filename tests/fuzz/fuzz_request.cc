// The AWS JSON 1.1 request path: headers and body → the real Router and every service behind
// it, as api/main.cc composes them (api::Services), on a fresh World per input.
//
// Input framing (text): `<X-Amz-Target>\n<credential scope>\n<body>`. The scope line, when not
// empty, becomes `Authorization: AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/<scope>/aws4_request,
// SignedHeaders=host, Signature=00` (e.g. `us-east-1/sagemaker`); an input without two newlines
// is all body, sent with no target and no Authorization.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/services.h"
#include "world_fixture.h"

namespace {

std::string_view next_line(std::string_view& rest) {
  const auto end = rest.find('\n');
  if (end == std::string_view::npos) return {};
  const auto line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return line;
}

api::server::HttpRequest request_from(std::string_view input) {
  api::server::HttpRequest request{"POST", "/", {}, {}};
  std::string_view rest = input;
  if (std::count(input.begin(), input.end(), '\n') >= 2) {
    const auto target = next_line(rest);
    const auto scope = next_line(rest);
    request.headers.emplace_back("X-Amz-Target", std::string(target));
    if (!scope.empty()) {
      request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/" +
                                                        std::string(scope) +
                                                        "/aws4_request, SignedHeaders=host, Signature=00");
    }
  }
  request.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
  request.headers.emplace_back("Host", "localhost");
  request.body = std::string(rest);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::WorldFixture fixture;
  api::Services services(fixture.world, fixture.control, fixture.clock, fuzz::scratch_folder(),
                         {"fuzz", "default", fixture.world.scenario().region});
  const auto input = std::string_view(reinterpret_cast<const char*>(data), size);
  const auto response = services.router.route(request_from(input));
  if (response.status < 200 || response.status > 599) __builtin_trap();
  return 0;
}
