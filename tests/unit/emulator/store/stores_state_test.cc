#include "emulator/store/stores_state.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "emulator/listing.h"
#include "emulator/model/warm_pool_status.h"
#include "emulator/tuning/tuning_summary.h"
#include "tests/unit/emulator/store/rich_stores.h"

namespace emulator::store {
namespace {

using nlohmann::json;
using rich::fill;
using rich::kEu;
using rich::kUs;
using sim::SimTime;

Stores restored_from(const json& state) {
  Stores stores;
  load_stores(stores, state);
  return stores;
}

// Every page of a list, as the names it shows.
template <typename List>
std::vector<std::string> names_of_every_page(List list) {
  std::vector<std::string> names;
  std::optional<std::string> token;
  do {
    auto page = list(token);
    EXPECT_TRUE(page.ok());
    if (!page.ok()) break;
    for (const auto* job : page->items) names.push_back(job->name);
    token = page->next_token;
  } while (token);
  return names;
}

std::vector<std::string> training_listing(const JobStore& jobs, const std::string& sort_by, SortOrder order) {
  return names_of_every_page([&](const std::optional<std::string>& token) {
    ListTrainingJobsQuery q;
    q.sort_by = sort_by;
    q.sort_order = order;
    q.page = {token, 2};
    return list_training_jobs(jobs, q, WireClock{0, SimTime(60'000)});
  });
}

std::vector<std::string> tuning_listing(const JobStore& jobs, const std::string& sort_by, SortOrder order) {
  return names_of_every_page([&](const std::optional<std::string>& token) {
    ListTuningJobsQuery q;
    q.sort_by = sort_by;
    q.sort_order = order;
    q.page = {token, 1};
    return list_tuning_jobs(jobs, q, WireClock{0, SimTime(60'000)});
  });
}

std::vector<std::string> children_listing(const model::TuningJob& job, const std::string& sort_by, SortOrder order) {
  return names_of_every_page([&](const std::optional<std::string>& token) {
    ListTrainingJobsForTuningJobQuery q;
    q.tuning_job_name = job.name;
    q.sort_by = sort_by;
    q.sort_order = order;
    q.page = {token, 1};
    return list_tuning_children(job, q);
  });
}

TEST(StoresState, SavesWhatItLoads) {
  Stores original;
  fill(original);
  const auto saved = save_stores(original);
  EXPECT_EQ(save_stores(restored_from(saved)), saved);
  EXPECT_EQ(save_stores(restored_from(json::parse(saved.dump()))), saved);
}

TEST(StoresState, SharedObjectsAreWrittenOnce) {
  Stores original;
  fill(original);
  const auto saved = save_stores(original);
  EXPECT_EQ(saved.at("requests").size(), 1u);
  EXPECT_EQ(saved.at("specs").size(), 4u);  // two of the request, one per scope's own jobs
  EXPECT_EQ(saved.at("texts").size(), 5u);  // the request's, and per scope a spec's and an update's
}

TEST(StoresState, ListsAnswerAlikeAfterRestoring) {
  Stores original;
  fill(original);
  const auto restored = restored_from(save_stores(original));
  ASSERT_EQ(restored.all().size(), original.all().size());
  for (const auto& [scope, jobs] : original.all()) {
    const auto& again = restored.all().at(scope);
    for (const auto* sort_by : {"Name", "CreationTime", "Status"}) {
      for (auto order : {SortOrder::Ascending, SortOrder::Descending}) {
        EXPECT_EQ(training_listing(again, sort_by, order), training_listing(jobs, sort_by, order)) << sort_by;
        EXPECT_EQ(tuning_listing(again, sort_by, order), tuning_listing(jobs, sort_by, order)) << sort_by;
      }
    }
    EXPECT_EQ(again.sorted_training_jobs().counts(), jobs.sorted_training_jobs().counts());
    EXPECT_EQ(again.sorted_tuning_jobs().counts(), jobs.sorted_tuning_jobs().counts());
  }
  const auto& us = original.all().at(kUs);
  EXPECT_EQ(training_listing(us, "CreationTime", SortOrder::Ascending),
            (std::vector<std::string>{"Plain", "tune-a-001-1a2b", "tune-b-001-7a8b", "tune-a-003-5e6f", "bare",
                                      "tune-b-002-9c0d"}));
}

TEST(StoresState, TuningJobsAnswerAlikeAfterRestoring) {
  Stores original;
  fill(original);
  auto restored = restored_from(save_stores(original));
  auto& jobs = original.at(kUs);
  auto& again = restored.at(kUs);
  for (const auto* name : {"tune-a", "tune-b"}) {
    const auto& job = *jobs.find_tuning_job(name);
    const auto& job_again = *again.find_tuning_job(name);
    for (const auto* sort_by : {"Name", "CreationTime", "Status", "FinalObjectiveMetricValue"}) {
      for (auto order : {SortOrder::Ascending, SortOrder::Descending}) {
        EXPECT_EQ(children_listing(job_again, sort_by, order), children_listing(job, sort_by, order)) << sort_by;
      }
    }
    const auto progress = tuning::summarize(job);
    const auto progress_again = tuning::summarize(job_again);
    EXPECT_EQ(progress_again.training.completed, progress.training.completed);
    EXPECT_EQ(progress_again.training.in_progress, progress.training.in_progress);
    EXPECT_EQ(progress_again.training.retryable_error, progress.training.retryable_error);
    EXPECT_EQ(progress_again.training.non_retryable_error, progress.training.non_retryable_error);
    EXPECT_EQ(progress_again.training.stopped, progress.training.stopped);
    EXPECT_EQ(progress_again.objective.succeeded, progress.objective.succeeded);
    EXPECT_EQ(progress_again.objective.failed, progress.objective.failed);
    EXPECT_EQ(progress_again.objective.pending, progress.objective.pending);
    ASSERT_EQ(progress_again.best == nullptr, progress.best == nullptr);
    if (progress.best) {
      EXPECT_EQ(progress_again.best->name, progress.best->name);
    }
    for (const auto* child : job_again.children) EXPECT_EQ(child, again.find_training_job(child->name));
  }
  EXPECT_EQ(again.find_tuning_job("tune-a")->children.size(), 2u);  // the deleted child stays gone
}

TEST(StoresState, TrainingJobsAnswerAlikeAfterRestoring) {
  Stores original;
  fill(original);
  auto restored = restored_from(save_stores(original));
  const auto& job = *original.at(kUs).find_training_job("plain");
  const auto& again = *restored.at(kUs).find_training_job("plain");
  EXPECT_EQ(again.hyper_parameters(), job.hyper_parameters());
  EXPECT_EQ(again.model_artifacts(), job.model_artifacts());
  EXPECT_EQ(again.message_of(again.transitions[0]), job.message_of(job.transitions[0]));
  EXPECT_EQ(*again.updated_description, *job.updated_description);
  const auto pool = model::warm_pool_status(job, SimTime(60'000));
  const auto pool_again = model::warm_pool_status(again, SimTime(60'000));
  ASSERT_TRUE(pool && pool_again);
  EXPECT_EQ(pool_again->status, pool->status);
  EXPECT_EQ(pool_again->resource_retained_billable_time_in_seconds, pool->resource_retained_billable_time_in_seconds);
  const auto& plan = *again.output->planned;
  EXPECT_EQ(*plan.objective_curve, *job.output->planned->objective_curve);
  EXPECT_EQ(plan.final_metrics->at(1).value, 0.1 + 0.2);  // doubles exactly
  EXPECT_TRUE(std::isnan(again.output->values[1].value));
  EXPECT_EQ(again.output->latest.at("train:loss"), -std::numeric_limits<double>::infinity());
  const auto& bare = *restored.at(kUs).find_training_job("bare");
  EXPECT_FALSE(bare.output->planned);
  EXPECT_FALSE(bare.output->cut);
  EXPECT_FALSE(bare.warm_pool);
  EXPECT_FALSE(bare.updated_description);
}

TEST(StoresState, RestoredRecordsShareAsTheSavedOnesDid) {
  Stores original;
  fill(original);
  auto restored = restored_from(save_stores(original));
  auto& jobs = restored.at(kUs);
  const auto& a = *jobs.find_tuning_job("tune-a");
  const auto& b = *jobs.find_tuning_job("tune-b");
  EXPECT_EQ(a.request, b.request);
  EXPECT_EQ(a.child_specs, b.child_specs);
  EXPECT_EQ(a.children[1]->spec, a.child_specs[1]);
  EXPECT_EQ(b.children[1]->spec, a.child_specs[1]);
  EXPECT_EQ(a.children[0]->spec, b.children[0]->spec);
  EXPECT_EQ(a.child_specs[0]->description, a.request->description);
  EXPECT_EQ(jobs.find_training_job("plain")->spec, jobs.find_training_job("bare")->spec);
  EXPECT_NE(jobs.find_training_job("plain")->spec, restored.at(kEu).find_training_job("plain")->spec);
  EXPECT_EQ(*a.request, *original.at(kUs).find_tuning_job("tune-a")->request);
}

TEST(StoresState, RestoredRecordsHaveFreshVersions) {
  Stores original;
  fill(original);
  auto restored = restored_from(save_stores(original));
  const auto* job = original.at(kUs).find_training_job("plain");
  const auto* again = restored.at(kUs).find_training_job("plain");
  EXPECT_GT(again->version, job->version);
  EXPECT_GT(restored.at(kUs).find_tuning_job("tune-a")->version, 0u);
}

json saved_stores() {
  Stores original;
  fill(original);
  return save_stores(original);
}

json& us_jobs(json& state, const char* kind) {
  for (auto& scope : state.at("scopes")) {
    if (scope.at("account") == kUs.account) return scope.at(kind);
  }
  throw std::logic_error("no such scope");
}

TEST(StoresState, RefusesWhatDoesNotFit) {
  auto refuses = [](const std::function<void(json&)>& spoil) {
    auto state = saved_stores();
    spoil(state);
    Stores stores;
    EXPECT_THROW(load_stores(stores, state), capacity_model::SnapshotError) << state.dump();
  };
  refuses([](json& s) { us_jobs(s, "training_jobs")[0]["status"] = "Running"; });
  refuses([](json& s) { us_jobs(s, "training_jobs")[0]["transitions"][0]["message"] = "Napping"; });
  refuses([](json& s) { us_jobs(s, "tuning_jobs")[0]["status"] = "Sleeping"; });
  refuses([](json& s) { s["requests"][0]["config"]["strategy"] = "Guess"; });
  refuses([](json& s) { us_jobs(s, "tuning_jobs")[0]["children"].push_back("tune-a-002-3c4d"); });
  refuses([](json& s) { us_jobs(s, "tuning_jobs")[0]["child_specs"][0] = 99; });
  refuses([](json& s) { us_jobs(s, "training_jobs")[0]["spec"] = 99; });
  refuses([](json& s) { s["specs"][0]["description"] = 99; });
  refuses([](json& s) { us_jobs(s, "tuning_jobs")[0]["request"] = 1; });
  refuses([](json& s) {
    auto twin = us_jobs(s, "training_jobs")[0];
    us_jobs(s, "training_jobs").push_back(twin);
  });
  refuses([](json& s) {
    auto twin = us_jobs(s, "training_jobs")[1];
    twin["name"] = "BARE";  // names are unique without regard to case
    us_jobs(s, "training_jobs").push_back(twin);
  });
  refuses([](json& s) {
    auto twin = us_jobs(s, "tuning_jobs")[0];
    us_jobs(s, "tuning_jobs").push_back(twin);
  });
  refuses([](json& s) {
    auto twin = s["scopes"][0];
    s["scopes"].push_back(twin);
  });
  refuses([](json& s) { us_jobs(s, "training_jobs")[0]["objective_value"] = "Huge"; });
}

TEST(StoresState, RefusesMembersOfTheWrongType) {
  auto state = saved_stores();
  us_jobs(state, "training_jobs")[0]["creation_time"] = "soon";
  Stores stores;
  EXPECT_THROW(load_stores(stores, state), capacity_model::SnapshotError);
  state = saved_stores();
  us_jobs(state, "tuning_jobs")[0]["children"] = "tune-a-001-1a2b";
  Stores again;
  EXPECT_ANY_THROW(load_stores(again, state));
  state = saved_stores();
  state.erase("specs");
  Stores third;
  EXPECT_THROW(load_stores(third, state), nlohmann::json::exception);
}

TEST(StoresState, LoadsOnlyIntoEmptyStores) {
  Stores stores;
  stores.at(kUs);
  EXPECT_THROW(load_stores(stores, saved_stores()), capacity_model::SnapshotError);
}

}  // namespace
}  // namespace emulator::store
