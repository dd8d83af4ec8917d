#include "api/s3/aws_chunked.h"

#include <algorithm>
#include <cctype>

namespace api::s3 {

using capacity_model::Done;
using Status = capacity_model::Status<std::string>;

namespace {

// A size line or trailer longer than this is no aws-chunked stream (a signature extension is
// 81 bytes, a trailer under 100).
constexpr std::size_t kMaxLine = 4096;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "<hex>" or "<hex>;chunk-signature=<sig>": the size, or nothing when it is not one.
bool parse_size(std::string_view line, std::uint64_t& size) {
  const std::string_view digits = line.substr(0, line.find(';'));
  if (digits.empty() || digits.size() > 15) return false;
  size = 0;
  for (char c : digits) {
    const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                      : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                      : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                  : -1;
    if (value < 0) return false;
    size = size * 16 + static_cast<std::uint64_t>(value);
  }
  return true;
}

// The value of a size line's "chunk-signature=" extension, empty when there is none.
std::string_view chunk_signature(std::string_view line) {
  constexpr std::string_view kExtension = "chunk-signature=";
  const auto semicolon = line.find(';');
  if (semicolon == std::string_view::npos) return {};
  const auto extension = line.substr(semicolon + 1);
  if (!extension.starts_with(kExtension)) return {};
  return extension.substr(kExtension.size());
}

}  // namespace

Status AwsChunkedDecoder::fail(std::string message) {
  state_ = State::broken;
  return "malformed aws-chunked body: " + message;
}

Status AwsChunkedDecoder::on_line(std::string_view line) {
  switch (state_) {
    case State::size_line:
      if (!parse_size(line, remaining_)) return fail("bad chunk size line '" + std::string(line) + "'");
      if (keep_chunks_) chunks_.push_back({remaining_, std::string(chunk_signature(line))});
      state_ = remaining_ == 0 ? State::trailer_line : State::data;
      return Done{};
    case State::data_end:
      if (!line.empty()) return fail("chunk data longer than its size");
      state_ = State::size_line;
      return Done{};
    case State::trailer_line: {
      if (line.empty()) {
        state_ = State::done;
        return Done{};
      }
      const auto colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) return fail("bad trailer '" + std::string(line) + "'");
      std::string name(trim(line.substr(0, colon)));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      trailers_.emplace_back(std::move(name), std::string(trim(line.substr(colon + 1))));
      return Done{};
    }
    default: return fail("unexpected line");
  }
}

Status AwsChunkedDecoder::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    if (state_ == State::broken) return std::string("malformed aws-chunked body");
    if (state_ == State::done) {
      // Only line ends may follow the end of the stream.
      if (bytes.find_first_not_of("\r\n") != std::string_view::npos) return fail("bytes after the final chunk");
      return Done{};
    }
    if (state_ == State::data) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
      decoded_.append(bytes.substr(0, n));
      bytes.remove_prefix(n);
      remaining_ -= n;
      if (remaining_ == 0) state_ = State::data_end;
      continue;
    }
    const auto newline = bytes.find('\n');
    line_.append(bytes.substr(0, newline));
    if (line_.size() > kMaxLine) return fail("line longer than " + std::to_string(kMaxLine) + " bytes");
    if (newline == std::string_view::npos) return Done{};
    bytes.remove_prefix(newline + 1);
    if (line_.empty() || line_.back() != '\r') return fail("line not ended by CRLF");
    line_.pop_back();
    const std::string line = std::move(line_);
    line_.clear();
    if (auto handled = on_line(line); !handled) return handled;
  }
  return Done{};
}

capacity_model::Result<DecodedBody, std::string> decode_aws_chunked(std::string_view body,
                                                                    AwsChunkedDecoder::KeepChunks keep) {
  AwsChunkedDecoder decoder(keep);
  if (auto fed = decoder.feed(body); !fed) return fed.error();
  if (!decoder.complete()) return std::string("aws-chunked body ends before its final chunk");
  return DecodedBody{decoder.take_decoded(), decoder.trailers(), decoder.chunks()};
}

}  // namespace api::s3
