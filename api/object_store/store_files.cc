#include "api/object_store/store_files.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace api::object_store::files {

namespace fs = std::filesystem;
using capacity_model::Done;

namespace {

bool is_ipv4_like(std::string_view name) {
  int dots = 0;
  for (char c : name) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 3;
}

}  // namespace

Status check_bucket(std::string_view bucket) {
  const std::string quoted = "'" + std::string(bucket) + "'";
  if (bucket.size() < 3 || bucket.size() > 63) return "bucket name " + quoted + " is not 3 to 63 characters long";
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; };
  const auto edge = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!std::all_of(bucket.begin(), bucket.end(), allowed)) {
    return "bucket name " + quoted + " holds a character other than a-z, 0-9, '.' and '-'";
  }
  if (!edge(bucket.front()) || !edge(bucket.back())) {
    return "bucket name " + quoted + " does not begin and end with a letter or digit";
  }
  if (bucket.find("..") != bucket.npos) return "bucket name " + quoted + " holds '..'";
  if (is_ipv4_like(bucket)) return "bucket name " + quoted + " is formatted as an IP address";
  return Done{};
}

Status check_key(std::string_view key, bool is_prefix) {
  const std::string quoted = "'" + std::string(key) + "'";
  if (key.find('\0') != key.npos) return "key " + quoted + " holds a NUL character";
  if (!key.empty() && key.front() == '/') return "key " + quoted + " starts with '/'";
  if (!is_prefix && !key.empty() && key.back() == '/') return "object key " + quoted + " ends in '/'";
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(key.find('/', start), key.size());
    const std::string_view segment = key.substr(start, end - start);
    const bool last = end == key.size();
    if ((segment.empty() && !(last && is_prefix)) || segment == "." || segment == "..") {
      if (key.empty()) return std::string("empty object key");
      return "key " + quoted + " has an empty, '.' or '..' segment, which the S3 store folder cannot hold";
    }
    if (segment.size() > 255) return "key " + quoted + " has a segment longer than 255 bytes";
    if (last) return Done{};
    start = end + 1;
  }
}

bool lies_within(const fs::path& inner, const fs::path& outer) {
  const fs::path relative = fs::weakly_canonical(inner).lexically_relative(fs::weakly_canonical(outer));
  return !relative.empty() && *relative.begin() != "..";
}

capacity_model::Result<std::vector<std::string>, std::string> files_under(const fs::path& folder) {
  std::vector<std::string> found;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && !it->path().filename().string().starts_with(kPartialMarker)) {
      found.push_back(it->path().lexically_relative(folder).generic_string());
    }
  }
  if (error) return "cannot list " + folder.string() + ": " + error.message();
  std::sort(found.begin(), found.end());
  return found;
}

Status replace_atomically(const fs::path& target, const std::function<Status(const fs::path&)>& fill) {
  static std::uint64_t counter = 0;
  const fs::path temporary = target.parent_path() / (std::string(kPartialMarker) + std::to_string(::getpid()) + "-" +
                                                     std::to_string(++counter));
  auto filled = fill(temporary);
  std::error_code error;
  if (filled) fs::rename(temporary, target, error);
  if (filled && !error) return Done{};
  std::error_code ignored;
  fs::remove(temporary, ignored);
  if (!filled) return filled;
  return "cannot write " + target.string() + ": " + error.message();
}

Status write_atomically(const fs::path& target, std::string_view bytes) {
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) return "cannot create " + target.parent_path().string() + ": " + error.message();
  return replace_atomically(target, [&](const fs::path& temporary) -> Status {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return "cannot write " + temporary.string();
    return Done{};
  });
}

std::optional<std::string> read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

void remove_empty_folders(fs::path folder, const fs::path& stop) {
  std::error_code error;
  while (folder != stop && folder.has_relative_path() && fs::is_empty(folder, error) && !error) {
    if (!fs::remove(folder, error) || error) return;
    folder = folder.parent_path();
  }
}

}  // namespace api::object_store::files
