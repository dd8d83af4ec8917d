#include "api/clock/clock_driver.h"

#include <chrono>

#include "api/clock/cpu_time.h"

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
  } else if (mode_ == ClockMode::Instant && processes_running_ > 0) {
    mapping_.emplace(control_.now(), wall_ns(), 1.0);  // the hold: wall speed from here
  } else {
    mapping_.reset();
  }
}

void ClockDriver::begin_request() {
  before_request();
  in_request_ = true;
}

void ClockDriver::end_request() { in_request_ = false; }

void ClockDriver::set_replaying(bool replaying) {
  replaying_ = replaying;
  if (replaying) return;
  anchor();
  schedule_drain();
}

void ClockDriver::before_request() {
  if (in_request_ || replaying_) return;
  if (mode_ == ClockMode::Realtime && mapping_) {
    const auto target = mapping_->virtual_at(wall_ns());
    if (target > control_.now()) run_until(target);
  }
}

void ClockDriver::after_request() {
  // What a request set in motion at this instant (a tuning job launching its first children)
  // happens before the next answer, in every mode: running events due now moves no time.
  if (mode_ != ClockMode::Instant) run_until(control_.now());
  schedule_drain();
}

void ClockDriver::schedule_drain() {
  if (mode_ != ClockMode::Instant || drain_scheduled_ || replaying_) return;
  drain_scheduled_ = true;
  // One instant at a time, re-posted behind whatever the io_context has ready, so requests
  // that arrive meanwhile are served between two instants.
  post_(std::chrono::milliseconds(0), [this] {
    drain_scheduled_ = false;
    if (mode_ != ClockMode::Instant) return;
    const auto next = control_.next_event_time();
    if (!next || (*next > control_.now() && !control_.jobs_in_progress())) return;
    if (processes_running_ == 0 || *next <= control_.now()) {
      run_until(*next);
      return schedule_drain();
    }
    // Held by a running process: time moves at wall speed; come back when the next event is
    // due, or sooner, since a process may report before then.
    const auto bound = mapping_->virtual_at(wall_ns());
    if (*next <= bound) {
      run_until(*next);
      return schedule_drain();
    }
    run_until(bound);
    if (timer_armed_) return;
    timer_armed_ = true;
    const auto wait = std::min<std::int64_t>((*next - bound).count(), 50);
    post_(std::chrono::milliseconds(wait), [this] {
      timer_armed_ = false;
      schedule_drain();
    });
  });
}

SimTime ClockDriver::report_time() {
  if (!mapping_) return control_.now();
  return std::max(control_.now(), mapping_->virtual_at(wall_ns()));
}

void ClockDriver::hold_for_process(bool started) {
  const bool was_held = processes_running_ > 0;
  processes_running_ += started ? 1 : -1;
  if (mode_ == ClockMode::Instant && was_held != (processes_running_ > 0)) {
    if (was_held) run_until(report_time());  // the last process ended at this instant
    anchor();
  }
  schedule_drain();
}

void ClockDriver::wake() {
  if (mode_ == ClockMode::Realtime) before_request();
  if (mode_ == ClockMode::Manual) run_until(control_.now());
  schedule_drain();
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
  run_until(control_.now() + delta);
  anchor();
}

void ClockDriver::reset(std::optional<std::uint64_t> seed) {
  control_.reset(seed, epoch_ms_for(mode_));
  processes_running_ = 0;  // the reset ended every training process, with no report
  anchor();
  schedule_drain();
}

void ClockDriver::run_until(emulator::sim::SimTime time) {
  if (!metered_) return control_.run_until(time);
  const auto began = thread_cpu_seconds();
  control_.run_until(time);
  simulation_cpu_seconds_ += thread_cpu_seconds() - began;
}

}  // namespace api
