#include "api/training/training_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <initializer_list>

#include "api/training/program_path.h"

namespace api::training {

// One of the process's two output pipes, and the line it is in the middle of.
struct ProcessSupervisor::Pipe {
  Pipe(boost::asio::io_context& io, int read_fd) : descriptor(io, read_fd) {}
  boost::asio::posix::stream_descriptor descriptor;
  std::array<char, 16 * 1024> buffer{};
  std::string partial;
  bool drained = false;
};

struct ProcessSupervisor::Process {
  Process(boost::asio::io_context& io, int stdout_fd, int stderr_fd)
      : out(io, stdout_fd), err(io, stderr_fd), kill_timer(io) {}
  pid_t pid = 0;
  Pipe out;
  Pipe err;
  boost::asio::steady_timer kill_timer;
  std::size_t logged = 0;  // both pipes together
  bool log_full = false;
  bool terminated = false;
  std::optional<ProcessExit> exit;
  LineHandler on_line;
  ExitHandler on_exit;
};

namespace {

// argv[0] as execve needs it: a name without a slash is looked up in the child's PATH (and
// one that is not found fails at exec, with the name in the error).
std::string resolve(const std::string& program, const std::vector<std::string>& environment) {
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& entry : environment) {
    if (entry.rfind("PATH=", 0) == 0) path = entry.substr(5);
  }
  return find_on_path(program, path).value_or(program);
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void close_all(std::initializer_list<int> fds) {
  for (const int fd : fds) ::close(fd);
}

// Between fork and exec only async-signal-safe calls: everything is prepared before.
[[noreturn]] void become_child(pid_t parent, int stdout_fd, int stderr_fd, int error_fd, const char* workdir,
                               const char* path, char* const* argv, char* const* envp) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the emulator died before prctl took hold
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s = 1; s < NSIG; ++s) ::signal(s, SIG_DFL);  // an ignored SIGPIPE would survive exec
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0 ||
      ::chdir(workdir) != 0) {
    const int e = errno;
    (void)!::write(error_fd, &e, sizeof e);
    ::_exit(127);
  }
  ::execve(path, argv, envp);
  const int e = errno;
  (void)!::write(error_fd, &e, sizeof e);
  ::_exit(127);
}

}  // namespace

ProcessSupervisor::ProcessSupervisor(boost::asio::io_context& io, Limits limits)
    : io_(io), limits_(limits), child_signals_(io, SIGCHLD) {
  watch_children();
}

ProcessSupervisor::~ProcessSupervisor() {
  shut_down();
  alive_.reset();
}

void ProcessSupervisor::shut_down() {
  shut_down_ = true;
  for (auto& [id, p] : processes_) {
    if (!p->exit) {
      ::kill(-p->pid, SIGKILL);
      ::waitpid(p->pid, nullptr, 0);
    }
  }
  processes_.clear();
  boost::system::error_code ignored;
  child_signals_.cancel(ignored);
}

capacity_model::Result<ProcessSupervisor::Id, std::string> ProcessSupervisor::spawn(const ProcessSpec& spec,
                                                                                    LineHandler on_line,
                                                                                    ExitHandler on_exit) {
  if (shut_down_) return std::string("the emulator is stopping");
  if (spec.argv.empty()) return std::string("no command to run");
  auto argv = spec.argv;
  auto environment = spec.environment;
  const auto path = resolve(argv[0], environment);
  const auto workdir = spec.workdir.string();
  const auto c_argv = c_strings(argv);
  const auto c_envp = c_strings(environment);
  // stdout, stderr, and the error pipe that tells why exec failed.
  int out[2], err[2], error[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  if (::pipe2(err, O_CLOEXEC) != 0) {
    close_all({out[0], out[1]});
    return std::string("pipe: ") + std::strerror(errno);
  }
  if (::pipe2(error, O_CLOEXEC) != 0) {
    close_all({out[0], out[1], err[0], err[1]});
    return std::string("pipe: ") + std::strerror(errno);
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    become_child(parent, out[1], err[1], error[1], workdir.c_str(), path.c_str(), c_argv.data(), c_envp.data());
  }
  close_all({out[1], err[1], error[1]});
  if (pid < 0) {
    close_all({out[0], err[0], error[0]});
    return std::string("fork: ") + std::strerror(errno);
  }
  ::setpgid(pid, pid);  // also here, so a kill of the group cannot come before the child's own call
  // The error pipe closes on exec; a number on it is why exec (or the set-up) failed.
  int child_errno = 0;
  ssize_t got;
  do got = ::read(error[0], &child_errno, sizeof child_errno);
  while (got < 0 && errno == EINTR);
  ::close(error[0]);
  if (got == sizeof child_errno) {
    ::waitpid(pid, nullptr, 0);
    close_all({out[0], err[0]});
    return "cannot run " + spec.argv[0] + ": " + std::strerror(child_errno);
  }
  const Id id = next_id_++;
  auto process = std::make_unique<Process>(io_, out[0], err[0]);
  process->pid = pid;
  process->on_line = std::move(on_line);
  process->on_exit = std::move(on_exit);
  processes_.emplace(id, std::move(process));
  read_output(id, &Process::out);
  read_output(id, &Process::err);
  return id;
}

void ProcessSupervisor::read_output(Id id, Pipe Process::*which) {
  auto& pipe = (*processes_.at(id)).*which;
  pipe.descriptor.async_read_some(
      boost::asio::buffer(pipe.buffer),
      [this, alive = std::weak_ptr<bool>(alive_), id, which](const boost::system::error_code& ec, std::size_t n) {
        if (alive.expired()) return;  // an aborted read, run after the supervisor was destroyed
        const auto it = processes_.find(id);
        if (it == processes_.end()) return;
        auto& p = *it->second;
        auto& pipe = p.*which;
        take_lines(p, pipe, std::string_view(pipe.buffer.data(), n));
        if (!ec) return read_output(id, which);
        if (!pipe.partial.empty()) hand_on(p, pipe.partial);  // the last line had no newline
        pipe.drained = true;
        finish_if_done(id);
      });
}

void ProcessSupervisor::take_lines(Process& p, Pipe& pipe, std::string_view data) {
  while (!data.empty()) {
    const auto newline = data.find('\n');
    const auto piece = data.substr(0, newline);
    const auto room = limits_.max_line_bytes - std::min(limits_.max_line_bytes, pipe.partial.size());
    pipe.partial.append(piece.substr(0, room));
    if (newline == std::string_view::npos) return;
    data.remove_prefix(newline + 1);
    hand_on(p, pipe.partial);
  }
}

// Hands a whole line on (and clears it), unless the log is full.
void ProcessSupervisor::hand_on(Process& p, std::string& line) {
  if (!p.log_full) {
    p.logged += line.size() + 1;
    if (p.logged > limits_.max_log_bytes) {
      p.log_full = true;
      line = "[amt-emulator] the log reached its limit; further output is dropped";
    }
    if (p.on_line) p.on_line(line);
  }
  line.clear();
}

void ProcessSupervisor::watch_children() {
  child_signals_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec, int) {
    if (alive.expired() || ec || shut_down_) return;
    reap();
    watch_children();
  });
}

void ProcessSupervisor::reap() {
  std::vector<Id> exited;
  for (auto& [id, p] : processes_) {
    if (p->exit) continue;
    int status = 0;
    if (::waitpid(p->pid, &status, WNOHANG) != p->pid) continue;
    ProcessExit exit;
    if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
    exit.terminated = p->terminated;
    p->exit = exit;
    ::kill(-p->pid, SIGKILL);  // what the script left behind in its group
    exited.push_back(id);
  }
  for (const auto id : exited) finish_if_done(id);
}

void ProcessSupervisor::finish_if_done(Id id) {
  const auto it = processes_.find(id);
  if (it == processes_.end() || !it->second->out.drained || !it->second->err.drained || !it->second->exit) return;
  auto process = std::move(it->second);
  processes_.erase(it);
  process->kill_timer.cancel();
  if (process->on_exit) process->on_exit(*process->exit);
}

void ProcessSupervisor::terminate(Id id) {
  const auto it = processes_.find(id);
  if (it == processes_.end() || it->second->exit) return;
  auto& p = *it->second;
  p.terminated = true;
  ::kill(-p.pid, SIGTERM);
  p.kill_timer.expires_after(limits_.stop_grace);
  p.kill_timer.async_wait([pid = p.pid](const boost::system::error_code& ec) {
    if (!ec) ::kill(-pid, SIGKILL);
  });
}

}  // namespace api::training
