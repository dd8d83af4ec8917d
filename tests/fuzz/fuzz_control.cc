// The control plane: method, path, query and body → ControlApi, on a fresh World per input.
//
// Input framing (text): `<METHOD> <target>\n<body>`, the target being path and query
// (`POST /_emulator/clock\n{"advanceSeconds": 60}`); an input without a newline is all
// request line, with an empty body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/control/control_api.h"
#include "world_fixture.h"

namespace {

api::server::HttpRequest request_from(std::string_view input) {
  api::server::HttpRequest request;
  const auto line_end = input.find('\n');
  const auto line = input.substr(0, line_end);
  if (line_end != std::string_view::npos) request.body = std::string(input.substr(line_end + 1));
  const auto space = line.find(' ');
  request.method = std::string(line.substr(0, space));
  request.target = space == std::string_view::npos ? "/_emulator/health" : std::string(line.substr(space + 1));
  request.headers.emplace_back("Content-Type", "application/json");
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::WorldFixture fixture;
  api::control::ControlApi control_api(fixture.control, fixture.clock, {"fuzz", "default", "us-east-1"});
  const auto response = control_api.handle(request_from({reinterpret_cast<const char*>(data), size}));
  if (response.status < 200 || response.status > 599) __builtin_trap();
  return 0;
}
