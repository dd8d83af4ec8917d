#include "api/training/archive.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <fstream>
#include <vector>

#include "api/training/gzip_stream.h"
#include "api/training/tar_header.h"

namespace api::training {

namespace fs = std::filesystem;
using capacity_model::Done;
using Status = capacity_model::Status<std::string>;

namespace {

constexpr std::size_t kCopyChunk = 64 * 1024;
// The name Python's tarfile gives a pax extended header; readers look only at its type.
constexpr std::string_view kPaxHeaderName = "././@PaxHeader";
// A pax or GNU long-name header larger than this is corruption, not a name.
constexpr std::uint64_t kMaxNameData = 1 << 20;

// ---- Packing ----

struct Member {
  std::string name;  // relative to the folder, "/" after a directory's name
  fs::path source;
  bool directory = false;
};

// Symbolic links are skipped rather than stored: the unpacker creates none (a link could point
// anywhere on the machine), so an archive holds only what lies inside the folder.
capacity_model::Result<std::vector<Member>, std::string> members_of(const fs::path& folder) {
  std::vector<Member> members;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    fs::file_status status = it->symlink_status(error);
    if (error) break;
    std::string name = it->path().lexically_relative(folder).generic_string();
    if (fs::is_directory(status)) {
      members.push_back({name + "/", it->path(), true});
    } else if (fs::is_regular_file(status)) {
      members.push_back({name, it->path(), false});
    }
  }
  if (error) return "cannot list " + folder.string() + ": " + error.message();
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
  return members;
}

Status write_padding(GzipWriter& out, std::uint64_t size) {
  static const TarBlock kZeros{};
  return out.write(std::string_view(kZeros.data(), tar_padding(size)));
}

// What a ustar header cannot hold goes first, in a pax extended header.
Status write_pax_header(GzipWriter& out, const std::string& name, std::uint64_t size) {
  std::string records;
  if (name.size() > kTarNameField) records += pax_record("path", name);
  if (size > kTarMaxOctalSize) records += pax_record("size", std::to_string(size));
  if (records.empty()) return Done{};
  TarBlock header = ustar_header(kPaxHeaderName, kTarPaxHeader, 0644, records.size());
  auto written = out.write(std::string_view(header.data(), header.size()));
  if (!written) return written;
  written = out.write(records);
  if (!written) return written;
  return write_padding(out, records.size());
}

// Exactly `size` bytes, the size the header announced: a file that shrank meanwhile is an error.
Status write_file_data(GzipWriter& out, const fs::path& file, std::uint64_t size) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "cannot open " + file.string();
  std::vector<char> buffer(kCopyChunk);
  for (std::uint64_t left = size; left > 0;) {
    in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size())));
    auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) return file.string() + " changed while it was packed";
    auto written = out.write(std::string_view(buffer.data(), got));
    if (!written) return written;
    left -= got;
  }
  return write_padding(out, size);
}

Status write_member(GzipWriter& out, const Member& member) {
  std::error_code error;
  fs::perms perms = fs::status(member.source, error).permissions();
  std::uint64_t size = member.directory ? 0 : fs::file_size(member.source, error);
  if (error) return "cannot read " + member.source.string() + ": " + error.message();
  auto mode = static_cast<std::uint32_t>(perms & fs::perms::all);
  auto written = write_pax_header(out, member.name, size);
  if (!written) return written;
  TarBlock header = ustar_header(member.name, member.directory ? kTarDirectory : kTarRegular, mode, size);
  written = out.write(std::string_view(header.data(), header.size()));
  if (!written || member.directory) return written;
  return write_file_data(out, member.source, size);
}

Status write_archive(const fs::path& folder, const fs::path& archive) {
  auto members = members_of(folder);
  if (!members) return members.error();
  auto out = GzipWriter::open(archive);
  if (!out) return out.error();
  for (const Member& member : *members) {
    auto written = write_member(**out, member);
    if (!written) return written;
  }
  // The end of an archive: two zero blocks.
  static const std::array<char, 2 * kTarBlock> kEnd{};
  auto written = (*out)->write(std::string_view(kEnd.data(), kEnd.size()));
  if (!written) return written;
  return (*out)->finish();
}

bool lies_within(const fs::path& inner, const fs::path& outer) {
  fs::path relative = fs::weakly_canonical(inner).lexically_relative(fs::weakly_canonical(outer));
  return !relative.empty() && *relative.begin() != "..";
}

// ---- Unpacking ----

// Reads exactly `size` bytes unless the data ends first; returns how many it read.
capacity_model::Result<std::size_t, std::string> read_up_to(GzipReader& in, char* buffer, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    auto got = in.read(buffer + done, size - done);
    if (!got) return got.error();
    if (*got == 0) break;
    done += *got;
  }
  return done;
}

// Copies `size` bytes to `to`, or drops them when `to` is null; the archive must not end first.
Status consume(GzipReader& in, std::uint64_t size, std::ofstream* to) {
  std::vector<char> buffer(kCopyChunk);
  for (std::uint64_t left = size; left > 0;) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    auto got = read_up_to(in, buffer.data(), want);
    if (!got) return got.error();
    if (*got < want) return std::string("truncated tar archive");
    if (to != nullptr && !to->write(buffer.data(), static_cast<std::streamsize>(want))) {
      return std::string("cannot write an unpacked file");
    }
    left -= want;
  }
  return Done{};
}

// A member's data and the padding after it.
Status consume_data(GzipReader& in, std::uint64_t size, std::ofstream* to) {
  auto consumed = consume(in, size, to);
  if (!consumed) return consumed;
  return consume(in, tar_padding(size), nullptr);
}

// The data of a pax or GNU long-name header, which is small unless the archive is corrupt.
Status read_small_data(GzipReader& in, std::uint64_t size, std::string& data) {
  if (size > kMaxNameData) return std::string("oversized extended header in tar archive");
  data.assign(size + tar_padding(size), '\0');
  auto got = read_up_to(in, data.data(), data.size());
  if (!got) return got.error();
  if (*got < data.size()) return std::string("truncated tar archive");
  data.resize(size);
  return Done{};
}

// The member's place under `into`, or an error when its name is absolute or climbs out.
capacity_model::Result<fs::path, std::string> place_of(const fs::path& into, std::string name) {
  while (!name.empty() && name.back() == '/') name.pop_back();
  if (!name.empty() && name.front() == '/') return "refused absolute member path '" + name + "'";
  fs::path relative = fs::path(name).lexically_normal();
  for (const fs::path& part : relative) {
    if (part == "..") return "refused member path '" + name + "': it leaves the target folder";
  }
  if (relative.empty() || relative == ".") return into;
  return into / relative;
}

// Owner read and write (and search on directories) are added to the archived mode, so that
// what was unpacked can always be read, and replaced by unpacking again.
Status extract_directory(const fs::path& place, std::uint32_t mode) {
  std::error_code error;
  fs::create_directories(place, error);
  if (!error) fs::permissions(place, static_cast<fs::perms>((mode & 0777) | 0700), error);
  if (error) return "cannot create " + place.string() + ": " + error.message();
  return Done{};
}

Status extract_file(GzipReader& in, const fs::path& place, std::uint64_t size, std::uint32_t mode) {
  std::error_code error;
  fs::create_directories(place.parent_path(), error);
  if (!error && fs::is_directory(fs::symlink_status(place))) return place.string() + " is a directory";
  // Replacing rather than writing through: an earlier file may be read-only, or a link.
  if (!error) fs::remove(place, error);
  if (error) return "cannot create " + place.string() + ": " + error.message();
  std::ofstream out(place, std::ios::binary | std::ios::trunc);
  if (!out) return "cannot create " + place.string();
  auto copied = consume_data(in, size, &out);
  if (!copied) return copied;
  out.close();
  if (!out) return "cannot write " + place.string();
  fs::permissions(place, static_cast<fs::perms>((mode & 0777) | 0600), error);
  if (error) return "cannot set the mode of " + place.string() + ": " + error.message();
  return Done{};
}

Status extract_member(GzipReader& in, const fs::path& into, const TarHeader& header, const PaxOverrides& next) {
  std::string name = next.path.value_or(header.name);
  std::uint64_t size = next.size.value_or(header.size);
  bool regular = header.type == kTarRegular || header.type == kTarRegularOld || header.type == kTarContiguous;
  if (!regular && header.type != kTarDirectory) return consume_data(in, size, nullptr);  // links, devices, ...
  auto place = place_of(into, name);
  if (!place) return place.error();
  // Old (pre-POSIX) archives mark a directory only by the "/" after its name.
  if (header.type == kTarDirectory || (!name.empty() && name.back() == '/')) {
    auto made = extract_directory(*place, header.mode);
    if (!made) return made;
    return consume_data(in, size, nullptr);
  }
  if (*place == into) return "refused member '" + name + "': a file where the target folder is";
  return extract_file(in, *place, size, header.mode);
}

Status read_archive(GzipReader& in, const fs::path& into) {
  PaxOverrides next;  // long name and size for the member that follows a pax or 'L' header
  for (;;) {
    TarBlock block;
    auto got = read_up_to(in, block.data(), block.size());
    if (!got) return got.error();
    // Missing end blocks are forgiven, as Python's tarfile and GNU tar forgive them.
    if (*got == 0 || (*got == block.size() && is_zero_block(block))) return Done{};
    if (*got < block.size()) return std::string("truncated tar archive");
    auto header = parse_tar_header(block);
    if (!header) return header.error();
    if (header->type == kTarPaxGlobal || header->type == kTarGnuLongLink) {
      auto skipped = consume_data(in, header->size, nullptr);  // nothing in them concerns us
      if (!skipped) return skipped;
      continue;
    }
    if (header->type == kTarPaxHeader || header->type == kTarGnuLongName) {
      std::string data;
      auto read = read_small_data(in, header->size, data);
      if (!read) return read;
      if (header->type == kTarGnuLongName) {
        next.path = data.substr(0, data.find('\0'));
        continue;
      }
      auto records = parse_pax_records(data);
      if (!records) return records.error();
      if (records->path) next.path = records->path;
      if (records->size) next.size = records->size;
      continue;
    }
    auto extracted = extract_member(in, into, *header, next);
    if (!extracted) return extracted;
    next = {};
  }
}

}  // namespace

Status pack_tar_gz(const fs::path& folder, const fs::path& archive) {
  try {
    if (!fs::is_directory(folder)) return "cannot pack " + folder.string() + ": not a folder";
    if (lies_within(archive, folder)) return "cannot pack " + folder.string() + " into itself";
    auto written = write_archive(folder, archive);
    if (written) return written;
    std::error_code ignored;
    fs::remove(archive, ignored);
    return "cannot pack " + folder.string() + " into " + archive.string() + ": " + written.error();
  } catch (const std::exception& e) {
    return "cannot pack " + folder.string() + ": " + e.what();
  }
}

Status unpack_tar_gz(const fs::path& archive, const fs::path& into) {
  try {
    std::string context = "cannot unpack " + archive.string() + " into " + into.string() + ": ";
    if (!fs::is_regular_file(archive)) return context + "not a file";
    auto in = GzipReader::open(archive);
    if (!in) return context + in.error();
    std::error_code error;
    fs::create_directories(into, error);
    if (error) return context + error.message();
    auto read = read_archive(**in, into);
    if (!read) return context + read.error();
    return Done{};
  } catch (const std::exception& e) {
    return "cannot unpack " + archive.string() + ": " + e.what();
  }
}

}  // namespace api::training
