#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/persistence/state_records.h"
#include "capacity_model/result.h"

// A state folder (--state-dir): amt-emulator-state.json says what wrote it, journal holds the
// records. Also the exported state document, which is the same header with the records inline.
namespace api::persistence {

inline constexpr std::string_view kFormat = "amt-emulator-state";
// Bump when a record's meaning changes: a folder or document of another version is refused.
inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kManifestFile = "amt-emulator-state.json";
inline constexpr std::string_view kJournalFile = "journal";

// What the records only make sense with: replaying them over another scenario would build
// another world.
struct Provenance {
  std::string emulator_version;
  std::string scenario_name;
  std::string scenario_sha256;  // hex, of the scenario file's bytes
};

// The provenance of this emulator running this scenario (its file's bytes).
Provenance provenance_of(std::string emulator_version, std::string scenario_name, std::string_view scenario_text);

// The header of a folder's manifest and of an exported document.
nlohmann::json header_json(const Provenance& provenance);
// Whether a header (a manifest, a document) was written in this format, version and scenario;
// the message says what differs, `where` names the folder or the document.
capacity_model::Status<std::string> check_header(const nlohmann::json& header, const Provenance& provenance,
                                                 const std::string& where);

// Held while a process uses a folder: two emulators appending to one journal would interleave
// their records into a history neither had. An advisory lock (flock) on the manifest, which
// the kernel drops when the process ends, kill -9 included.
class FolderLock {
 public:
  explicit FolderLock(int fd = -1) : fd_(fd) {}
  FolderLock(FolderLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

 private:
  int fd_;
};

struct OpenedFolder {
  FolderLock lock;                  // keep it for as long as the folder is used
  std::vector<Record> records;      // from the journal, in order (empty for a new folder)
  std::optional<std::string> torn;  // a torn last record that was dropped, and why
  bool created = false;             // the folder was new
};

// Opens a state folder, making it (and its manifest) when it does not exist or is empty. A
// folder of another format version or scenario, one whose manifest or records do not parse,
// one holding other files, or one another process has open, is refused with a message naming
// it. A torn last record is
// cut off the file (the next append goes after the last whole one) and reported.
capacity_model::Result<OpenedFolder, std::string> open_state_folder(const std::filesystem::path& folder,
                                                                    const Provenance& provenance);

// A file's whole content (empty when it cannot be read: a journal not yet written).
std::string file_bytes(const std::filesystem::path& file);

// The journal's bytes for these records (a rewrite after a reset or an import).
std::string framed_records(const std::vector<Record>& records);

}  // namespace api::persistence
