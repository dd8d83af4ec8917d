#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp misses it under GCC 12
#include <vector>

#include "capacity_model/result.h"

namespace api::training {

// What to run: no shell ever sees it, so a hyperparameter is one argument, whatever it holds.
struct ProcessSpec {
  std::vector<std::string> argv;         // argv[0]: a path, or a name looked up in the PATH of `environment`
  std::vector<std::string> environment;  // "NAME=value", the whole environment
  std::filesystem::path workdir;
};

struct ProcessExit {
  std::optional<int> exit_code;  // when it exited
  std::optional<int> signal;     // when a signal ended it
  bool terminated = false;       // terminate() was called before it ended
};

// The training processes of the emulator, on its io_context thread: each in a process group of
// its own (so a stop reaches what the script started), stdin from /dev/null, stdout and stderr
// read without blocking the server, and reaped on SIGCHLD. stdout and stderr are two pipes,
// each cut into lines on its own (a progress bar's unfinished stdout line is never glued to a
// warning on stderr); their lines are handed on in the order they arrive. A process ends for
// the supervisor when it has exited and both pipes are drained; then whatever is left of its
// group is killed, so an orphan holding a pipe cannot keep it alive. The leader dies with the
// emulator even on SIGKILL (PR_SET_PDEATHSIG); on an orderly stop the destructor kills every
// group and reaps it.
class ProcessSupervisor {
 public:
  using Id = std::uint64_t;
  using LineHandler = std::function<void(std::string_view line)>;
  using ExitHandler = std::function<void(const ProcessExit&)>;

  // Past max_line_bytes a line is cut; past max_log_bytes a process's further output is read
  // and dropped (one line says so), so a chatty script cannot exhaust memory or disk.
  struct Limits {
    std::chrono::milliseconds stop_grace{120'000};
    std::size_t max_line_bytes = 256 * 1024;
    std::size_t max_log_bytes = 64 * 1024 * 1024;
  };

  ProcessSupervisor(boost::asio::io_context& io, Limits limits);
  ~ProcessSupervisor();
  ProcessSupervisor(const ProcessSupervisor&) = delete;
  ProcessSupervisor& operator=(const ProcessSupervisor&) = delete;

  // Starts the process; `on_line` gets each line of its output (without the newline), then
  // `on_exit` once. Neither is called from inside spawn().
  capacity_model::Result<Id, std::string> spawn(const ProcessSpec& spec, LineHandler on_line, ExitHandler on_exit);
  // SIGTERM to the group, SIGKILL after the grace period. What it prints meanwhile (a SIGTERM
  // handler saving the model) still reaches `on_line`; then `on_exit` comes, marked.
  void terminate(Id id);
  // The emulator is stopping: every group is killed and reaped now, with no handler called,
  // and nothing is left waiting on the io_context.
  void shut_down();
  std::size_t running() const { return processes_.size(); }

 private:
  struct Process;
  struct Pipe;

  void watch_children();
  void read_output(Id id, Pipe Process::*which);
  void take_lines(Process& p, Pipe& pipe, std::string_view data);
  void hand_on(Process& p, std::string& line);
  void reap();
  void finish_if_done(Id id);

  boost::asio::io_context& io_;
  Limits limits_;
  boost::asio::signal_set child_signals_;
  std::map<Id, std::unique_ptr<Process>> processes_;
  Id next_id_ = 1;
  bool shut_down_ = false;
  // Handlers of reads and of SIGCHLD may run after a reset destroyed the supervisor (aborted,
  // but queued): they hold this weakly and do nothing once it is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace api::training
