#include "api/persistence/journal_writer.h"

#include <gtest/gtest.h>

#include <chrono>

#include "api/persistence/frames.h"
#include "tests/support/scratch_folder.h"

namespace api::persistence {
namespace {

using test_support::read_file;
using test_support::ScratchFolder;
namespace fs = std::filesystem;

// The io thread, played by the test's own: what the writer posts waits here until the test runs
// it. A post can be held (the writer's thread then waits in it, its disk work done), so that what
// is appended meanwhile is deterministically one batch.
class TestLoop {
 public:
  JournalWriter::Post post() {
    return [this](std::function<void()> task) {
      std::unique_lock lock(mutex_);
      holding_ = hold_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return !hold_; });
      holding_ = false;
      tasks_.push_back(std::move(task));
      changed_.notify_all();
    };
  }

  // Runs what is posted, one task at a time, until `done` holds; false if it does not in time.
  bool run_until(const std::function<bool()>& done,
                 std::chrono::milliseconds patience = std::chrono::milliseconds(10000)) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (!done()) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_until(lock, deadline, [this] { return !tasks_.empty(); })) return false;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
    return true;
  }

  // The writer's next post waits until release(); returns once it does.
  void hold_next_post() {
    std::lock_guard lock(mutex_);
    hold_ = true;
  }
  bool wait_until_held() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [this] { return holding_; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    hold_ = false;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> tasks_;
  bool hold_ = false;
  bool holding_ = false;
};

std::string record(int i) { return frame("{\"record\":" + std::to_string(i) + "}"); }

struct Failures {
  std::vector<std::string> messages;
  JournalWriter::Failure callback() {
    return [this](const std::string& message) { messages.push_back(message); };
  }
};

class JournalWriterTest : public ::testing::Test {
 protected:
  ScratchFolder temp{"persistence-test"};
  fs::path file = temp.path() / "journal";
  TestLoop loop;  // outlives the writer, whose thread posts to it
  Failures failures;

  bool wait_durable(JournalWriter& writer) {
    return loop.run_until([&] { return writer.durable() == writer.appended(); });
  }
};

TEST_F(JournalWriterTest, AppendsBecomeDurableInOrderAndTheFileHoldsTheirFrames) {
  JournalWriter writer(file, loop.post(), failures.callback());
  EXPECT_TRUE(fs::exists(file));
  std::string expected;
  std::vector<std::uint64_t> called;
  for (int i = 1; i <= 5; ++i) {
    expected += record(i);
    const auto seq = writer.append(record(i));
    EXPECT_EQ(seq, static_cast<std::uint64_t>(i));
    writer.when_durable(seq, [&called, seq] { called.push_back(seq); });
  }
  EXPECT_EQ(writer.appended(), 5u);
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(called, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(read_file(file), expected);
  EXPECT_GE(writer.writes(), 1u);
  EXPECT_LE(writer.writes(), 5u);
  EXPECT_TRUE(failures.messages.empty());
}

TEST_F(JournalWriterTest, ACallbackForWhatIsAlreadyDurableRunsAtOnce) {
  JournalWriter writer(file, loop.post(), failures.callback());
  int ran = 0;
  writer.when_durable(0, [&] { ++ran; });  // nothing appended: nothing to wait for
  EXPECT_EQ(ran, 1);
  writer.append(record(1));
  writer.append(record(2));
  writer.when_durable(2, [&] { ++ran; });
  EXPECT_EQ(ran, 1);
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(ran, 2);
  writer.when_durable(1, [&] { ++ran; });
  EXPECT_EQ(ran, 3);
  writer.when_durable(2, [&] { ++ran; });
  EXPECT_EQ(ran, 4);
}

TEST_F(JournalWriterTest, ACallbackWaitsForItsOwnRecordOnly) {
  JournalWriter writer(file, loop.post(), failures.callback());
  loop.hold_next_post();
  writer.append(record(1));
  ASSERT_TRUE(loop.wait_until_held());  // record 1 is on disk; its news is held
  writer.append(record(2));
  std::vector<int> called;
  writer.when_durable(1, [&] { called.push_back(1); });
  writer.when_durable(2, [&] { called.push_back(2); });
  loop.release();
  ASSERT_TRUE(loop.run_until([&] { return writer.durable() >= 1; }));
  EXPECT_EQ(writer.durable(), 1u);
  EXPECT_EQ(called, std::vector<int>{1});
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(called, (std::vector<int>{1, 2}));
}

TEST_F(JournalWriterTest, AppendsWhileTheDiskIsBusyShareOneWrite) {
  JournalWriter writer(file, loop.post(), failures.callback());
  loop.hold_next_post();
  writer.append(record(0));
  ASSERT_TRUE(loop.wait_until_held());
  std::string expected = record(0);
  int ran = 0;
  for (int i = 1; i < 1000; ++i) {
    expected += record(i);
    writer.when_durable(writer.append(record(i)), [&] { ++ran; });
  }
  loop.release();
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(writer.appended(), 1000u);
  EXPECT_EQ(writer.writes(), 2u);  // the first record alone, then the 999 that queued behind it
  EXPECT_EQ(ran, 999);
  EXPECT_EQ(read_file(file), expected);
}

TEST_F(JournalWriterTest, ManyQuickAppendsTakeFewerWritesThanRecords) {
  JournalWriter writer(file, loop.post(), failures.callback());
  for (int i = 0; i < 1000; ++i) writer.append(record(i));
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_LT(writer.writes(), writer.appended());
}

TEST_F(JournalWriterTest, AppendingGoesOnAfterWhatTheFileHeld) {
  test_support::write_file(file, record(1));
  JournalWriter writer(file, loop.post(), failures.callback());
  writer.append(record(2));
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(read_file(file), record(1) + record(2));
}

TEST_F(JournalWriterTest, ReplaceMakesTheFileExactlyTheNewBytesAndAppendsFollowThem) {
  JournalWriter writer(file, loop.post(), failures.callback());
  writer.append(record(1));
  writer.append(record(2));
  ASSERT_TRUE(wait_durable(writer));
  const auto fresh = record(10) + record(11);
  int ran = 0;
  writer.when_durable(writer.replace(fresh), [&] { ++ran; });
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(read_file(file), fresh);
  writer.append(record(12));
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(read_file(file), fresh + record(12));
  EXPECT_FALSE(fs::exists(file.string() + ".new"));
  EXPECT_TRUE(failures.messages.empty());
}

TEST_F(JournalWriterTest, AReplaceInsideABatchDropsWhatCameBeforeItOnly) {
  JournalWriter writer(file, loop.post(), failures.callback());
  loop.hold_next_post();
  writer.append(record(1));
  ASSERT_TRUE(loop.wait_until_held());
  writer.append(record(2));
  writer.replace(record(20));
  writer.append(record(21));
  loop.release();
  ASSERT_TRUE(wait_durable(writer));
  // 1; then 2 made durable before the rewrite starts, so its answer need not wait for it; then
  // the new journal with 21.
  EXPECT_EQ(writer.writes(), 3u);
  EXPECT_EQ(read_file(file), record(20) + record(21));
}

TEST_F(JournalWriterTest, NothingWaitsForACompactionAndTheRecordsBeforeItAreDurableFirst) {
  JournalWriter writer(file, loop.post(), failures.callback());
  loop.hold_next_post();
  writer.append(record(1));
  ASSERT_TRUE(loop.wait_until_held());
  const auto before = writer.append(record(2));
  writer.compact(record(20));
  EXPECT_EQ(writer.required(), before);  // what an answer waits for: not the compaction
  writer.append(record(21));
  EXPECT_EQ(writer.required(), before + 2);
  loop.release();
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(read_file(file), record(20) + record(21));
  EXPECT_TRUE(failures.messages.empty());
}

TEST_F(JournalWriterTest, ACompactionThatCannotBeWrittenLeavesTheJournalAsItWas) {
  fs::create_directory(file.string() + ".new");  // where the new journal would be written
  JournalWriter writer(file, loop.post(), failures.callback());
  writer.append(record(1));
  writer.compact(record(20));
  writer.append(record(2));
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_TRUE(failures.messages.empty());  // optional: the writer goes on
  EXPECT_EQ(read_file(file), record(1) + record(2));
  writer.append(record(3));
  ASSERT_TRUE(wait_durable(writer));
  EXPECT_EQ(read_file(file), record(1) + record(2) + record(3));
}

TEST_F(JournalWriterTest, StoppingWritesWhatIsQueued) {
  std::string expected;
  {
    JournalWriter writer(file, loop.post(), failures.callback());
    for (int i = 0; i < 100; ++i) {
      expected += record(i);
      writer.append(record(i));
    }
  }  // what it posted is never run: the writer is gone
  EXPECT_EQ(read_file(file), expected);
}

TEST_F(JournalWriterTest, AFileThatCannotBeOpenedThrows) {
  EXPECT_THROW(JournalWriter(temp.path(), loop.post(), failures.callback()), std::runtime_error);
}

TEST_F(JournalWriterTest, AFullDiskIsReportedAndNothingBecomesDurable) {
  JournalWriter writer("/dev/full", loop.post(), failures.callback());
  int ran = 0;
  writer.when_durable(writer.append(record(1)), [&] { ++ran; });
  ASSERT_TRUE(loop.run_until([&] { return !failures.messages.empty(); }));
  ASSERT_EQ(failures.messages.size(), 1u);
  EXPECT_EQ(failures.messages[0].find("cannot write /dev/full: "), 0u) << failures.messages[0];
  EXPECT_EQ(writer.durable(), 0u);
  EXPECT_EQ(ran, 0);
  writer.append(record(2));  // the writer has given up: no more failures, no durability
  EXPECT_FALSE(loop.run_until([&] { return failures.messages.size() > 1 || writer.durable() > 0; },
                              std::chrono::milliseconds(300)));
}

TEST_F(JournalWriterTest, AReplaceThatCannotBeWrittenIsReported) {
  fs::create_directory(file.string() + ".new");  // where the new journal would be written
  JournalWriter writer(file, loop.post(), failures.callback());
  writer.replace(record(1));
  ASSERT_TRUE(loop.run_until([&] { return !failures.messages.empty(); }));
  EXPECT_EQ(failures.messages[0].find("cannot create " + file.string() + ".new: "), 0u) << failures.messages[0];
  EXPECT_EQ(writer.durable(), 0u);
}

}  // namespace
}  // namespace api::persistence
