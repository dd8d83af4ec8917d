#include "api/clock/clock_driver.h"

#include <chrono>

namespace api {

using emulator::sim::ClockMode;
using emulator::sim::SimTime;

namespace {
// 2026-01-01T00:00:00Z: the start of virtual time in manual and instant runs.
constexpr std::int64_t kFixedEpochMs = 1767225600000;
}  // namespace

ClockDriver::ClockDriver(Post post, emulator::Control& control, ClockMode mode, double time_scale)
    : post_(std::move(post)), control_(control), mode_(mode), time_scale_(time_scale) {
  anchor();
  schedule_drain();
}

std::int64_t ClockDriver::epoch_ms_for(ClockMode mode) {
  if (mode != ClockMode::Realtime) return kFixedEpochMs;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count() * 1000;
}

std::int64_t ClockDriver::wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void ClockDriver::anchor() {
  if (mode_ == ClockMode::Realtime) {
    mapping_.emplace(control_.now(), wall_ns(), time_scale_);
  } else {
    mapping_.reset();
  }
}

void ClockDriver::before_request() {
  if (mode_ == ClockMode::Realtime && mapping_) {
    const auto target = mapping_->virtual_at(wall_ns());
    if (target > control_.now()) control_.run_until(target);
  }
}

void ClockDriver::after_request() {
  // What a request set in motion at this instant (a tuning job launching its first children)
  // happens before the next answer, in every mode: running events due now moves no time.
  if (mode_ != ClockMode::Instant) control_.run_until(control_.now());
  schedule_drain();
}

void ClockDriver::schedule_drain() {
  if (mode_ != ClockMode::Instant || drain_scheduled_) return;
  drain_scheduled_ = true;
  // One instant at a time, re-posted behind whatever the io_context has ready, so requests
  // that arrive meanwhile are served between two instants.
  post_([this] {
    drain_scheduled_ = false;
    if (mode_ != ClockMode::Instant) return;
    const auto next = control_.next_event_time();
    if (next && (*next <= control_.now() || control_.jobs_in_progress())) {
      control_.run_until(*next);
      schedule_drain();
    }
  });
}

void ClockDriver::set_mode(ClockMode mode) {
  before_request();
  mode_ = mode;
  anchor();
  schedule_drain();
}

void ClockDriver::set_time_scale(double time_scale) {
  before_request();
  time_scale_ = time_scale;
  anchor();
}

void ClockDriver::advance(SimTime delta) {
  control_.run_until(control_.now() + delta);
  anchor();
}

void ClockDriver::reset(std::optional<std::uint64_t> seed) {
  control_.reset(seed, epoch_ms_for(mode_));
  anchor();
  schedule_drain();
}

}  // namespace api
