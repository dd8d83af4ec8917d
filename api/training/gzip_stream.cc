#include "api/training/gzip_stream.h"

#include <zlib.h>

#include <algorithm>

namespace api::training {

namespace {

constexpr std::size_t kChunk = 64 * 1024;
// zlib's windowBits: 15 (32 KiB window) plus 16 for a gzip wrapper, or plus 32 to accept a
// gzip or zlib wrapper, whichever the data starts with.
constexpr int kGzipWindow = 15 + 16;
constexpr int kDetectWindow = 15 + 32;
constexpr int kMemoryLevel = 8;  // zlib's default

std::string zlib_error(const z_stream& stream, int code) {
  return stream.msg != nullptr ? std::string("corrupt gzip data: ") + stream.msg : "zlib error " + std::to_string(code);
}

}  // namespace

GzipWriter::GzipWriter() : stream_(std::make_unique<z_stream>()), output_(kChunk) {}

// deflateEnd is harmless on a stream deflateInit2 never set up (its state is still null).
GzipWriter::~GzipWriter() { deflateEnd(stream_.get()); }

capacity_model::Result<std::unique_ptr<GzipWriter>, std::string> GzipWriter::open(const std::filesystem::path& file) {
  std::unique_ptr<GzipWriter> writer(new GzipWriter());
  writer->file_.open(file, std::ios::binary | std::ios::trunc);
  if (!writer->file_) return std::string("cannot create the file");
  // Without deflateSetHeader zlib writes a minimal gzip header: no name, time 0, this OS's code.
  int code = deflateInit2(writer->stream_.get(), Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, kMemoryLevel,
                          Z_DEFAULT_STRATEGY);
  if (code != Z_OK) return zlib_error(*writer->stream_, code);
  return writer;
}

capacity_model::Status<std::string> GzipWriter::write(std::string_view bytes) {
  while (!bytes.empty()) {
    std::size_t chunk = std::min(bytes.size(), kChunk);
    stream_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream_->avail_in = static_cast<uInt>(chunk);
    auto deflated = deflate_into_file(Z_NO_FLUSH);
    if (!deflated) return deflated;
    bytes.remove_prefix(chunk);
  }
  return capacity_model::Done{};
}

capacity_model::Status<std::string> GzipWriter::finish() {
  stream_->next_in = nullptr;
  stream_->avail_in = 0;
  auto deflated = deflate_into_file(Z_FINISH);
  if (!deflated) return deflated;
  file_.close();
  if (!file_) return std::string("cannot write the file");
  return capacity_model::Done{};
}

// zlib's own pattern (zpipe.c): run deflate until it leaves room in the output buffer, which
// means it consumed all input (or, with Z_FINISH, wrote the trailer).
capacity_model::Status<std::string> GzipWriter::deflate_into_file(int flush) {
  do {
    stream_->next_out = reinterpret_cast<Bytef*>(output_.data());
    stream_->avail_out = static_cast<uInt>(output_.size());
    int code = deflate(stream_.get(), flush);
    if (code == Z_STREAM_ERROR) return zlib_error(*stream_, code);
    file_.write(output_.data(), static_cast<std::streamsize>(output_.size() - stream_->avail_out));
    if (!file_) return std::string("cannot write the file");
  } while (stream_->avail_out == 0);
  return capacity_model::Done{};
}

GzipReader::GzipReader() : stream_(std::make_unique<z_stream>()), input_(kChunk) {}

GzipReader::~GzipReader() { inflateEnd(stream_.get()); }

capacity_model::Result<std::unique_ptr<GzipReader>, std::string> GzipReader::open(const std::filesystem::path& file) {
  std::unique_ptr<GzipReader> reader(new GzipReader());
  reader->file_.open(file, std::ios::binary);
  if (!reader->file_) return std::string("cannot open the file");
  int code = inflateInit2(reader->stream_.get(), kDetectWindow);
  if (code != Z_OK) return zlib_error(*reader->stream_, code);
  return reader;
}

capacity_model::Result<std::size_t, std::string> GzipReader::read(char* buffer, std::size_t size) {
  if (ended_) return std::size_t{0};
  size = std::min(size, kChunk);
  stream_->next_out = reinterpret_cast<Bytef*>(buffer);
  stream_->avail_out = static_cast<uInt>(size);
  while (stream_->avail_out > 0) {
    if (stream_->avail_in == 0) {
      auto refilled = refill();
      if (!refilled) return refilled.error();
      if (stream_->avail_in == 0) return std::string("not gzip data, or truncated");
    }
    int code = inflate(stream_.get(), Z_NO_FLUSH);
    if (code == Z_STREAM_END) {
      // The end of one member: more bytes mean another member follows, as gzip -d reads them.
      if (stream_->avail_in == 0) {
        auto refilled = refill();
        if (!refilled) return refilled.error();
      }
      if (stream_->avail_in == 0) {
        ended_ = true;
        break;
      }
      inflateReset(stream_.get());
    } else if (code != Z_OK) {
      return zlib_error(*stream_, code);
    }
  }
  return size - stream_->avail_out;
}

capacity_model::Status<std::string> GzipReader::refill() {
  file_.read(input_.data(), static_cast<std::streamsize>(input_.size()));
  if (file_.bad()) return std::string("cannot read the file");
  stream_->next_in = reinterpret_cast<Bytef*>(input_.data());
  stream_->avail_in = static_cast<uInt>(file_.gcount());
  return capacity_model::Done{};
}

}  // namespace api::training
