#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capacity_model/result.h"

namespace api::s3 {

// The aws-chunked content coding of S3 uploads (wire-protocols.md §7.7), after HTTP/1.1
// chunking is undone: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n` repeated, a chunk of
// size 0, trailer lines `name:value\r\n` (a checksum, and with signed trailers
// x-amz-trailer-signature), then `\r\n`. Bytes may arrive split anywhere. Chunk signatures are
// kept but not checked: amt-emulator does not verify SigV4 yet.
class AwsChunkedDecoder {
 public:
  // Decodes the next bytes; an error text once the coding is broken (then stays broken).
  capacity_model::Status<std::string> feed(std::string_view bytes);
  // Whether the final chunk and the end of the trailers have been read.
  bool complete() const { return state_ == State::done; }

  const std::string& decoded() const { return decoded_; }
  std::string take_decoded() { return std::move(decoded_); }
  // Trailer names are lower-cased, values trimmed.
  const std::vector<std::pair<std::string, std::string>>& trailers() const { return trailers_; }

 private:
  enum class State { size_line, data, data_end, trailer_line, done, broken };

  capacity_model::Status<std::string> on_line(std::string_view line);
  capacity_model::Status<std::string> fail(std::string message);

  State state_ = State::size_line;
  std::string line_;  // the line being read (size line, data terminator, trailer)
  std::uint64_t remaining_ = 0;
  std::string decoded_;
  std::vector<std::pair<std::string, std::string>> trailers_;
};

struct DecodedBody {
  std::string bytes;
  std::vector<std::pair<std::string, std::string>> trailers;
};

// A whole aws-chunked body; an error text when it is broken or ends early.
capacity_model::Result<DecodedBody, std::string> decode_aws_chunked(std::string_view body);

}  // namespace api::s3
