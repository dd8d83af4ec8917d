// CloudWatch's Smithy RPC v2 CBOR decoder (api/monitoring): any bytes as a request body. What
// it accepts must serialize as JSON again (the services read it as such).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/monitoring/cbor_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto decoded = api::monitoring::decode_cbor({reinterpret_cast<const char*>(data), size});
  if (decoded) (void)decoded->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
