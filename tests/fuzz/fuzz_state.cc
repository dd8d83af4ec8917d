// The state folder's decoders (api/persistence): a journal's framing and its records, as a
// restart reads them from a folder another process may have torn. The first byte picks one,
// the rest is its input:
//   'j'  journal bytes: read_frames, then every whole record's JSON through record_from_json;
//   'r'  one record's JSON text through record_from_json.
// Every record decoded must encode and decode again to the same JSON (the export is read back
// by an import). Any other first byte is ignored.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/persistence/frames.h"
#include "api/persistence/state_records.h"

namespace {

void decode_record(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return;
  const auto record = api::persistence::record_from_json(json);
  if (!record) return;
  const auto encoded = api::persistence::to_json(*record);
  const auto again = api::persistence::record_from_json(encoded);
  if (!again || api::persistence::to_json(*again) != encoded) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto input = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'j') {
    const std::string bytes(input);
    const auto frames = api::persistence::read_frames(bytes);
    if (frames.whole_bytes > input.size()) __builtin_trap();
    for (const auto& payload : frames.payloads) decode_record(payload);
  } else if (data[0] == 'r') {
    decode_record(input);
  }
  return 0;
}
