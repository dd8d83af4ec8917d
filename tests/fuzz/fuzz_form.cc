// The form decoders: the query protocol's Form (api/query) and the server's form_decode.
// The first byte picks one, the rest is its input:
//   'q'  `<name>\n<form body>`: Form::parse, then value, list, structures and nested of <name>;
//   'd'  form_decode of the text (its output is never longer than its input).
// Any other first byte is ignored.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/query/form.h"
#include "api/server/form_decode.h"

namespace {

void query_form(std::string_view input) {
  const auto line_end = input.find('\n');
  const auto name = line_end == std::string_view::npos ? std::string_view("Action") : input.substr(0, line_end);
  const auto body = line_end == std::string_view::npos ? input : input.substr(line_end + 1);
  const auto form = api::query::Form::parse(body);
  (void)form.value(name);
  (void)form.list(name);
  for (const auto& structure : form.structures(name)) (void)structure.value(name);
  (void)form.nested(name).empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto input = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'q') query_form(input);
  if (data[0] == 'd' && api::server::form_decode(input).size() > input.size()) __builtin_trap();
  return 0;
}
