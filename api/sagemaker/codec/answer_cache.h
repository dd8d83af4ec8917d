#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace api::sagemaker::codec {

// What one encoded answer stands for: a record, the kind of answer, the record's version, and
// the part of the answer that moves with virtual time alone (RuntimeInSeconds of a running
// tuning job, a warm pool's retained seconds), or 0.
struct AnswerKey {
  enum class Kind : std::uint8_t {
    DescribeTuningJob,
    TuningJobSummary,
    DescribeTrainingJob,
    TrainingJobSummary,
    TuningChildSummary
  };
  const void* record = nullptr;
  Kind kind = Kind::DescribeTuningJob;
  std::uint64_t version = 0;
  std::int64_t moment = 0;
};

// Encoded answers of records that have not changed since: Describe and List of a job that
// nothing touched are the bytes already written once. A record's version is a stamp no other
// state of any record has had, so a stale entry can never match. Bounded: past `max_bytes`
// the least recently used answers go.
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_bytes = 4 * 1024 * 1024) : max_bytes_(max_bytes) {}

  const std::string* find(const AnswerKey& key);
  const std::string& store(const AnswerKey& key, std::string answer);
  // A deleted record's answers go with it.
  void forget(const void* record);
  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Slot {
    const void* record;
    AnswerKey::Kind kind;
    bool operator==(const Slot&) const = default;
  };
  struct SlotHash {
    std::size_t operator()(const Slot& s) const {
      return std::hash<const void*>()(s.record) ^ (std::size_t(s.kind) * 0x9e3779b97f4a7c15ULL);
    }
  };
  struct Entry {
    Slot slot;
    std::uint64_t version;
    std::int64_t moment;
    std::string answer;
  };
  using Entries = std::list<Entry>;  // most recently used first

  void evict_to(std::size_t budget);

  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  Entries entries_;
  std::unordered_map<Slot, Entries::iterator, SlotHash> index_;
};

}  // namespace api::sagemaker::codec
