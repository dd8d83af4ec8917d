#include "emulator/sim/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace emulator::sim {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::int64_t kSecondNs = 1'000'000'000;

TEST(ClockMode, ParsesTheFlagSpellings) {
  EXPECT_EQ(parse_clock_mode("realtime"), ClockMode::Realtime);
  EXPECT_EQ(parse_clock_mode("manual"), ClockMode::Manual);
  EXPECT_EQ(parse_clock_mode("instant"), ClockMode::Instant);
}

TEST(ClockMode, RejectsOtherSpellings) {
  EXPECT_EQ(parse_clock_mode(""), std::nullopt);
  EXPECT_EQ(parse_clock_mode("Manual"), std::nullopt);
  EXPECT_EQ(parse_clock_mode("real-time"), std::nullopt);
  EXPECT_EQ(parse_clock_mode("instant "), std::nullopt);
}

TEST(ClockMode, ToStringRoundTrips) {
  for (const ClockMode mode : {ClockMode::Realtime, ClockMode::Manual, ClockMode::Instant}) {
    EXPECT_EQ(parse_clock_mode(to_string(mode)), mode);
  }
  EXPECT_EQ(to_string(ClockMode::Realtime), "realtime");
}

TEST(RealtimeMapping, OneWallSecondIsTenVirtualMinutesAtScale600) {
  const RealtimeMapping mapping(SimTime{0}, 0, 600);
  EXPECT_EQ(mapping.virtual_at(kSecondNs), minutes(10));
  EXPECT_EQ(mapping.virtual_at(6 * kSecondNs), hours(1));
  EXPECT_EQ(mapping.time_scale(), 600);
}

TEST(RealtimeMapping, CountsFromBothAnchors) {
  const std::int64_t wall_anchor = 5'000 * kSecondNs;  // a steady clock rarely starts at 0
  const RealtimeMapping mapping(minutes(90), wall_anchor, 600);
  EXPECT_EQ(mapping.virtual_at(wall_anchor), minutes(90));
  EXPECT_EQ(mapping.virtual_at(wall_anchor + 3 * kSecondNs), minutes(120));
  EXPECT_EQ(mapping.wall_at(minutes(120)), wall_anchor + 3 * kSecondNs);
}

TEST(RealtimeMapping, FloorsToTheMillisecond) {
  const RealtimeMapping mapping(SimTime{0}, 0, 600);
  // One virtual millisecond takes 1666.67 wall nanoseconds.
  EXPECT_EQ(mapping.virtual_at(1'666), SimTime{0});
  EXPECT_EQ(mapping.virtual_at(1'667), SimTime{1});
  EXPECT_EQ(mapping.virtual_at(3'333), SimTime{1});
  EXPECT_EQ(mapping.virtual_at(3'334), SimTime{2});
}

TEST(RealtimeMapping, NeverBeforeTheAnchor) {
  const RealtimeMapping mapping(seconds(30), 1'000, 600);
  EXPECT_EQ(mapping.virtual_at(999), seconds(30));
  EXPECT_EQ(mapping.virtual_at(-kSecondNs), seconds(30));
  EXPECT_EQ(mapping.wall_at(seconds(10)), 1'000);
}

TEST(RealtimeMapping, WallAtIsTheFirstInstantTheTimeIsReached) {
  const RealtimeMapping mapping(SimTime{0}, 0, 600);
  EXPECT_EQ(mapping.wall_at(SimTime{1}), 1'667);
  EXPECT_EQ(mapping.wall_at(SimTime{2}), 3'334);
  EXPECT_EQ(mapping.wall_at(SimTime{3}), 5'000);
  EXPECT_EQ(mapping.wall_at(minutes(10)), kSecondNs);
}

TEST(RealtimeMapping, RoundTripsAtManyScales) {
  for (const double scale : {1.0, 3.0, 600.0, 0.25, 86400.0, 1e6}) {
    const RealtimeMapping mapping(seconds(7), 123'456'789, scale);
    for (std::int64_t ms = 7'001; ms < 7'001 + 5'000; ms += 37) {
      const SimTime target{ms};
      const std::int64_t wall = mapping.wall_at(target);
      EXPECT_GE(mapping.virtual_at(wall), target) << "scale " << scale << " ms " << ms;
      EXPECT_LT(mapping.virtual_at(wall - 1), target) << "scale " << scale << " ms " << ms;
    }
  }
}

TEST(RealtimeMapping, IsMonotoneInWallTime) {
  const RealtimeMapping mapping(SimTime{0}, 0, 600);
  SimTime previous{0};
  for (std::int64_t wall = 0; wall < 50'000; wall += 7) {
    const SimTime current = mapping.virtual_at(wall);
    EXPECT_GE(current, previous);
    previous = current;
  }
}

TEST(RealtimeMapping, SaturatesInsteadOfOverflowing) {
  const RealtimeMapping mapping(SimTime{0}, kSecondNs, 600);
  EXPECT_EQ(mapping.wall_at(SimTime::max()), std::numeric_limits<std::int64_t>::max());
  const RealtimeMapping fast(SimTime{0}, 0, 1e12);
  EXPECT_EQ(fast.virtual_at(std::numeric_limits<std::int64_t>::max()), SimTime::max());
}

TEST(RealtimeMapping, RejectsAScaleThatIsNotPositive) {
  EXPECT_THROW(RealtimeMapping(SimTime{0}, 0, 0), std::invalid_argument);
  EXPECT_THROW(RealtimeMapping(SimTime{0}, 0, -1), std::invalid_argument);
  EXPECT_THROW(RealtimeMapping(SimTime{0}, 0, std::numeric_limits<double>::infinity()),
               std::invalid_argument);
  EXPECT_THROW(RealtimeMapping(SimTime{0}, 0, std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

}  // namespace
}  // namespace emulator::sim
