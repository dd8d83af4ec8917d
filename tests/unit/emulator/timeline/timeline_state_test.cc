#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "emulator/timeline/render.h"
#include "emulator/timeline/timeline.h"

namespace emulator::timeline {
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

constexpr std::size_t kRetention = 25;

About child(std::string_view training_job, std::string_view text = {}) {
  return {.region = "us-east-1",
          .tuning_job = "tune-a",
          .training_job = training_job,
          .instance_type = "ml.m5.xlarge",
          .zone = "us-east-1b",
          .instance_count = 2,
          .text = text};
}

// Every payload kind with members off their defaults, more events than the timeline keeps
// (some dropped), and a forgotten job (tombstones, released names).
void fill(Timeline& t) {
  for (int i = 0; i < 4; ++i) t.append(sim::SimTime{i}, child("train-early"), Asked{});  // dropped later
  t.append(sim::SimTime{10}, child("train-1"), Launched{1, 3});
  t.append(sim::SimTime{10}, child("train-1"), Asked{});
  t.append(sim::SimTime{11}, child("train-1"), Ice{IceCause::InjectedFault, 4, 1, true});
  t.append(sim::SimTime{11}, child("train-1"), Ice{IceCause::Cached, 2, 0, false});
  t.append(sim::SimTime{12}, child("train-1", "ml.p3.2xlarge"), FellBack{});
  t.append(sim::SimTime{12}, child("train-1"), Granted{true});
  t.append(sim::SimTime{13}, child("train-2", "train-1"), Reused{});
  t.append(sim::SimTime{14}, child("train-2"), Waiting{90});
  t.append(sim::SimTime{15}, child("train-2"), QuotaExceeded{8, 6, 4});
  t.append(sim::SimTime{16}, child("train-1"), Released{});
  t.append(sim::SimTime{17}, child("train-1"), KeptWarm{600});
  t.append(sim::SimTime{18}, child("train-gone"), Asked{});
  t.append(sim::SimTime{18}, child("train-1"), WarmPoolReleased{});
  t.append(sim::SimTime{19}, child("train-2", "CapacityError: no luck"), CapacityError{});
  t.append(sim::SimTime{20}, child("train-2"), Interrupted{40, true});
  t.append(sim::SimTime{21}, child("train-2", "it broke"),
           TrainingStatus{model::TrainingJobStatus::Failed, model::SecondaryStatus::Failed,
                          model::StatusMessage::FailureReason});
  t.append(sim::SimTime{21}, child("train-2"),
           TrainingStatus{model::TrainingJobStatus::Stopping, model::SecondaryStatus::Stopping,
                          model::StatusMessage::StoppingEarly});
  t.append(sim::SimTime{22}, {.region = "us-east-1", .tuning_job = "tune-a", .text = "reason"},
           TuningStatus{model::HyperParameterTuningJobStatus::Stopped});
  t.append(sim::SimTime{23}, child("train-2", "validation:loss"), EarlyStopped{0.25, 3, StoppingRule::Hyperband});
  t.append(sim::SimTime{23}, child("train-1", "validation:loss"), EarlyStopped{std::nan(""), 2, StoppingRule::Median});
  t.append(sim::SimTime{24}, {.region = "us-west-2"}, CapacityChanged{CapacityOrigin::ControlPlane, 7, true});
  t.append(sim::SimTime{24}, {.region = "us-east-1"}, CapacityChanged{CapacityOrigin::ScenarioEnded, 0, false});
  t.append(sim::SimTime{25}, {.text = "fault-1"}, FaultAdded{12.5});
  t.append(sim::SimTime{26}, {.text = "fault-1"}, FaultRemoved{});
  t.append(sim::SimTime{27}, {.region = "eu-west-1", .tuning_job = "tune-b"},
           TuningStatus{model::HyperParameterTuningJobStatus::Completed});
  t.forget_training_job("train-gone");
}

std::string line(const Timeline& t, const Event& e) {
  const auto r = render(t, e);
  return std::to_string(r.sequence) + "|" + std::to_string(r.time.count()) + "|" + std::string(r.type) + "|" +
         r.region + "|" + r.tuning_job + "|" + r.training_job + "|" + r.instance_type + "|" + r.zone + "|" +
         std::to_string(r.instance_count) + "|" + r.message;
}

// Every page of `filter` as GET /_emulator/events walks them, three events a page.
std::vector<std::string> pages(const Timeline& t, const Filter& filter) {
  std::vector<std::string> out;
  std::optional<std::uint64_t> after = 0;
  while (after) {
    const auto page = t.select(filter, *after, 3);
    for (const auto* e : page.events) out.push_back(line(t, *e));
    out.push_back(page.next_after ? "next " + std::to_string(*page.next_after) : "end");
    after = page.next_after;
  }
  return out;
}

std::vector<Filter> filters() {
  std::vector<Filter> out(9);
  out[1].training_job = "train-1";
  out[2].training_job = "train-gone";
  out[3].tuning_job = "tune-a";
  out[4].tuning_job = "";
  out[5].type = EventType::Ice;
  out[6].region = "us-west-2";
  out[7].since = sim::SimTime{14};
  out[7].until = sim::SimTime{22};
  out[8].training_job = "train-early";
  return out;
}

void expect_same_answers(const Timeline& a, const Timeline& b) {
  for (const auto& filter : filters()) EXPECT_EQ(pages(a, filter), pages(b, filter));
  EXPECT_EQ(a.size(), b.size());
  EXPECT_EQ(a.dropped(), b.dropped());
  EXPECT_EQ(a.appended_by_type(), b.appended_by_type());
  EXPECT_EQ(a.names(), b.names());
  for (const char* name : {"train-early", "train-gone", "train-1", "fault-1", "us-west-2"}) {
    EXPECT_EQ(a.names_in_use(name), b.names_in_use(name)) << name;
  }
}

Timeline restored_from(const Timeline& original) {
  Timeline restored(kRetention);
  restored.append(sim::SimTime{1}, child("stale"), Asked{});  // load replaces, not merges
  restored.load(original.save());
  return restored;
}

TEST(TimelineState, TheFillHoldsEveryKindDropsSomeAndForgetsOne) {
  Timeline t(kRetention);
  fill(t);
  std::set<EventType> kinds;
  for (const auto* e : t.select({}).events) kinds.insert(e->type());
  EXPECT_EQ(kinds.size(), kEventTypes);
  EXPECT_GT(t.dropped(), 0u);
  EXPECT_FALSE(t.names_in_use("train-gone"));
}

TEST(TimelineState, SavedLoadedAndSavedAgainIsTheSameDocument) {
  Timeline original(kRetention);
  fill(original);
  const Timeline restored = restored_from(original);
  EXPECT_EQ(restored.save(), original.save());
  EXPECT_EQ(restored.save().dump(), original.save().dump());
}

TEST(TimelineState, TheRestoredTimelineAnswersAndGoesOnAsTheOriginal) {
  Timeline original(kRetention);
  fill(original);
  Timeline restored = restored_from(original);
  expect_same_answers(original, restored);
  for (Timeline* t : {&original, &restored}) {
    EXPECT_EQ(t->append(sim::SimTime{30}, child("train-3"), Launched{3, 3}).sequence, 30u);
    t->append(sim::SimTime{31}, child("train-1"), Released{});  // drops the oldest again
    t->forget_training_job("train-2");
    t->forget_tuning_job("tune-b");
  }
  expect_same_answers(original, restored);
  EXPECT_EQ(restored.save(), original.save());
}

TEST(TimelineState, AnEmptyTimelineRoundTrips) {
  Timeline original(kRetention), restored(kRetention);
  restored.load(original.save());
  EXPECT_EQ(restored.save(), original.save());
  EXPECT_EQ(restored.append(sim::SimTime{0}, {}, Asked{}).sequence, 1u);
}

json saved() {
  Timeline t(kRetention);
  fill(t);
  return t.save();
}

// The payload of the first saved event of `type`.
json& payload_of(json& document, std::string_view type) {
  for (auto& event : document["events"]) {
    if (event[2] == type) return event[10];
  }
  throw std::logic_error("no event of that type");
}

void expect_refused(const json& document, int line) {
  Timeline t(kRetention);
  fill(t);
  const json before = t.save();
  EXPECT_THROW(t.load(document), SnapshotError) << "the document of line " << line;
  EXPECT_EQ(t.save(), before);  // a refused document leaves the timeline as it was
}

TEST(TimelineState, ADocumentThatDoesNotFitIsRefused) {
  Timeline small(5);
  EXPECT_THROW(small.load(saved()), SnapshotError);  // more events than this timeline keeps

  auto doc = saved();
  doc["events"][0][2] = "exploded";
  expect_refused(doc, __LINE__);
  doc = saved();
  payload_of(doc, "ice")[0] = "bad-luck";
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["events"][0][4] = doc["names"].size();  // a name of no entry
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["names"].push_back("named-by-nobody");
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["names"][1] = doc["names"][2];
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["training_spans"]["ghost"] = {1, 2};
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["training_spans"].erase("train-1");
  expect_refused(doc, __LINE__);
  doc = saved();
  std::swap(doc["events"][0], doc["events"][1]);
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["next_sequence"] = doc["events"].back()[0];
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["appended_by_type"].erase("ice");
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["events"][0].erase(9);
  expect_refused(doc, __LINE__);
  doc = saved();
  payload_of(doc, "ice")[0] = "Cached";  // spelled "cached"
  expect_refused(doc, __LINE__);
  doc = saved();
  payload_of(doc, "early-stopped")[0] = "Infinite";
  expect_refused(doc, __LINE__);
  doc = saved();
  payload_of(doc, "training-status")[2] = "Gave up.";  // not a SageMaker message
  expect_refused(doc, __LINE__);
  doc = saved();
  doc["events"][0][9] = 70000;
  expect_refused(doc, __LINE__);
}

TEST(TimelineState, AMemberOfTheWrongTypeIsRefused) {
  Timeline t(kRetention);
  auto doc = saved();
  doc["events"][0][1] = "soon";
  EXPECT_THROW(t.load(doc), capacity_model::SnapshotError);
  doc = saved();
  doc.erase("dropped");
  EXPECT_THROW(t.load(doc), json::exception);
  doc = saved();
  payload_of(doc, "launched")[0] = "first";
  EXPECT_THROW(t.load(doc), capacity_model::SnapshotError);
}

}  // namespace
}  // namespace emulator::timeline
