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

#include "api/training/program_path.h"

namespace api::training {

struct ProcessSupervisor::Process {
  Process(boost::asio::io_context& io, int read_fd) : output(io, read_fd), kill_timer(io) {}
  pid_t pid = 0;
  boost::asio::posix::stream_descriptor output;
  boost::asio::steady_timer kill_timer;
  std::array<char, 16 * 1024> buffer{};
  std::string partial;  // the line being read
  std::size_t logged = 0;
  bool log_full = false;
  bool drained = false;
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

// Between fork and exec only async-signal-safe calls: everything is prepared before.
[[noreturn]] void become_child(pid_t parent, int output_fd, int error_fd, const char* workdir, const char* path,
                               char* const* argv, char* const* envp) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the emulator died before prctl took hold
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s = 1; s < NSIG; ++s) ::signal(s, SIG_DFL);  // an ignored SIGPIPE would survive exec
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(output_fd, 1) < 0 || ::dup2(output_fd, 2) < 0 ||
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
  int output[2], error[2];
  if (::pipe2(output, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  if (::pipe2(error, O_CLOEXEC) != 0) {
    ::close(output[0]);
    ::close(output[1]);
    return std::string("pipe: ") + std::strerror(errno);
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) become_child(parent, output[1], error[1], workdir.c_str(), path.c_str(), c_argv.data(), c_envp.data());
  ::close(output[1]);
  ::close(error[1]);
  if (pid < 0) {
    ::close(output[0]);
    ::close(error[0]);
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
    ::close(output[0]);
    return "cannot run " + spec.argv[0] + ": " + std::strerror(child_errno);
  }
  const Id id = next_id_++;
  auto process = std::make_unique<Process>(io_, output[0]);
  process->pid = pid;
  process->on_line = std::move(on_line);
  process->on_exit = std::move(on_exit);
  processes_.emplace(id, std::move(process));
  read_output(id);
  return id;
}

void ProcessSupervisor::read_output(Id id) {
  auto& p = *processes_.at(id);
  p.output.async_read_some(boost::asio::buffer(p.buffer), [this, alive = std::weak_ptr<bool>(alive_), id](
                                                              const boost::system::error_code& ec, std::size_t n) {
    if (alive.expired()) return;  // an aborted read, run after the supervisor was destroyed
    const auto it = processes_.find(id);
    if (it == processes_.end()) return;
    auto& p = *it->second;
    std::string_view data(p.buffer.data(), n);
    while (!data.empty()) {
      const auto newline = data.find('\n');
      const auto piece = data.substr(0, newline);
      p.partial.append(piece.substr(0, limits_.max_line_bytes - std::min(limits_.max_line_bytes, p.partial.size())));
      if (newline == std::string_view::npos) break;
      data.remove_prefix(newline + 1);
      if (!p.log_full) {
        p.logged += p.partial.size() + 1;
        if (p.logged > limits_.max_log_bytes) {
          p.log_full = true;
          p.partial = "[amt-emulator] the log reached its limit; further output is dropped";
        }
        if (p.on_line) p.on_line(p.partial);
      }
      p.partial.clear();
    }
    if (!ec) return read_output(id);
    if (!p.partial.empty() && !p.log_full && p.on_line) p.on_line(p.partial);
    p.partial.clear();
    p.drained = true;
    finish_if_done(id);
  });
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
  if (it == processes_.end() || !it->second->drained || !it->second->exit) return;
  auto process = std::move(it->second);
  processes_.erase(it);
  process->kill_timer.cancel();
  if (process->on_exit) process->on_exit(*process->exit);
}

void ProcessSupervisor::terminate(Id id) {
  const auto it = processes_.find(id);
  if (it == processes_.end() || it->second->exit) return;
  auto& p = *it->second;
  p.on_line = nullptr;
  p.terminated = true;
  ::kill(-p.pid, SIGTERM);
  p.kill_timer.expires_after(limits_.stop_grace);
  p.kill_timer.async_wait([pid = p.pid](const boost::system::error_code& ec) {
    if (!ec) ::kill(-pid, SIGKILL);
  });
}

}  // namespace api::training
