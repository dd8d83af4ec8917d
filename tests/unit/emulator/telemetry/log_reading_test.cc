#include <gtest/gtest.h>

#include "emulator/telemetry/event_paging.h"
#include "emulator/telemetry/filter_pattern.h"
#include "emulator/telemetry/log_store.h"

namespace emulator::telemetry {
namespace {

std::vector<LogEvent> numbered(int count) {
  std::vector<LogEvent> events;
  for (int i = 0; i < count; ++i) events.push_back({i * 10, i * 10, "e" + std::to_string(i)});
  return events;
}

std::vector<std::string> messages(const EventsPage& page) {
  std::vector<std::string> out;
  for (const auto& e : page.events) out.push_back(e.message);
  return out;
}

TEST(EventPaging, ReadsForwardFromTheHeadAndEndsWithTheTokenItWasSent) {
  const auto events = numbered(5);
  auto page = page_events(events, {std::nullopt, std::nullopt, std::nullopt, 2, true});
  ASSERT_TRUE(page);
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e0", "e1"}));
  page = page_events(events, {std::nullopt, std::nullopt, page->next_forward_token, 10, false});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e2", "e3", "e4"}));
  const auto end = page->next_forward_token;
  page = page_events(events, {std::nullopt, std::nullopt, end, 10, false});
  EXPECT_TRUE(page->events.empty());
  EXPECT_EQ(page->next_forward_token, end);
  // New events after the end are what the same token reads next.
  auto grown = numbered(6);
  page = page_events(grown, {std::nullopt, std::nullopt, end, 10, false});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e5"}));
}

TEST(EventPaging, ReadsBackwardFromTheTail) {
  const auto events = numbered(5);
  auto page = page_events(events, {std::nullopt, std::nullopt, std::nullopt, 2, false});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e3", "e4"}));
  page = page_events(events, {std::nullopt, std::nullopt, page->next_backward_token, 2, false});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e1", "e2"}));
  page = page_events(events, {std::nullopt, std::nullopt, page->next_backward_token, 2, false});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e0"}));
  const auto start = page->next_backward_token;
  page = page_events(events, {std::nullopt, std::nullopt, start, 2, false});
  EXPECT_TRUE(page->events.empty());
  EXPECT_EQ(page->next_backward_token, start);
}

TEST(EventPaging, KeepsToTheTimeWindowAndRefusesForeignTokens) {
  const auto events = numbered(5);
  const auto page = page_events(events, {10, 30, std::nullopt, std::nullopt, true});
  EXPECT_EQ(messages(*page), (std::vector<std::string>{"e1", "e2"}));  // start inclusive, end exclusive
  for (const char* token : {"x/1/s", "f/abc/s", "f/99/s", "f/1"}) {
    const auto refused = page_events(events, {std::nullopt, std::nullopt, std::string(token), 1, true});
    ASSERT_FALSE(refused) << token;
    EXPECT_EQ(refused.error().type, "InvalidParameterException");
  }
}

TEST(FilterPattern, MatchesTermsPhrasesAlternativesAndExclusions) {
  const auto all = FilterPattern::parse("ERROR disk");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->matches("ERROR: disk full"));
  EXPECT_FALSE(all->matches("ERROR: memory"));
  const auto phrase = FilterPattern::parse("\"disk full\"");
  EXPECT_TRUE(phrase->matches("the disk full again"));
  EXPECT_FALSE(phrase->matches("full disk"));
  const auto any = FilterPattern::parse("?WARN ?ERROR -ignored");
  EXPECT_TRUE(any->matches("WARN x"));
  EXPECT_FALSE(any->matches("INFO x"));
  EXPECT_FALSE(any->matches("ERROR ignored"));
  EXPECT_TRUE(FilterPattern::parse("")->matches("anything"));
  EXPECT_FALSE(FilterPattern::parse("{ $.a = 1 }"));
  EXPECT_FALSE(FilterPattern::parse("[ip, user]"));
}

TEST(LogStore, KeepsEventsInTimeOrderAndSaysWhatIsMissing) {
  LogStore store;
  ASSERT_TRUE(store.create_group("/g", 5));
  EXPECT_EQ(store.create_group("/g", 6).error().type, "ResourceAlreadyExistsException");
  EXPECT_EQ(store.create_stream("/none", "s", 6).error().message, "The specified log group does not exist.");
  ASSERT_TRUE(store.create_stream("/g", "s", 6));
  EXPECT_EQ(*store.put_events("/g", "s", {{20, "b"}, {30, "c"}}, 100), 2u);
  EXPECT_EQ(*store.put_events("/g", "s", {{10, "a"}, {20, "b2"}}, 101), 4u);
  const auto& events = store.find_group("/g")->streams.at("s").events;
  std::vector<std::string> order;
  for (const auto& e : events) order.push_back(e.message);
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "b2", "c"}));
  EXPECT_EQ(store.put_events("/g", "s", {{2, "x"}, {1, "y"}}, 102).error().type, "InvalidParameterException");
  EXPECT_FALSE(store.put_events("/g", "s", {{0, "x"}, {25 * 3600 * 1000, "y"}}, 102));
  EXPECT_EQ(store.put_events("/g", "t", {{1, "x"}}, 102).error().message, "The specified log stream does not exist.");
  EXPECT_FALSE(store.put_retention("/g", 2));
  EXPECT_TRUE(store.put_retention("/g", 14));
  EXPECT_TRUE(store.delete_group("/g"));
  EXPECT_EQ(store.find_group("/g"), nullptr);
}

}  // namespace
}  // namespace emulator::telemetry
