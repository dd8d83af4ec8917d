#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace api::persistence {

// Writes a journal's framed records from a thread of its own, so the io thread never waits for
// the disk. Records appended while the disk is busy join the next write and share its
// fdatasync (group commit): the cost of durability is paid once per batch, not per request.
// append(), replace() and when_durable() are called on the io thread; the callbacks they
// register run there too, through `post`.
class JournalWriter {
 public:
  using Post = std::function<void(std::function<void()>)>;
  // The journal can no longer be made durable (a full disk, an I/O error): what failed.
  using Failure = std::function<void(const std::string& message)>;

  // Opens `file` for appending (creating it).
  JournalWriter(std::filesystem::path file, Post post, Failure on_failure);
  // Writes what is queued, then stops the thread.
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // The sequence number of the record: durable once durable() reaches it.
  std::uint64_t append(std::string framed);
  // The whole journal becomes `framed` (a reset, an import): written beside the file, made
  // durable, then renamed over it, so a crash leaves the old journal or the new one.
  std::uint64_t replace(std::string framed);
  // The same records in fewer bytes (a snapshot), written as replace() writes, but optional:
  // if the disk refuses it, the journal stays as it was, appends go on into it, and a warning
  // is logged. Records appended before it are made durable first, so nobody waits for it.
  std::uint64_t compact(std::string framed);
  const std::filesystem::path& file() const { return file_; }
  std::uint64_t appended() const { return appended_; }
  // The last append or replace: what an answer waits for (a compaction only rewrites them).
  std::uint64_t required() const { return required_; }
  std::uint64_t durable() const { return durable_; }
  // Runs `then` on the io thread once every record up to `seq` is on disk (now, if it is).
  void when_durable(std::uint64_t seq, std::function<void()> then);
  // How many writes (each one fdatasync) have been made: appended() / writes() is the batch.
  std::uint64_t writes() const { return writes_; }

 private:
  enum class Kind { Append, Replace, Compact };
  struct Job {
    Kind kind = Kind::Append;
    std::string bytes;
    std::uint64_t seq = 0;
  };
  std::uint64_t enqueue(Kind kind, std::string framed);
  void run();
  // Thread side: writes a batch; false (and a message) when the disk refused.
  bool write_batch(std::vector<Job>& batch, std::string& error);
  // The appends of `run` written to the journal and flushed.
  bool write_run(std::string& run, std::string& error);
  // A new journal written beside the file and made durable (nothing changed if it fails),
  // then renamed over it.
  bool write_beside(const std::string& bytes, std::string& error);
  bool swap_in(std::string& error);
  void on_durable(std::uint64_t seq, std::uint64_t writes);

  std::filesystem::path file_;
  Post post_;
  Failure on_failure_;
  int fd_ = -1;  // thread side after construction

  // io thread
  std::uint64_t appended_ = 0;
  std::uint64_t required_ = 0;
  std::uint64_t durable_ = 0;
  std::uint64_t writes_ = 0;
  std::deque<std::pair<std::uint64_t, std::function<void()>>> waiting_;  // in seq order

  // shared
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace api::persistence
