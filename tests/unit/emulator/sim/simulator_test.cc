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

// Keeps the events a test schedules: a dropped handle cancels its event.
struct Held {
  std::vector<EventHandle> handles;
  void operator+=(EventHandle handle) { handles.push_back(std::move(handle)); }
};

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
  Held held;
  Trace trace;
  held += sim.schedule_at(SimTime{20}, trace.mark(sim, "b"));
  held += sim.schedule_at(SimTime{10}, trace.mark(sim, "a"));
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
  Held held;
  Trace trace;
  for (const char* name : {"first", "second", "third"}) {
    held += sim.schedule_at(seconds(5), trace.mark(sim, name));
  }
  EXPECT_EQ(sim.run_until(seconds(5)), 3u);
  EXPECT_EQ(trace.entries, (Entries{"first@5000", "second@5000", "third@5000"}));
}

TEST(Simulator, ScheduleAfterCountsFromNow) {
  Simulator sim;
  Held held;
  sim.run_until(minutes(1));
  Trace trace;
  held += sim.schedule_after(seconds(30), trace.mark(sim, "x"));
  EXPECT_EQ(sim.next_event_time(), seconds(90));
  sim.run_until(minutes(2));
  EXPECT_EQ(trace.entries, (Entries{"x@90000"}));
}

TEST(Simulator, PastTimesAreClampedToNowAndRunAfterQueuedSameTimeEvents) {
  Simulator sim;
  Held held;
  Trace trace;
  sim.run_until(SimTime{100});
  held += sim.schedule_at(SimTime{100}, trace.mark(sim, "queued-now"));
  held += sim.schedule_at(SimTime{40}, trace.mark(sim, "past"));
  held += sim.schedule_after(SimTime{-5}, trace.mark(sim, "negative-delay"));
  EXPECT_EQ(sim.next_event_time(), SimTime{100});
  sim.run_until(SimTime{100});
  EXPECT_EQ(trace.entries, (Entries{"queued-now@100", "past@100", "negative-delay@100"}));
  EXPECT_EQ(sim.now(), SimTime{100});
}

TEST(Simulator, RunUntilIncludesTheBoundaryAndExcludesLater) {
  Simulator sim;
  Held held;
  Trace trace;
  held += sim.schedule_at(SimTime{999}, trace.mark(sim, "before"));
  held += sim.schedule_at(SimTime{1000}, trace.mark(sim, "at"));
  held += sim.schedule_at(SimTime{1001}, trace.mark(sim, "after"));
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
  Held held;
  sim.run_until(SimTime{500});
  Trace trace;
  held += sim.schedule_at(SimTime{500}, trace.mark(sim, "due"));
  EXPECT_EQ(sim.run_until(SimTime{200}), 0u);
  EXPECT_EQ(sim.now(), SimTime{500});
  EXPECT_EQ(sim.pending(), 1u);
}

TEST(Simulator, ActionsSchedulingAtTheCurrentTimeRunInTheSameCall) {
  Simulator sim;
  Held held;
  Trace trace;
  held += sim.schedule_at(SimTime{10}, [&] {
    trace.entries.push_back("parent@" + std::to_string(sim.now().count()));
    held += sim.schedule_after(SimTime{0}, trace.mark(sim, "child"));
  });
  held += sim.schedule_at(SimTime{10}, trace.mark(sim, "sibling"));
  EXPECT_EQ(sim.run_until(SimTime{10}), 3u);
  // The child joins the back of the same-time line, behind the already-queued sibling.
  EXPECT_EQ(trace.entries, (Entries{"parent@10", "sibling@10", "child@10"}));
}

TEST(Simulator, RunUntilFollowsChainsUpToTheBoundaryOnly) {
  Simulator sim;
  Held held;
  int ticks = 0;
  std::function<void()> tick = [&] {
    ++ticks;
    held += sim.schedule_after(seconds(1), tick);
  };
  held += sim.schedule_at(SimTime{0}, tick);
  EXPECT_EQ(sim.run_until(seconds(10)), 11u);  // t = 0, 1, ..., 10
  EXPECT_EQ(ticks, 11);
  EXPECT_EQ(sim.next_event_time(), seconds(11));
  EXPECT_EQ(sim.pending(), 1u);
}

TEST(Simulator, ActionsMayCancelOtherEvents) {
  Simulator sim;
  Held held;
  Trace trace;
  EventHandle doomed;
  held += sim.schedule_at(SimTime{5}, [&] {
    EXPECT_TRUE(doomed.pending());
    doomed.cancel();
  });
  doomed = sim.schedule_at(SimTime{5}, trace.mark(sim, "doomed"));
  held += sim.schedule_at(SimTime{6}, trace.mark(sim, "survivor"));
  EXPECT_EQ(sim.run_until(SimTime{10}), 2u);
  EXPECT_EQ(trace.entries, (Entries{"survivor@6"}));
}

TEST(Simulator, CancellingTheRunningEventDoesNothing) {
  Simulator sim;
  EventHandle self;
  bool pending = true;
  self = sim.schedule_at(SimTime{1}, [&] {
    pending = self.pending();
    self.cancel();
  });
  EXPECT_TRUE(sim.step());
  EXPECT_FALSE(pending);
  EXPECT_EQ(sim.pending(), 0u);
}

TEST(Simulator, CancelledEventsDoNotCountAsPending) {
  Simulator sim;
  EventHandle a = sim.schedule_at(SimTime{1}, [] {});
  EventHandle b = sim.schedule_at(SimTime{2}, [] {});
  a.cancel();
  a.cancel();  // twice is harmless
  EXPECT_FALSE(a.pending());
  EXPECT_TRUE(b.pending());
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(sim.next_event_time(), SimTime{2});
}

TEST(EventHandle, DroppingAHandleCancelsItsEvent) {
  Simulator sim;
  bool ran = false;
  {
    EventHandle scoped = sim.schedule_at(SimTime{1}, [&] { ran = true; });
  }
  EXPECT_EQ(sim.pending(), 0u);
  sim.run_until(SimTime{10});
  EXPECT_FALSE(ran);
}

TEST(EventHandle, MovingKeepsTheEventAndAssigningCancelsTheOldOne) {
  Simulator sim;
  Trace trace;
  EventHandle first = sim.schedule_at(SimTime{1}, trace.mark(sim, "first"));
  EventHandle moved = std::move(first);
  EXPECT_FALSE(first.pending());
  EXPECT_TRUE(moved.pending());
  moved = sim.schedule_at(SimTime{2}, trace.mark(sim, "second"));  // the first is cancelled
  sim.run_until(SimTime{10});
  EXPECT_EQ(trace.entries, (Entries{"second@2"}));
  EXPECT_FALSE(moved.pending()) << "an event that ran is no longer pending";
}

TEST(Simulator, ResetDropsEventsAndRewinds) {
  Simulator sim;
  Held held;
  bool ran = false;
  EventHandle before = sim.schedule_at(minutes(5), [&] { ran = true; });
  sim.run_until(minutes(1));
  sim.reset();
  EXPECT_EQ(sim.now(), SimTime{0});
  EXPECT_EQ(sim.pending(), 0u);
  held += sim.schedule_at(minutes(5), [] {});
  before.cancel();  // a handle from before the reset touches nothing new
  EXPECT_EQ(sim.pending(), 1u);
  sim.run_until(minutes(10));
  EXPECT_FALSE(ran);
}

TEST(Simulator, SameSchedulePlaysTheSameWay) {
  const auto play = [] {
    Simulator sim;
    Held held;
    Trace trace;
    for (int i = 0; i < 50; ++i) {
      held += sim.schedule_at(SimTime{(i * 37) % 11}, trace.mark(sim, std::to_string(i)));
    }
    sim.run_until(SimTime{100});
    return trace.entries;
  };
  const Entries first = play();
  EXPECT_EQ(first.size(), 50u);
  EXPECT_EQ(first, play());
}

// A journal's replay: the original moved its clock in uneven steps (requests, reads, an
// instant clock's jumps); the replay reaches each mark by event count alone and runs the same
// actions at the same times.
TEST(Simulator, RunToReachesAMarkTheOriginalPassed) {
  const auto schedule = [](Simulator& sim, Held& held, Trace& trace) {
    for (int i = 0; i < 6; ++i) held += sim.schedule_at(SimTime{10 * i}, trace.mark(sim, std::to_string(i)));
  };
  Simulator original;
  Held held;
  Trace seen;
  schedule(original, held, seen);
  original.run_until(SimTime{15});
  original.run_until(SimTime{22});
  const Mark mark = original.mark();
  EXPECT_EQ(mark, (Mark{SimTime{22}, 3}));

  Simulator replay;
  Held replay_held;
  Trace replayed;
  schedule(replay, replay_held, replayed);
  ASSERT_TRUE(replay.run_to(mark));
  EXPECT_EQ(replay.mark(), mark);
  EXPECT_EQ(replayed.entries, seen.entries);
}

TEST(Simulator, RunToLeavesEventsDueAtTheMarkWaiting) {
  Simulator sim;
  Held held;
  Trace trace;
  held += sim.schedule_at(SimTime{5}, trace.mark(sim, "a"));
  held += sim.schedule_at(SimTime{5}, trace.mark(sim, "b"));
  ASSERT_TRUE(sim.run_to(Mark{SimTime{5}, 1}));  // the instant clock answered between a and b
  EXPECT_EQ(trace.entries, Entries{"a@5"});
  EXPECT_EQ(sim.pending(), 1u);
}

TEST(Simulator, RunToRefusesAMarkItCannotBeAt) {
  Simulator sim;
  Held held;
  Trace trace;
  held += sim.schedule_at(SimTime{5}, trace.mark(sim, "a"));
  EXPECT_FALSE(sim.run_to(Mark{SimTime{9}, 0}));   // would skip the event due at 5
  EXPECT_FALSE(sim.run_to(Mark{SimTime{4}, 1}));   // the event is due after the mark
  EXPECT_FALSE(sim.run_to(Mark{SimTime{20}, 2}));  // only one event exists
  EXPECT_EQ(trace.entries, Entries{"a@5"});
  EXPECT_FALSE(sim.run_to(Mark{SimTime{20}, 0}));  // it has run more than the mark
}

}  // namespace
}  // namespace emulator::sim
