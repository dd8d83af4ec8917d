// S3's decoders. The first byte of the input picks one, the rest is its input:
//   'c'  a whole aws-chunked body (decode_aws_chunked);
//   'i'  the same body fed to AwsChunkedDecoder in pieces: each piece is announced by one byte,
//        its length (0-255), then that many bytes; the result must equal the whole decoding;
//   'x'  a request-body XML document (parse_xml);
//   'r'  a Range header over an object size: 8 bytes (little-endian size), then the header;
//   'a'  addressing: `<METHOD> <target>\n<Host>` (parse_request, bucket_of_host, percent_decode).
// Any other first byte is ignored.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "api/s3/aws_chunked.h"
#include "api/s3/byte_range.h"
#include "api/s3/s3_request.h"
#include "api/s3/xml_reader.h"

namespace {

void check(bool holds) {
  if (!holds) __builtin_trap();
}

void chunked_in_pieces(std::string_view input) {
  api::s3::AwsChunkedDecoder decoder;
  std::string whole;
  bool broken = false;
  while (!input.empty()) {
    const std::size_t length = std::min<std::size_t>(static_cast<unsigned char>(input[0]), input.size() - 1);
    const auto piece = input.substr(1, length);
    input.remove_prefix(1 + length);
    whole += piece;
    broken = broken || !decoder.feed(piece);
  }
  const auto at_once = api::s3::decode_aws_chunked(whole);
  // Splitting the bytes differently never changes what they decode to.
  if (at_once) check(!broken && decoder.complete() && decoder.decoded() == at_once->bytes);
  if (!broken && decoder.complete()) check(at_once && decoder.trailers() == at_once->trailers);
}

void range(std::string_view input) {
  if (input.size() < 8) return;
  std::uint64_t size = 0;
  std::memcpy(&size, input.data(), sizeof size);
  const auto resolved = api::s3::resolve_range(input.substr(8), size);
  if (resolved.kind == api::s3::RangeRequest::Kind::partial)
    check(resolved.first <= resolved.last && resolved.last < size);
}

void addressing(std::string_view input) {
  const auto line_end = input.find('\n');
  const auto line = input.substr(0, line_end);
  const auto space = line.find(' ');
  api::server::HttpRequest http;
  http.method = std::string(line.substr(0, space));
  http.target = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
  if (line_end != std::string_view::npos) http.headers.emplace_back("Host", std::string(input.substr(line_end + 1)));
  (void)api::s3::bucket_of_host(http.header("Host"));
  (void)api::s3::percent_decode(http.target);
  (void)api::s3::parse_request(http);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto input = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
    case 'c': (void)api::s3::decode_aws_chunked(input); break;
    case 'i': chunked_in_pieces(input); break;
    case 'x': (void)api::s3::parse_xml(input); break;
    case 'r': range(input); break;
    case 'a': addressing(input); break;
    default: break;
  }
  return 0;
}
