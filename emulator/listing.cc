#include "emulator/listing.h"

#include <algorithm>
#include <functional>

#include "emulator/model/warm_pool_status.h"
#include "emulator/sim/rng.h"
#include "emulator/store/pagination.h"

namespace emulator {
namespace {

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return store::lower_case(haystack).find(store::lower_case(needle)) != std::string::npos;
}

// Strictly after / strictly before, as SageMaker's list filters are documented.
bool in_window(double created, double modified, const TimeFilter& f) {
  if (f.creation_after && !(created > *f.creation_after)) return false;
  if (f.creation_before && !(created < *f.creation_before)) return false;
  if (f.last_modified_after && !(modified > *f.last_modified_after)) return false;
  if (f.last_modified_before && !(modified < *f.last_modified_before)) return false;
  return true;
}

std::string describe_times(const TimeFilter& f) {
  auto text = [](const std::optional<double>& v) { return v ? std::to_string(*v) : std::string("-"); };
  return text(f.creation_after) + "|" + text(f.creation_before) + "|" + text(f.last_modified_after) + "|" +
         text(f.last_modified_before);
}

std::string order_text(SortOrder order) { return order == SortOrder::Ascending ? "A" : "D"; }

template <typename Status>
std::string status_text(const std::optional<Status>& status) {
  return status ? std::string(model::to_string(*status)) : std::string();
}

store::ListOrder order_of(const std::string& sort_by, store::ListOrder fallback) {
  if (sort_by == "Name") return store::ListOrder::Name;
  if (sort_by == "Status") return store::ListOrder::Status;
  if (sort_by == "CreationTime") return store::ListOrder::CreationTime;
  return fallback;
}

// Walks `sorted` from the page's start, keeping the jobs `wanted` selects, up to a page; the
// token resumes after the last one, and is only given when another job would follow.
template <typename Job, typename Status, typename Wanted>
Result<Page<const Job*>> walk_page(const store::SortedJobs<Job>& sorted, store::ListOrder order,
                                   const std::optional<Status>& status, SortOrder direction, const PageRequest& request,
                                   const std::string& query_text, Wanted wanted) {
  const auto fingerprint = sim::stable_hash(query_text);
  auto after = store::read_position_token(request.next_token, fingerprint);
  if (!after) return after.error();
  const auto max = static_cast<std::size_t>(std::max(1, request.max_results));
  const std::optional<std::string_view> only =
      status ? std::optional<std::string_view>(model::to_string(*status)) : std::nullopt;
  Page<const Job*> page;
  bool more = false;
  sorted.walk(order, direction == SortOrder::Descending, only, *after, [&](const Job& job) {
    if (!wanted(job)) return true;
    if (page.items.size() == max) {
      more = true;
      return false;
    }
    page.items.push_back(&job);
    return true;
  });
  if (more) {
    const auto* last = page.items.back();
    page.next_token = store::position_token(
        fingerprint, {std::string(model::to_string(last->status)), last->creation_time, last->name});
  }
  return page;
}

// Sorts by key, ties by name, then reverses for Descending so ties reverse too: a stable
// total order keeps pages from overlapping.
template <typename T, typename Key>
void sort_items(std::vector<T>& items, SortOrder order, Key key) {
  std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    auto ka = key(a), kb = key(b);
    if (ka != kb) return ka < kb;
    return a->name < b->name;
  });
  if (order == SortOrder::Descending) std::reverse(items.begin(), items.end());
}

}  // namespace

template <typename T>
Result<Page<T>> page_of(std::vector<T> items, const PageRequest& request, const std::string& query_text) {
  auto window = store::page(items.size(), request.max_results, request.next_token, sim::stable_hash(query_text));
  if (!window) return window.error();
  Page<T> page;
  page.items.assign(items.begin() + std::ptrdiff_t(window->begin), items.begin() + std::ptrdiff_t(window->end));
  page.next_token = window->next_token;
  return page;
}
template Result<Page<model::Tag>> page_of(std::vector<model::Tag>, const PageRequest&, const std::string&);

Result<Page<const model::TuningJob*>> list_tuning_jobs(const store::JobStore& jobs, const ListTuningJobsQuery& q,
                                                       const WireClock& clock) {
  const auto query_text = "tuning|" + q.sort_by + "|" + order_text(q.sort_order) + "|" + q.name_contains.value_or("") +
                          "|" + status_text(q.status_equals) + "|" + describe_times(q.times);
  return walk_page(jobs.sorted_tuning_jobs(), order_of(q.sort_by, store::ListOrder::Name), q.status_equals,
                   q.sort_order, q.page, query_text, [&](const model::TuningJob& job) {
                     if (q.name_contains && !contains_ignoring_case(job.name, *q.name_contains)) return false;
                     return in_window(clock.seconds(job.creation_time), clock.seconds(job.last_modified_time), q.times);
                   });
}

Result<Page<const model::TrainingJob*>> list_training_jobs(const store::JobStore& jobs, const ListTrainingJobsQuery& q,
                                                           const WireClock& clock) {
  const auto query_text = "training|" + q.sort_by + "|" + order_text(q.sort_order) + "|" +
                          q.name_contains.value_or("") + "|" + status_text(q.status_equals) + "|" +
                          status_text(q.warm_pool_status_equals) + "|" + q.training_plan_arn_equals.value_or("") + "|" +
                          describe_times(q.times);
  return walk_page(jobs.sorted_training_jobs(), order_of(q.sort_by, store::ListOrder::CreationTime), q.status_equals,
                   q.sort_order, q.page, query_text, [&](const model::TrainingJob& job) {
                     // Training plans are not modelled: no job has one, so that filter selects nothing.
                     if (q.training_plan_arn_equals) return false;
                     if (q.warm_pool_status_equals) {
                       const auto warm_pool = model::warm_pool_status(job, clock.now);
                       if (!warm_pool || warm_pool->status != *q.warm_pool_status_equals) return false;
                     }
                     if (q.name_contains && !contains_ignoring_case(job.name, *q.name_contains)) return false;
                     return in_window(clock.seconds(job.creation_time), clock.seconds(job.last_modified_time), q.times);
                   });
}

Result<Page<const model::TrainingJob*>> list_tuning_children(const model::TuningJob& tuning_job,
                                                             const ListTrainingJobsForTuningJobQuery& q) {
  using Item = const model::TrainingJob*;
  std::vector<Item> selected;
  for (const auto* child : tuning_job.children) {
    if (q.status_equals && child->status != *q.status_equals) continue;
    // Sorting by the objective lists only the jobs that reported one (§3.13).
    if (q.sort_by == "FinalObjectiveMetricValue" && !child->objective_value) continue;
    selected.push_back(child);
  }
  if (q.sort_by == "CreationTime") {
    sort_items(selected, q.sort_order, [](Item j) { return j->creation_time.count(); });
  } else if (q.sort_by == "Status") {
    sort_items(selected, q.sort_order, [](Item j) { return std::string(model::to_string(j->status)); });
  } else if (q.sort_by == "FinalObjectiveMetricValue") {
    sort_items(selected, q.sort_order, [](Item j) { return *j->objective_value; });
  } else {
    sort_items(selected, q.sort_order, [](Item j) { return j->name; });
  }
  const auto query_text = "children|" + store::lower_case(q.tuning_job_name) + "|" + q.sort_by + "|" +
                          order_text(q.sort_order) + "|" + status_text(q.status_equals);
  return page_of(std::move(selected), q.page, query_text);
}

}  // namespace emulator
