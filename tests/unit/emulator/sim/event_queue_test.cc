#include "emulator/sim/event_queue.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace emulator::sim {
namespace {

std::vector<EventId> drain(EventQueue& queue) {
  std::vector<EventId> order;
  while (auto event = queue.pop()) order.push_back(event->id);
  return order;
}

TEST(EventQueue, EmptyHasNothing) {
  EventQueue queue;
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.next_time(), std::nullopt);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

TEST(EventQueue, PopsByTimeThenBySchedulingOrder) {
  EventQueue queue;
  const EventId late = queue.push(SimTime{30}, [] {});
  const EventId first_at_10 = queue.push(SimTime{10}, [] {});
  const EventId early = queue.push(SimTime{5}, [] {});
  const EventId second_at_10 = queue.push(SimTime{10}, [] {});
  const EventId third_at_10 = queue.push(SimTime{10}, [] {});
  EXPECT_EQ(queue.next_time(), SimTime{5});
  EXPECT_EQ(drain(queue),
            (std::vector<EventId>{early, first_at_10, second_at_10, third_at_10, late}));
}

TEST(EventQueue, SameTimeIsFifoEvenInBulk) {
  EventQueue queue;
  std::vector<EventId> pushed;
  for (int i = 0; i < 500; ++i) pushed.push_back(queue.push(SimTime{7}, [] {}));
  EXPECT_EQ(drain(queue), pushed);
}

TEST(EventQueue, PopHandsOverTheActionAndTime) {
  EventQueue queue;
  int calls = 0;
  const EventId id = queue.push(SimTime{42}, [&calls] { ++calls; });
  auto event = queue.pop();
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->id, id);
  EXPECT_EQ(event->time, SimTime{42});
  event->action();
  EXPECT_EQ(calls, 1);
}

TEST(EventQueue, IdsAreNeverZeroAndNeverReused) {
  EventQueue queue;
  const EventId a = queue.push(SimTime{1}, [] {});
  queue.clear();
  const EventId b = queue.push(SimTime{1}, [] {});
  EXPECT_NE(a, 0u);
  EXPECT_GT(b, a);
  EXPECT_FALSE(queue.cancel(a));
  EXPECT_EQ(queue.size(), 1u);
}

TEST(EventQueue, CancelSkipsTheEventAndReportsWhetherItWasPending) {
  EventQueue queue;
  const EventId a = queue.push(SimTime{1}, [] {});
  const EventId b = queue.push(SimTime{2}, [] {});
  const EventId c = queue.push(SimTime{3}, [] {});
  EXPECT_TRUE(queue.cancel(b));
  EXPECT_FALSE(queue.cancel(b));
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(drain(queue), (std::vector<EventId>{a, c}));
  EXPECT_FALSE(queue.cancel(a));  // already popped
  EXPECT_FALSE(queue.cancel(9999));
}

TEST(EventQueue, NextTimeSkipsCancelledEvents) {
  EventQueue queue;
  const EventId a = queue.push(SimTime{1}, [] {});
  const EventId b = queue.push(SimTime{2}, [] {});
  queue.push(SimTime{3}, [] {});
  queue.cancel(a);
  EXPECT_EQ(queue.next_time(), SimTime{2});
  queue.cancel(b);
  EXPECT_EQ(queue.next_time(), SimTime{3});
}

TEST(EventQueue, CancelReleasesTheActionAtOnce) {
  EventQueue queue;
  auto payload = std::make_shared<int>(1);
  const EventId id = queue.push(SimTime{100}, [payload] {});
  queue.push(SimTime{1}, [] {});
  EXPECT_EQ(payload.use_count(), 2);
  queue.cancel(id);
  EXPECT_EQ(payload.use_count(), 1);
}

TEST(EventQueue, ManyCancellationsKeepOrderAndCount) {
  EventQueue queue;
  std::vector<EventId> kept;
  for (int i = 0; i < 1'000; ++i) {
    const EventId id = queue.push(SimTime{1'000 - i}, [] {});
    if (i % 10 == 0) {
      kept.push_back(id);
    } else {
      queue.cancel(id);
    }
  }
  EXPECT_EQ(queue.size(), kept.size());
  std::vector<EventId> expected(kept.rbegin(), kept.rend());  // later pushes are earlier
  EXPECT_EQ(drain(queue), expected);
}

TEST(EventQueue, ClearDropsEverything) {
  EventQueue queue;
  queue.push(SimTime{1}, [] {});
  queue.push(SimTime{2}, [] {});
  queue.clear();
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.next_time(), std::nullopt);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

}  // namespace
}  // namespace emulator::sim
