#include "api/persistence/journal_writer.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace api::persistence {
namespace {

std::string errno_text(std::string_view what, const std::filesystem::path& file) {
  return std::string(what) + " " + file.string() + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

int open_append(const std::filesystem::path& file) {
  return ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

}  // namespace

JournalWriter::JournalWriter(std::filesystem::path file, Post post, Failure on_failure)
    : file_(std::move(file)), post_(std::move(post)), on_failure_(std::move(on_failure)) {
  fd_ = open_append(file_);
  if (fd_ < 0) throw std::runtime_error(errno_text("cannot open", file_));
  thread_ = std::thread([this] { run(); });
}

JournalWriter::~JournalWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t JournalWriter::append(std::string framed) { return required_ = enqueue(Kind::Append, std::move(framed)); }

std::uint64_t JournalWriter::replace(std::string framed) {
  return required_ = enqueue(Kind::Replace, std::move(framed));
}

std::uint64_t JournalWriter::compact(std::string framed) { return enqueue(Kind::Compact, std::move(framed)); }

std::uint64_t JournalWriter::enqueue(Kind kind, std::string framed) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Job{kind, std::move(framed), ++appended_});
  }
  wake_.notify_one();
  return appended_;
}

void JournalWriter::when_durable(std::uint64_t seq, std::function<void()> then) {
  if (seq <= durable_) return then();
  waiting_.emplace_back(seq, std::move(then));
}

void JournalWriter::on_durable(std::uint64_t seq, std::uint64_t writes) {
  durable_ = std::max(durable_, seq);
  writes_ += writes;
  while (!waiting_.empty() && waiting_.front().first <= durable_) {
    auto then = std::move(waiting_.front().second);
    waiting_.pop_front();
    then();
  }
}

void JournalWriter::run() {
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, with nothing left to write
      batch.swap(queue_);
    }
    std::string error;
    if (!write_batch(batch, error)) {
      post_([this, error] { on_failure_(error); });
      std::unique_lock lock(mutex_);  // nothing more can be made durable: wait to be stopped
      wake_.wait(lock, [this] { return stopping_; });
      return;
    }
    const auto seq = batch.back().seq;
    post_([this, seq] { on_durable(seq, 1); });
    batch.clear();
  }
}

bool JournalWriter::write_batch(std::vector<Job>& batch, std::string& error) {
  std::string run;  // consecutive appends go out in one write
  for (auto& job : batch) {
    if (job.kind == Kind::Append) {
      run += job.bytes;
      continue;
    }
    // What came before is durable before the rewrite starts: its answers need not wait.
    if (!run.empty()) {
      if (!write_run(run, error)) return false;
      post_([this, seq = job.seq - 1] { on_durable(seq, 1); });
    }
    if (!write_beside(job.bytes, error)) {
      if (job.kind == Kind::Replace) return false;
      spdlog::warn("state: a snapshot could not be written ({}); the journal goes on as it was", error);
      continue;
    }
    if (!swap_in(error)) return false;
  }
  return write_run(run, error);
}

bool JournalWriter::write_run(std::string& run, std::string& error) {
  if (!write_all(fd_, run)) return error = errno_text("cannot write", file_), false;
  if (::fdatasync(fd_) != 0) return error = errno_text("cannot flush", file_), false;
  run.clear();
  return true;
}

bool JournalWriter::write_beside(const std::string& bytes, std::string& error) {
  const auto fresh = std::filesystem::path(file_.string() + ".new");
  const int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return error = errno_text("cannot create", fresh), false;
  const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
  if (!written) error = errno_text("cannot write", fresh);
  ::close(fd);
  if (!written) ::unlink(fresh.c_str());  // a full disk gets its room back
  return written;
}

bool JournalWriter::swap_in(std::string& error) {
  const auto fresh = std::filesystem::path(file_.string() + ".new");
  if (::rename(fresh.c_str(), file_.c_str()) != 0) return error = errno_text("cannot rename over", file_), false;
  // The rename is durable once the folder is.
  const int dir = ::open(file_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  ::close(fd_);
  fd_ = open_append(file_);
  if (fd_ < 0) return error = errno_text("cannot open", file_), false;
  return true;
}

}  // namespace api::persistence
