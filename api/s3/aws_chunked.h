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
// kept for the front door to check (api/signed_chunks.h), not checked here.
class AwsChunkedDecoder {
 public:
  // One chunk as sent: its data is the next `size` decoded bytes; `signature` is its
  // chunk-signature extension, empty when it has none. The final chunk has size 0.
  struct Chunk {
    std::uint64_t size = 0;
    std::string signature;
  };
  // Whether chunks() is filled: only the front door's signature check needs it, and a body of
  // one-byte chunks would otherwise cost several times its size.
  enum class KeepChunks { no, yes };

  explicit AwsChunkedDecoder(KeepChunks keep = KeepChunks::no) : keep_chunks_(keep == KeepChunks::yes) {}

  // Decodes the next bytes; an error text once the coding is broken (then stays broken).
  capacity_model::Status<std::string> feed(std::string_view bytes);
  // Whether the final chunk and the end of the trailers have been read.
  bool complete() const { return state_ == State::done; }

  const std::string& decoded() const { return decoded_; }
  std::string take_decoded() { return std::move(decoded_); }
  // Trailer names are lower-cased, values trimmed.
  const std::vector<std::pair<std::string, std::string>>& trailers() const { return trailers_; }
  const std::vector<Chunk>& chunks() const { return chunks_; }  // empty unless kept

 private:
  enum class State { size_line, data, data_end, trailer_line, done, broken };

  capacity_model::Status<std::string> on_line(std::string_view line);
  capacity_model::Status<std::string> fail(std::string message);

  bool keep_chunks_;
  State state_ = State::size_line;
  std::string line_;  // the line being read (size line, data terminator, trailer)
  std::uint64_t remaining_ = 0;
  std::string decoded_;
  std::vector<std::pair<std::string, std::string>> trailers_;
  std::vector<Chunk> chunks_;
};

struct DecodedBody {
  std::string bytes;
  std::vector<std::pair<std::string, std::string>> trailers;
  std::vector<AwsChunkedDecoder::Chunk> chunks;
};

// A whole aws-chunked body; an error text when it is broken or ends early.
capacity_model::Result<DecodedBody, std::string> decode_aws_chunked(
    std::string_view body, AwsChunkedDecoder::KeepChunks keep = AwsChunkedDecoder::KeepChunks::no);

}  // namespace api::s3
