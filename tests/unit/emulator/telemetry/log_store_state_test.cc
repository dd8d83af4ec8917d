#include "emulator/telemetry/log_store_state.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capacity_model/snapshot_error.h"
#include "emulator/telemetry/event_paging.h"
#include "emulator/telemetry/log_store.h"

namespace emulator::telemetry {
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

// Two groups (one with a retention), streams with events put at several ingestion times (one
// out of time order, so it lands in the middle), an empty stream, a deleted one.
LogStore rich() {
  LogStore store;
  EXPECT_TRUE(store.create_group("/app/web", 1000));
  EXPECT_TRUE(store.create_group("/app/batch", 1001));
  EXPECT_TRUE(store.put_retention("/app/web", 30));
  for (const char* stream : {"a", "b", "empty", "gone"}) EXPECT_TRUE(store.create_stream("/app/web", stream, 1002));
  EXPECT_TRUE(store.create_stream("/app/batch", "only", 1003));
  EXPECT_TRUE(store.put_events("/app/web", "a", {{10, "one"}, {30, "three"}, {30, "three again"}}, 2000));
  EXPECT_TRUE(store.put_events("/app/web", "a", {{20, "two"}, {40, "four"}}, 2500));
  EXPECT_TRUE(store.put_events("/app/web", "b", {{5, "b-first"}}, 2600));
  EXPECT_TRUE(store.put_events("/app/batch", "only", {{7, "x"}, {8, "y"}}, 2700));
  EXPECT_TRUE(store.delete_stream("/app/web", "gone"));
  return store;
}

EventsQuery two_a_page(bool from_head) {
  EventsQuery query;
  query.limit = 2;
  query.start_from_head = from_head;
  return query;
}

std::vector<std::string> lines(const EventsPage& page) {
  std::vector<std::string> out;
  for (const auto& e : page.events) {
    out.push_back(std::to_string(e.timestamp) + "/" + std::to_string(e.ingestion_time) + "/" + e.message);
  }
  out.push_back(page.next_forward_token + " " + page.next_backward_token);
  return out;
}

// GetLogEvents over every stream both ways, two events a page, following the tokens.
std::vector<std::string> reading(const LogStore& store) {
  std::vector<std::string> out;
  for (const auto& [group_name, group] : store.groups()) {
    out.push_back(group_name + " " + std::to_string(group.creation_time) + " " +
                  std::to_string(group.retention_in_days.value_or(-1)));
    for (const auto& [stream_name, stream] : group.streams) {
      out.push_back(stream_name + " " + std::to_string(stream.creation_time) + " " +
                    std::to_string(stream.last_ingestion_time));
      for (const bool head : {true, false}) {
        auto query = two_a_page(head);
        for (int i = 0; i < 4; ++i) {
          const auto page = page_events(stream.events, query);
          const auto seen = lines(*page);
          out.insert(out.end(), seen.begin(), seen.end());
          query.next_token = head ? page->next_forward_token : page->next_backward_token;
        }
      }
    }
  }
  return out;
}

LogStore restored_from(const LogStore& original) {
  LogStore restored;
  EXPECT_TRUE(restored.create_group("/stale", 1));  // load replaces, not merges
  restored.load(original.save());
  return restored;
}

TEST(LogStoreState, SavedLoadedAndSavedAgainIsTheSameDocument) {
  const LogStore original = rich();
  const LogStore restored = restored_from(original);
  EXPECT_EQ(restored.save(), original.save());
  EXPECT_EQ(restored.find_group("/stale"), nullptr);
}

TEST(LogStoreState, TheRestoredStoreReadsAndGoesOnAsTheOriginal) {
  LogStore original = rich();
  LogStore restored = restored_from(original);
  EXPECT_EQ(reading(restored), reading(original));
  // A token handed out before the snapshot reads on the same after it.
  const auto& events = original.find_group("/app/web")->streams.at("a").events;
  const auto before = page_events(events, two_a_page(true));
  for (LogStore* store : {&original, &restored}) {
    EXPECT_EQ(*store->put_events("/app/web", "a", {{25, "late"}, {50, "five"}}, 3000), 7u);
    EXPECT_TRUE(store->put_retention("/app/batch", 7));
    EXPECT_EQ(store->create_stream("/app/web", "a", 3001).error().type, "ResourceAlreadyExistsException");
  }
  const auto next = [&](const LogStore& store) {
    auto query = two_a_page(true);
    query.next_token = before->next_forward_token;
    return lines(*page_events(store.find_group("/app/web")->streams.at("a").events, query));
  };
  EXPECT_EQ(next(restored), next(original));
  EXPECT_EQ(reading(restored), reading(original));
  EXPECT_EQ(restored.save(), original.save());
}

TEST(LogStoreState, EveryScopesStoreRoundTrips) {
  std::map<model::Scope, LogStore> stores;
  stores[{"123456789012", "us-east-1"}] = rich();
  stores[{"123456789012", "eu-west-1"}];  // looked at, never written
  const model::Scope other{"210987654321", "us-east-1"};
  ASSERT_TRUE(stores[other].create_group("/other", 9));
  std::map<model::Scope, LogStore> restored;
  restored[{"999999999999", "us-west-2"}] = rich();
  load_log_stores(restored, save_log_stores(stores));
  ASSERT_EQ(restored.size(), 3u);
  EXPECT_EQ(save_log_stores(restored), save_log_stores(stores));
  EXPECT_EQ(reading(restored.at({"123456789012", "us-east-1"})), reading(stores.at({"123456789012", "us-east-1"})));

  auto twice = save_log_stores(stores);
  twice.push_back(twice[0]);
  EXPECT_THROW(load_log_stores(restored, twice), SnapshotError);
  EXPECT_EQ(restored.size(), 3u);  // a refused document leaves the stores as they were
}

TEST(LogStoreState, ADocumentThatDoesNotFitIsRefused) {
  LogStore store = rich();
  const json before = store.save();
  auto doc = before;
  doc["groups"]["/app/web"]["retention_in_days"] = 2;  // not one CloudWatch Logs offers
  EXPECT_THROW(store.load(doc), SnapshotError);
  doc = before;
  auto& events = doc["groups"]["/app/web"]["streams"]["a"]["events"];
  std::swap(events[0], events[1]);
  EXPECT_THROW(store.load(doc), SnapshotError);
  EXPECT_EQ(store.save(), before);
}

TEST(LogStoreState, AMemberOfTheWrongTypeIsRefused) {
  LogStore store;
  auto doc = rich().save();
  doc["groups"]["/app/web"]["creation_time"] = "yesterday";
  EXPECT_THROW(store.load(doc), capacity_model::SnapshotError);
  doc = rich().save();
  doc["groups"]["/app/batch"]["streams"]["only"].erase("last_ingestion_time");
  EXPECT_THROW(store.load(doc), json::exception);
}

}  // namespace
}  // namespace emulator::telemetry
