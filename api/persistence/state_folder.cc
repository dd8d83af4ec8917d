#include "api/persistence/state_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "api/checksums/encoding.h"
#include "api/checksums/hashes.h"
#include "api/persistence/frames.h"

namespace api::persistence {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// What a crash in the middle of an append leaves after the last whole record: the beginning of
// one framed record, whose payload is JSON text (no byte below 0x20: dump() escapes them), and
// perhaps zeros the file system allotted. Random bytes, or a record of a damaged length whose
// text a bit flip left binary, are damage, and are not cut off as if never acknowledged.
bool is_cut_short_record(std::string_view tail) {
  if (tail.size() <= kFrameHeaderBytes) return true;
  auto text = tail.substr(kFrameHeaderBytes);
  text = text.substr(0, text.find_last_not_of('\0') + 1);  // npos + 1 == 0: only zeros
  return text.empty() || (text.front() == '{' && std::all_of(text.begin(), text.end(), [](char c) {
                            return static_cast<unsigned char>(c) >= 0x20;
                          }));
}

// Written beside, flushed, renamed: a crash leaves no half manifest.
capacity_model::Status<std::string> write_atomically(const fs::path& file, const std::string& text) {
  const auto fresh = fs::path(file.string() + ".new");
  const int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  ok = ok && ::rename(fresh.c_str(), file.c_str()) == 0;
  if (!ok) return "cannot write " + file.string();
  return capacity_model::Done{};
}

capacity_model::Result<std::vector<Record>, std::string> parse_records(const std::vector<std::string_view>& payloads,
                                                                       const std::string& where) {
  std::vector<Record> records;
  records.reserve(payloads.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    auto json = Json::parse(payloads[i], nullptr, false);
    auto record = json.is_discarded() ? capacity_model::Result<Record, std::string>(std::string("not JSON"))
                                      : record_from_json(std::move(json));
    if (!record) return where + ": record " + std::to_string(i + 1) + " does not parse (" + record.error() + ")";
    records.push_back(std::move(*record));
  }
  if (!records.empty() && !begins_a_world(records.front())) {
    return where + ": the first record is neither the world's start nor a snapshot";
  }
  if (auto later = first_later_beginning(records)) {
    return where + ": record " + std::to_string(*later + 1) +
           " begins a world again (a start or a snapshot after record 1)";
  }
  return records;
}

// A string member of a header written by hand or by another program: `otherwise` when it is
// absent or not a string (nlohmann's value() would throw on a number).
std::string text_member(const Json& object, const char* name, const std::string& otherwise) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : otherwise;
}

// The folder's lock, or the message refusing it.
capacity_model::Result<FolderLock, std::string> lock_folder(const fs::path& manifest, const std::string& where) {
  const int fd = ::open(manifest.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "cannot open " + manifest.string();
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return where + " is in use by another amt-emulator: one process per folder";
  }
  return FolderLock(fd);
}

}  // namespace

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Provenance provenance_of(std::string emulator_version, std::string scenario_name, std::string_view scenario_text) {
  checksums::Sha256 sha;
  sha.update(scenario_text);
  return Provenance{std::move(emulator_version), std::move(scenario_name), checksums::hex(sha.finish())};
}

Json header_json(const Provenance& provenance) {
  return Json{{"format", kFormat},
              {"formatVersion", kFormatVersion},
              {"writtenBy", "amt-emulator " + provenance.emulator_version},
              {"scenario", {{"name", provenance.scenario_name}, {"sha256", provenance.scenario_sha256}}}};
}

capacity_model::Status<std::string> check_header(const Json& header, const Provenance& provenance,
                                                 const std::string& where) {
  if (!header.is_object() || text_member(header, "format", "") != kFormat) {
    return where + " is not an amt-emulator state (its \"format\" is not \"" + std::string(kFormat) + "\")";
  }
  const auto version = header.find("formatVersion");
  if (version == header.end() || !version->is_number_integer() || version->get<int>() != kFormatVersion) {
    const std::string theirs = version == header.end() ? "none" : version->dump();
    return where + " has state format version " + theirs + " (written by " + text_member(header, "writtenBy", "?") +
           "); this amt-emulator " + provenance.emulator_version + " reads version " + std::to_string(kFormatVersion) +
           " only: use the version that wrote it, or a new folder";
  }
  const auto scenario = header.find("scenario");
  const std::string sha = scenario != header.end() && scenario->is_object() ? text_member(*scenario, "sha256", "") : "";
  if (sha != provenance.scenario_sha256) {
    const std::string name =
        scenario != header.end() && scenario->is_object() ? text_member(*scenario, "name", "?") : "?";
    return where + " was written with another scenario (" + name + ", sha256 " + sha + "); this emulator runs " +
           provenance.scenario_name + " (sha256 " + provenance.scenario_sha256 +
           "): start it with the same --scenario, or use a new folder";
  }
  return capacity_model::Done{};
}

capacity_model::Result<OpenedFolder, std::string> open_state_folder(const fs::path& folder,
                                                                    const Provenance& provenance) {
  const std::string where = "state folder " + folder.string();
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return "cannot make " + where + ": " + error.message();
  const auto manifest = folder / kManifestFile;
  const auto journal = folder / kJournalFile;
  OpenedFolder opened;
  if (!fs::exists(manifest)) {
    if (!fs::is_empty(folder, error)) {
      return where + " holds files but no " + std::string(kManifestFile) +
             ": it is not a state folder (give an empty or new folder)";
    }
    if (auto written = write_atomically(manifest, header_json(provenance).dump(2) + "\n"); !written) {
      return written.error();
    }
    auto lock = lock_folder(manifest, where);
    if (!lock) return lock.error();
    opened.lock = std::move(*lock);
    opened.created = true;
    return opened;
  }
  const auto header = Json::parse(file_bytes(manifest), nullptr, false);
  if (header.is_discarded()) return where + ": " + std::string(kManifestFile) + " does not parse as JSON";
  if (auto checked = check_header(header, provenance, where); !checked) return checked.error();
  auto lock = lock_folder(manifest, where);
  if (!lock) return lock.error();
  opened.lock = std::move(*lock);

  const auto bytes = file_bytes(journal);
  auto frames = read_frames(bytes);
  if (frames.corrupt) return where + ": the journal is damaged: " + *frames.corrupt;
  if (frames.torn_tail && !is_cut_short_record(std::string_view(bytes).substr(frames.whole_bytes))) {
    return where + ": the journal is damaged: the " + std::to_string(bytes.size() - frames.whole_bytes) +
           " bytes after its last whole record (at byte " + std::to_string(frames.whole_bytes) +
           ") are not a record cut short";
  }
  auto records = parse_records(frames.payloads, where);
  if (!records) return records.error();
  opened.records = std::move(*records);
  if (frames.torn_tail) {
    opened.torn = *frames.torn_tail;
    fs::resize_file(journal, frames.whole_bytes, error);
    if (error) return "cannot cut the torn record off " + journal.string() + ": " + error.message();
  }
  return opened;
}

std::string framed_records(const std::vector<Record>& records) {
  std::string out;
  for (const auto& record : records) out += frame(to_json(record).dump());
  return out;
}

}  // namespace api::persistence
