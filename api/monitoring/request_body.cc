#include "api/monitoring/request_body.h"

#include <zlib.h>

namespace api::monitoring {
namespace {

capacity_model::Result<std::string, Failure> gunzip(const std::string& body) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return invalid_value("The request body could not be decompressed.");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  std::string out;
  char buffer[64 * 1024];
  int status = Z_OK;
  while (status == Z_OK && out.size() <= kMaxBodyBytes) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ended before the stream did
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return invalid_value("The request body is not complete gzip data.");
  if (out.size() > kMaxBodyBytes) return invalid_value("The decompressed request body is too large.");
  return out;
}

}  // namespace

capacity_model::Result<std::string, Failure> request_body(const server::HttpRequest& request) {
  const auto encoding = request.header("Content-Encoding");
  if (encoding.empty() || server::iequals(encoding, "identity")) return request.body;
  if (server::iequals(encoding, "gzip")) return gunzip(request.body);
  return invalid_value("The Content-Encoding " + std::string(encoding) + " is not supported; send gzip or none.");
}

}  // namespace api::monitoring
