#include "api/sagemaker/codec/answer_cache.h"

namespace api::sagemaker::codec {

const std::string* AnswerCache::find(const AnswerKey& key) {
  const auto it = index_.find({key.record, key.kind});
  if (it == index_.end()) return nullptr;
  auto entry = it->second;
  if (entry->version != key.version || entry->moment != key.moment) return nullptr;
  entries_.splice(entries_.begin(), entries_, entry);
  return &entry->answer;
}

const std::string& AnswerCache::store(const AnswerKey& key, std::string answer) {
  const Slot slot{key.record, key.kind};
  if (const auto it = index_.find(slot); it != index_.end()) {
    bytes_ -= it->second->answer.size();
    entries_.erase(it->second);
    index_.erase(it);
  }
  evict_to(max_bytes_ > answer.size() ? max_bytes_ - answer.size() : 0);
  bytes_ += answer.size();
  entries_.push_front({slot, key.version, key.moment, std::move(answer)});
  index_.emplace(slot, entries_.begin());
  return entries_.front().answer;
}

void AnswerCache::forget(const void* record) {
  for (auto kind :
       {AnswerKey::Kind::DescribeTuningJob, AnswerKey::Kind::TuningJobSummary, AnswerKey::Kind::DescribeTrainingJob,
        AnswerKey::Kind::TrainingJobSummary, AnswerKey::Kind::TuningChildSummary}) {
    if (const auto it = index_.find({record, kind}); it != index_.end()) {
      bytes_ -= it->second->answer.size();
      entries_.erase(it->second);
      index_.erase(it);
    }
  }
}

void AnswerCache::evict_to(std::size_t budget) {
  while (bytes_ > budget && !entries_.empty()) {
    bytes_ -= entries_.back().answer.size();
    index_.erase(entries_.back().slot);
    entries_.pop_back();
  }
}

}  // namespace api::sagemaker::codec
