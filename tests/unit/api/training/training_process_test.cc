#include "api/training/training_process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace api::training {
namespace {

using namespace std::chrono_literals;

// Runs one process to its end on a private io_context (bounded: 20 s of wall time); with
// `terminate_when_ready`, terminates it when it prints "ready".
struct Run {
  std::vector<std::string> lines;
  std::optional<ProcessExit> exit;
};

ProcessSpec sh(const std::string& script) {
  return {{"/bin/sh", "-c", script}, {"PATH=/usr/bin:/bin", "ONLY=this"}, "/tmp"};
}

Run run(const ProcessSpec& spec, ProcessSupervisor::Limits limits = {}, bool terminate_when_ready = false) {
  boost::asio::io_context io;
  ProcessSupervisor supervisor(io, limits);
  Run result;
  ProcessSupervisor::Id id = 0;
  auto spawned = supervisor.spawn(
      spec,
      [&](std::string_view line) {
        result.lines.emplace_back(line);
        if (terminate_when_ready && line == "ready") supervisor.terminate(id);
      },
      [&](const ProcessExit& exit) {
        result.exit = exit;
        io.stop();
      });
  EXPECT_TRUE(spawned.ok()) << (spawned.ok() ? "" : spawned.error());
  if (!spawned.ok()) return result;
  id = *spawned;
  io.run_for(20s);
  return result;
}

TEST(ProcessSupervisor, DeliversEveryLineOfStdoutAndStderrThenTheExitCode) {
  const auto r = run(sh("echo one; echo two >&2; printf 'no newline'; exit 3"));
  ASSERT_TRUE(r.exit);
  EXPECT_EQ(r.exit->exit_code, 3);
  EXPECT_FALSE(r.exit->signal);
  EXPECT_EQ(r.lines, (std::vector<std::string>{"one", "two", "no newline"}));
}

TEST(ProcessSupervisor, StdoutAndStderrAreCutIntoLinesEachOnItsOwn) {
  // An unfinished stdout line (a progress bar) stays apart from the stderr line after it; a
  // carriage return is part of a line, as CloudWatch keeps it.
  const auto r = run(sh("printf 'progress 100%%'; sleep 0.2; echo 'warning' >&2; sleep 0.2; printf 'a\\rb\\n'"));
  ASSERT_TRUE(r.exit);
  EXPECT_EQ(r.lines, (std::vector<std::string>{"warning", "progress 100%a\rb"}));
}

TEST(ProcessSupervisor, LinesOfTheTwoStreamsComeInTheOrderTheyArrive) {
  const auto r = run(sh("echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2; sleep 0.2; echo err2 >&2"));
  EXPECT_EQ(r.lines, (std::vector<std::string>{"out1", "err1", "out2", "err2"}));
}

TEST(ProcessSupervisor, EachStreamKeepsItsLastLineWithoutANewline) {
  const auto r = run(sh("printf 'to stderr' >&2; printf 'to stdout'"));
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_NE(std::find(r.lines.begin(), r.lines.end(), "to stderr"), r.lines.end());
  EXPECT_NE(std::find(r.lines.begin(), r.lines.end(), "to stdout"), r.lines.end());
}

TEST(ProcessSupervisor, TheEnvironmentIsExactlyTheOneGivenAndStdinIsEmpty) {
  const auto r = run(sh("env | sort; cat; echo read-done"));
  EXPECT_EQ(r.lines, (std::vector<std::string>{"ONLY=this", "PATH=/usr/bin:/bin", "PWD=/tmp", "read-done"}));
}

TEST(ProcessSupervisor, ArgumentsReachTheProgramUninterpreted) {
  const auto r = run({{"/bin/echo", "a b", "$(id)", ";rm -rf x"}, {}, "/"});
  EXPECT_EQ(r.lines, (std::vector<std::string>{"a b $(id) ;rm -rf x"}));
}

TEST(ProcessSupervisor, ANameIsLookedUpInTheGivenPath) {
  const auto r = run({{"echo", "found"}, {"PATH=/nonexistent:/bin"}, "/"});
  EXPECT_EQ(r.lines, (std::vector<std::string>{"found"}));
}

TEST(ProcessSupervisor, AProgramThatCannotRunIsAnErrorAtSpawn) {
  boost::asio::io_context io;
  ProcessSupervisor supervisor(io, {});
  const auto id = supervisor.spawn({{"/no/such/program"}, {}, "/"}, {}, {});
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().find("/no/such/program"), std::string::npos) << id.error();
  EXPECT_EQ(supervisor.running(), 0u);
}

TEST(ProcessSupervisor, ASignalIsReported) {
  const auto r = run(sh("kill -SEGV $$"));
  ASSERT_TRUE(r.exit);
  EXPECT_EQ(r.exit->signal, SIGSEGV);
  EXPECT_FALSE(r.exit->exit_code);
}

TEST(ProcessSupervisor, TerminateSendsSigtermToTheGroup) {
  const auto began = std::chrono::steady_clock::now();
  const auto r = run(sh("sleep 30 & echo ready; sleep 30; echo not-reached"), {}, true);
  ASSERT_TRUE(r.exit);
  EXPECT_TRUE(r.exit->terminated);
  EXPECT_EQ(r.exit->signal, SIGTERM);
  EXPECT_LT(std::chrono::steady_clock::now() - began, 10s);
}

TEST(ProcessSupervisor, WhatASigtermHandlerPrintsIsStillDelivered) {
  // The shell waits on a background child: one in the foreground, killed by the group's SIGTERM,
  // would make the shell print "Terminated" itself, whenever the timing lets it.
  const auto r = run(sh("trap 'echo got-term; sleep 0.3; echo saved >&2; exit 0' TERM; echo ready; "
                        "sleep 30 & wait"),
                     {}, true);
  ASSERT_TRUE(r.exit);
  EXPECT_TRUE(r.exit->terminated);
  EXPECT_EQ(r.exit->exit_code, 0);
  EXPECT_EQ(r.lines, (std::vector<std::string>{"ready", "got-term", "saved"}));
}

TEST(ProcessSupervisor, AProcessIgnoringSigtermIsKilledAfterTheGrace) {
  ProcessSupervisor::Limits limits;
  limits.stop_grace = 200ms;
  const auto r = run(sh("trap '' TERM; echo ready; sleep 30"), limits, true);
  ASSERT_TRUE(r.exit);
  EXPECT_EQ(r.exit->signal, SIGKILL);
}

TEST(ProcessSupervisor, WhatTheLeaderLeftBehindDoesNotKeepItRunning) {
  const auto began = std::chrono::steady_clock::now();
  const auto r = run(sh("sleep 30 & echo leader-done"));
  ASSERT_TRUE(r.exit);
  EXPECT_EQ(r.exit->exit_code, 0);
  EXPECT_EQ(r.lines, (std::vector<std::string>{"leader-done"}));
  EXPECT_LT(std::chrono::steady_clock::now() - began, 10s);
}

TEST(ProcessSupervisor, LongLinesAreCutAndTheLogIsBounded) {
  ProcessSupervisor::Limits limits;
  limits.max_line_bytes = 10;
  limits.max_log_bytes = 50;
  const auto r = run(sh("printf '%0100d\\n' 0; for i in 1 2 3 4 5 6 7 8 9; do echo line$i; done"), limits);
  ASSERT_TRUE(r.exit);
  ASSERT_GE(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0], std::string(10, '0'));
  EXPECT_NE(r.lines.back().find("limit"), std::string::npos) << r.lines.back();
  EXPECT_LT(r.lines.size(), 10u);
}

TEST(ProcessSupervisor, TheDestructorKillsWhatIsStillRunning) {
  boost::asio::io_context io;
  pid_t pid = 0;
  {
    ProcessSupervisor supervisor(io, {});
    auto id = supervisor.spawn(sh("echo $$; sleep 30"),
                               [&](std::string_view line) { pid = std::stoi(std::string(line)); }, {});
    ASSERT_TRUE(id.ok());
    for (int i = 0; i < 200 && pid == 0; ++i) io.run_for(10ms);
    ASSERT_NE(pid, 0);
  }
  EXPECT_NE(::kill(pid, 0), 0);  // gone and reaped
}

}  // namespace
}  // namespace api::training
