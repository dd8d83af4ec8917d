#include "emulator/timeline/names.h"

namespace emulator::timeline {

NameTable::NameTable() { clear(); }

Name NameTable::intern(std::string_view text) {
  if (text.empty()) return kNoName;
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  Name name;
  if (!free_.empty()) {
    name = free_.back();
    free_.pop_back();
    entries_[name] = Entry{std::string(text), 0};
  } else {
    name = static_cast<Name>(entries_.size());
    entries_.push_back(Entry{std::string(text), 0});
  }
  index_.emplace(entries_[name].text, name);
  return name;
}

std::optional<Name> NameTable::find(std::string_view text) const {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  return std::nullopt;
}

void NameTable::refer(Name name) {
  if (name != kNoName) ++entries_[name].references;
}

bool NameTable::release(Name name) {
  if (name == kNoName) return false;
  auto& entry = entries_[name];
  if (--entry.references > 0) return false;
  index_.erase(entry.text);
  entry.text = std::string();
  entry.text.shrink_to_fit();
  free_.push_back(name);
  return true;
}

void NameTable::clear() {
  index_.clear();
  free_.clear();
  entries_.clear();
  entries_.push_back(Entry{});  // kNoName
}

}  // namespace emulator::timeline
