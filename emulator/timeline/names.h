#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace emulator::timeline {

// An interned text: the timeline stores each job, type, zone and region name once, however
// many events name it. 0 is the empty text.
using Name = std::uint32_t;
inline constexpr Name kNoName = 0;

// Interned texts with reference counts: a text no event refers to any more is forgotten and
// its id reused, so the table shrinks with the timeline (jobs deleted, old events dropped).
class NameTable {
 public:
  NameTable();

  // The id of `text`, adding it unreferenced when new; refer() before keeping it.
  Name intern(std::string_view text);
  // The id of `text` when some event refers to it.
  std::optional<Name> find(std::string_view text) const;
  std::string_view text(Name name) const { return entries_[name].text; }

  void refer(Name name);
  // True when that was the last reference: the name is gone and its id free.
  bool release(Name name);

  std::size_t size() const { return index_.size(); }
  void clear();

 private:
  struct Entry {
    std::string text;
    std::uint32_t references = 0;
  };
  // A deque keeps each entry's address, so the index can key on views of its text.
  std::deque<Entry> entries_;
  std::unordered_map<std::string_view, Name> index_;
  std::vector<Name> free_;
};

}  // namespace emulator::timeline
