#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"

struct z_stream_s;  // zlib's stream state, kept out of this header

// gzip files through zlib, streamed in both directions so that archives of any size pass
// through a fixed amount of memory. Errors do not name the file: the caller knows it.
namespace api::training {

// Writes one gzip member. The gzip header is zlib's minimal one (no file name, modification
// time 0), so the same bytes in always give the same file out.
class GzipWriter {
 public:
  static capacity_model::Result<std::unique_ptr<GzipWriter>, std::string> open(const std::filesystem::path& file);
  ~GzipWriter();
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;

  capacity_model::Status<std::string> write(std::string_view bytes);
  // Flushes the compressor and closes the file; the file is complete only once this succeeded.
  capacity_model::Status<std::string> finish();

 private:
  GzipWriter();
  capacity_model::Status<std::string> deflate_into_file(int flush);

  std::unique_ptr<z_stream_s> stream_;
  std::ofstream file_;
  std::vector<char> output_;
};

// Reads gzip (or zlib) data, several concatenated gzip members included, as gzip -d does.
class GzipReader {
 public:
  static capacity_model::Result<std::unique_ptr<GzipReader>, std::string> open(const std::filesystem::path& file);
  ~GzipReader();
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;

  // Fills `buffer` with up to `size` bytes; fewer only at the end of the data, 0 after it.
  capacity_model::Result<std::size_t, std::string> read(char* buffer, std::size_t size);

 private:
  GzipReader();
  capacity_model::Status<std::string> refill();

  std::unique_ptr<z_stream_s> stream_;
  std::ifstream file_;
  std::vector<char> input_;
  bool ended_ = false;
};

}  // namespace api::training
