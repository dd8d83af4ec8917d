#include "emulator/sim/simulator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace emulator::sim {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Records which action ran and at what virtual time.
struct Trace {
  std::vector<std::string> entries;
  std::function<void()> mark(Simulator& sim, std::string name) {
    return [this, &sim, name = std::move(name)] {
      entries.push_back(name + "@" + std::to_string(sim.now().count()));
    };
  }
};

using Entries = std::vector<std::string>;

TEST(Simulator, StartsAtZeroWithNothingPending) {
  Simulator sim;
  EXPECT_EQ(sim.now(), SimTime{0});
  EXPECT_EQ(sim.pending(), 0u);
  EXPECT_EQ(sim.next_event_time(), std::nullopt);
  EXPECT_FALSE(sim.step());
  EXPECT_EQ(sim.now(), SimTime{0});
}

TEST(Simulator, StepRunsTheEarliestAndMovesNow) {
  Simulator sim;
  Trace trace;
  sim.schedule_at(SimTime{20}, trace.mark(sim, "b"));
  sim.schedule_at(SimTime{10}, trace.mark(sim, "a"));
  EXPECT_EQ(sim.next_event_time(), SimTime{10});
  EXPECT_TRUE(sim.step());
  EXPECT_EQ(sim.now(), SimTime{10});
  EXPECT_TRUE(sim.step());
  EXPECT_FALSE(sim.step());
  EXPECT_EQ(sim.now(), SimTime{20});
  EXPECT_EQ(trace.entries, (Entries{"a@10", "b@20"}));
}

TEST(Simulator, SameTimeRunsInSchedulingOrder) {
  Simulator sim;
  Trace trace;
  for (const char* name : {"first", "second", "third"}) {
    sim.schedule_at(seconds(5), trace.mark(sim, name));
  }
  EXPECT_EQ(sim.run_until(seconds(5)), 3u);
  EXPECT_EQ(trace.entries, (Entries{"first@5000", "second@5000", "third@5000"}));
}

TEST(Simulator, ScheduleAfterCountsFromNow) {
  Simulator sim;
  sim.run_until(minutes(1));
  Trace trace;
  sim.schedule_after(seconds(30), trace.mark(sim, "x"));
  EXPECT_EQ(sim.next_event_time(), seconds(90));
  sim.run_until(minutes(2));
  EXPECT_EQ(trace.entries, (Entries{"x@90000"}));
}

TEST(Simulator, PastTimesAreClampedToNowAndRunAfterQueuedSameTimeEvents) {
  Simulator sim;
  Trace trace;
  sim.run_until(SimTime{100});
  sim.schedule_at(SimTime{100}, trace.mark(sim, "queued-now"));
  sim.schedule_at(SimTime{40}, trace.mark(sim, "past"));
  sim.schedule_after(SimTime{-5}, trace.mark(sim, "negative-delay"));
  EXPECT_EQ(sim.next_event_time(), SimTime{100});
  sim.run_until(SimTime{100});
  EXPECT_EQ(trace.entries, (Entries{"queued-now@100", "past@100", "negative-delay@100"}));
  EXPECT_EQ(sim.now(), SimTime{100});
}

TEST(Simulator, RunUntilIncludesTheBoundaryAndExcludesLater) {
  Simulator sim;
  Trace trace;
  sim.schedule_at(SimTime{999}, trace.mark(sim, "before"));
  sim.schedule_at(SimTime{1000}, trace.mark(sim, "at"));
  sim.schedule_at(SimTime{1001}, trace.mark(sim, "after"));
  EXPECT_EQ(sim.run_until(SimTime{1000}), 2u);
  EXPECT_EQ(sim.now(), SimTime{1000});
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(trace.entries, (Entries{"before@999", "at@1000"}));
}

TEST(Simulator, RunUntilAdvancesNowWithNoEvents) {
  Simulator sim;
  EXPECT_EQ(sim.run_until(minutes(10)), 0u);
  EXPECT_EQ(sim.now(), minutes(10));
}

TEST(Simulator, RunUntilThePastDoesNotRewind) {
  Simulator sim;
  sim.run_until(SimTime{500});
  Trace trace;
  sim.schedule_at(SimTime{500}, trace.mark(sim, "due"));
  EXPECT_EQ(sim.run_until(SimTime{200}), 0u);
  EXPECT_EQ(sim.now(), SimTime{500});
  EXPECT_EQ(sim.pending(), 1u);
}

TEST(Simulator, ActionsSchedulingAtTheCurrentTimeRunInTheSameCall) {
  Simulator sim;
  Trace trace;
  sim.schedule_at(SimTime{10}, [&] {
    trace.entries.push_back("parent@" + std::to_string(sim.now().count()));
    sim.schedule_after(SimTime{0}, trace.mark(sim, "child"));
  });
  sim.schedule_at(SimTime{10}, trace.mark(sim, "sibling"));
  EXPECT_EQ(sim.run_until(SimTime{10}), 3u);
  // The child joins the back of the same-time line, behind the already-queued sibling.
  EXPECT_EQ(trace.entries, (Entries{"parent@10", "sibling@10", "child@10"}));
}

TEST(Simulator, RunUntilFollowsChainsUpToTheBoundaryOnly) {
  Simulator sim;
  int ticks = 0;
  std::function<void()> tick = [&] {
    ++ticks;
    sim.schedule_after(seconds(1), tick);
  };
  sim.schedule_at(SimTime{0}, tick);
  EXPECT_EQ(sim.run_until(seconds(10)), 11u);  // t = 0, 1, ..., 10
  EXPECT_EQ(ticks, 11);
  EXPECT_EQ(sim.next_event_time(), seconds(11));
  EXPECT_EQ(sim.pending(), 1u);
}

TEST(Simulator, ActionsMayCancelOtherEvents) {
  Simulator sim;
  Trace trace;
  EventId doomed = 0;
  sim.schedule_at(SimTime{5}, [&] { EXPECT_TRUE(sim.cancel(doomed)); });
  doomed = sim.schedule_at(SimTime{5}, trace.mark(sim, "doomed"));
  sim.schedule_at(SimTime{6}, trace.mark(sim, "survivor"));
  EXPECT_EQ(sim.run_until(SimTime{10}), 2u);
  EXPECT_EQ(trace.entries, (Entries{"survivor@6"}));
}

TEST(Simulator, CancellingTheRunningEventReportsFalse) {
  Simulator sim;
  EventId self = 0;
  bool cancelled = true;
  self = sim.schedule_at(SimTime{1}, [&] { cancelled = sim.cancel(self); });
  sim.step();
  EXPECT_FALSE(cancelled);
}

TEST(Simulator, CancelledEventsDoNotCountAsPending) {
  Simulator sim;
  const EventId a = sim.schedule_at(SimTime{1}, [] {});
  sim.schedule_at(SimTime{2}, [] {});
  EXPECT_TRUE(sim.cancel(a));
  EXPECT_FALSE(sim.cancel(a));
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(sim.next_event_time(), SimTime{2});
}

TEST(Simulator, ResetDropsEventsAndRewinds) {
  Simulator sim;
  bool ran = false;
  const EventId before = sim.schedule_at(minutes(5), [&] { ran = true; });
  sim.run_until(minutes(1));
  sim.reset();
  EXPECT_EQ(sim.now(), SimTime{0});
  EXPECT_EQ(sim.pending(), 0u);
  sim.schedule_at(minutes(5), [] {});
  EXPECT_FALSE(sim.cancel(before));  // an id from before the reset touches nothing new
  sim.run_until(minutes(10));
  EXPECT_FALSE(ran);
}

TEST(Simulator, SameSchedulePlaysTheSameWay) {
  const auto play = [] {
    Simulator sim;
    Trace trace;
    for (int i = 0; i < 50; ++i) {
      sim.schedule_at(SimTime{(i * 37) % 11}, trace.mark(sim, std::to_string(i)));
    }
    sim.run_until(SimTime{100});
    return trace.entries;
  };
  const Entries first = play();
  EXPECT_EQ(first.size(), 50u);
  EXPECT_EQ(first, play());
}

}  // namespace
}  // namespace emulator::sim
