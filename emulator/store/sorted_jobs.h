#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/wire_enums.h"
#include "emulator/sim/clock.h"

namespace emulator::store {

// The orders a List operation sorts by (ties go by name, so every order is total).
enum class ListOrder { Name, CreationTime, Status };

// Where a page ended: the sort key of its last job, so the next page starts right after it
// even if that job has been deleted since.
struct ListPosition {
  std::string status;  // as on the wire
  sim::SimTime creation_time{0};
  std::string name;
};

// The jobs of one kind (tuning or training) of a store, filed per status, in name order and
// in creation order. Statuses are few, so "every job by name" is a merge of the per-status
// orders, and a page of a list costs its length (times log n), however many jobs are stored;
// a status filter walks that status alone. A job's status is re-filed when it changes.
template <typename Job>
class SortedJobs {
 public:
  void add(const Job& job) { file(job, spelled(job.status)); }
  void remove(const Job& job) { unfile(job, spelled(job.status)); }
  template <typename Status>
  void restatus(const Job& job, Status before) {
    unfile(job, spelled(before));
    file(job, spelled(job.status));
  }
  std::size_t size() const {
    std::size_t total = 0;
    for (const auto& [status, filed] : by_status_) total += filed.by_name.size();
    return total;
  }
  // How many jobs have each status, as the wire spells it.
  std::map<std::string_view, std::size_t> counts() const {
    std::map<std::string_view, std::size_t> out;
    for (const auto& [status, filed] : by_status_) out[status] = filed.by_name.size();
    return out;
  }

  // Visits jobs in `order`, from the first after `after` (or the start), only those of
  // `status` when given, until `visit` returns false.
  template <typename Visit>
  void walk(ListOrder order, bool descending, std::optional<std::string_view> status,
            const std::optional<ListPosition>& after, Visit visit) const;

 private:
  static std::string_view spelled(auto status) { return model::to_string(status); }

  struct ByName {
    using is_transparent = void;
    bool operator()(const Job* a, const Job* b) const { return a->name < b->name; }
    bool operator()(const Job* a, const ListPosition& b) const { return a->name < b.name; }
    bool operator()(const ListPosition& a, const Job* b) const { return a.name < b->name; }
  };
  struct ByCreation {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      if (created(a) != created(b)) return created(a) < created(b);
      return name(a) < name(b);
    }
    static sim::SimTime created(const Job* j) { return j->creation_time; }
    static sim::SimTime created(const ListPosition& p) { return p.creation_time; }
    static const std::string& name(const Job* j) { return j->name; }
    static const std::string& name(const ListPosition& p) { return p.name; }
  };
  struct Filed {
    std::set<const Job*, ByName> by_name;
    std::set<const Job*, ByCreation> by_creation;
  };

  void file(const Job& job, std::string_view status) {
    auto& filed = by_status_[status];
    filed.by_name.insert(&job);
    filed.by_creation.insert(&job);
  }
  void unfile(const Job& job, std::string_view status) {
    auto it = by_status_.find(status);
    if (it == by_status_.end()) return;
    it->second.by_name.erase(&job);
    it->second.by_creation.erase(&job);
    if (it->second.by_name.empty()) by_status_.erase(it);
  }

  // The jobs of one filed order from just after `after`, forward or backward.
  template <typename Set>
  struct Cursor {
    const Set* set;
    typename Set::const_iterator forward;
    typename Set::const_reverse_iterator backward;
    bool descending;
    bool done() const { return descending ? backward == set->crend() : forward == set->cend(); }
    const Job* job() const { return descending ? *backward : *forward; }
    void next() { descending ? (void)++backward : (void)++forward; }
  };
  template <typename Set>
  static Cursor<Set> cursor(const Set& set, bool descending, const std::optional<ListPosition>& after) {
    Cursor<Set> c{&set, set.cbegin(), set.crbegin(), descending};
    if (after) {
      c.forward = set.upper_bound(*after);
      c.backward = typename Set::const_reverse_iterator(set.lower_bound(*after));
    }
    return c;
  }
  // A merge of the per-status orders of `member`, or the one status asked for.
  template <typename Member, typename Less, typename Visit>
  void merge(Member member, Less less, bool descending, std::optional<std::string_view> status,
             const std::optional<ListPosition>& after, Visit& visit) const;
  template <typename Visit>
  void walk_by_status(bool descending, std::optional<std::string_view> status, const std::optional<ListPosition>& after,
                      Visit& visit) const;

  std::map<std::string_view, Filed, std::less<>> by_status_;  // keyed by the wire spelling
};

template <typename Job>
template <typename Member, typename Less, typename Visit>
void SortedJobs<Job>::merge(Member member, Less less, bool descending, std::optional<std::string_view> status,
                            const std::optional<ListPosition>& after, Visit& visit) const {
  using Set = std::remove_cvref_t<decltype(std::declval<Filed>().*member)>;
  std::vector<Cursor<Set>> cursors;
  for (const auto& [spelling, filed] : by_status_) {
    if (!status || spelling == *status) cursors.push_back(cursor(filed.*member, descending, after));
  }
  while (true) {
    Cursor<Set>* next = nullptr;
    for (auto& c : cursors) {
      if (c.done()) continue;
      if (next == nullptr || (descending ? less(next->job(), c.job()) : less(c.job(), next->job()))) next = &c;
    }
    if (next == nullptr || !visit(*next->job())) return;
    next->next();
  }
}

template <typename Job>
template <typename Visit>
void SortedJobs<Job>::walk_by_status(bool descending, std::optional<std::string_view> status,
                                     const std::optional<ListPosition>& after, Visit& visit) const {
  auto visit_filed = [&](std::string_view spelling, const Filed& filed) {
    if (status && spelling != *status) return true;
    if (after && (descending ? spelling > after->status : spelling < after->status)) return true;
    const bool resume = after && spelling == after->status;
    for (auto c = cursor(filed.by_name, descending, resume ? after : std::nullopt); !c.done(); c.next()) {
      if (!visit(*c.job())) return false;
    }
    return true;
  };
  if (descending) {
    for (auto it = by_status_.rbegin(); it != by_status_.rend(); ++it) {
      if (!visit_filed(it->first, it->second)) return;
    }
  } else {
    for (const auto& [spelling, filed] : by_status_) {
      if (!visit_filed(spelling, filed)) return;
    }
  }
}

template <typename Job>
template <typename Visit>
void SortedJobs<Job>::walk(ListOrder order, bool descending, std::optional<std::string_view> status,
                           const std::optional<ListPosition>& after, Visit visit) const {
  switch (order) {
    case ListOrder::Name: return merge(&Filed::by_name, ByName{}, descending, status, after, visit);
    case ListOrder::CreationTime: return merge(&Filed::by_creation, ByCreation{}, descending, status, after, visit);
    case ListOrder::Status: return walk_by_status(descending, status, after, visit);
  }
}

}  // namespace emulator::store
