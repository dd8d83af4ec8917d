#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "emulator/control.h"
#include "emulator/sim/clock.h"

namespace api {

// The wall-clock side of the clock modes (design.md "Time"); the simulator itself never
// reads a clock. Runs on the io_context thread that owns the world.
//   realtime: before each request, virtual time catches up with wall time × time scale;
//   manual:   time moves only through advance();
//   instant:  whenever no request is waiting, the clock jumps from event to event; while a
//             real training process runs (--training local) it runs at wall speed instead,
//             so the clock never jumps past a process that has not ended.
class ClockDriver {
 public:
  // Queues a task behind whatever the event loop has ready, after a wall delay (zero: at
  // once; boost::asio::post or a steady_timer in main.cc): the instant clock runs one instant
  // per task, so requests are served in between.
  using Post = std::function<void(std::chrono::milliseconds, std::function<void()>)>;

  ClockDriver(Post post, emulator::Control& control, emulator::sim::ClockMode mode, double time_scale);

  // A request starts: realtime catches up once, here. Until end_request(), before_request()
  // moves nothing, so a request sees one instant and a journal can replay it at that instant.
  void begin_request();
  void end_request();
  void before_request();
  void after_request();
  // While replaying a journal, time moves only through the journal's marks and the requests
  // replayed: no catch-up, no instant-clock drain. Turning it off anchors the clock at the
  // virtual time reached (realtime goes on from there).
  void set_replaying(bool replaying);

  emulator::sim::ClockMode mode() const { return mode_; }
  double time_scale() const { return time_scale_; }
  void set_mode(emulator::sim::ClockMode mode);
  void set_time_scale(double time_scale);
  // Moves virtual time forward by `delta`, running every event on the way.
  void advance(emulator::sim::SimTime delta);
  // Resets the world; in realtime mode virtual time 0 is "now" again.
  void reset(std::optional<std::uint64_t> seed);

  // The wall-clock instant (ms since the Unix epoch) virtual time 0 stands for: now in
  // realtime mode, a fixed instant otherwise so manual and instant runs are byte-identical.
  static std::int64_t epoch_ms_for(emulator::sim::ClockMode mode);

  // CPU time spent running the simulation (every event this driver ran, in any mode) since
  // meter_simulation(): what a journal's replay would spend on them again (persistence's
  // SnapshotPolicy weighs it). Unmetered (in memory), runs cost no clock reads.
  void meter_simulation() { metered_ = true; }
  double simulation_cpu_seconds() const { return simulation_cpu_seconds_; }

  // For real training processes. The virtual instant of something a process did just now:
  // wall time through the realtime mapping, or through the instant clock's hold, else now.
  emulator::sim::SimTime report_time();
  // A process started (true) or ended (false): while any runs, the instant clock is held.
  void hold_for_process(bool started);
  // A process reported (an event was scheduled at report_time()): run what is due.
  void wake();

 private:
  void anchor();
  void run_until(emulator::sim::SimTime time);
  void schedule_drain();
  static std::int64_t wall_ns();

  Post post_;
  emulator::Control& control_;
  emulator::sim::ClockMode mode_;
  double time_scale_;
  std::optional<emulator::sim::RealtimeMapping> mapping_;
  bool drain_scheduled_ = false;
  bool in_request_ = false;
  bool replaying_ = false;
  bool timer_armed_ = false;  // a held instant clock looks again at most this often (50 ms)
  int processes_running_ = 0;
  bool metered_ = false;
  double simulation_cpu_seconds_ = 0;
};

}  // namespace api
