// The lifecycle machine driven through a fake executor: the phases around training, the
// stops and limits, and what an executor reports, without the objective model.
#include <gtest/gtest.h>

#include <set>

#include "emulator/training/lifecycle.h"
#include "tests/support/region_supply.h"
#include "tests/support/rendered_timeline.h"
#include "tests/support/test_world.h"

namespace emulator::training {
namespace {

using capacity_model::CapacityType;
using model::SecondaryStatus;
using model::TrainingJobStatus;
using namespace std::chrono_literals;

// Records what the lifecycle asks of it; the test plays the execution's reports.
class FakeExecutor final : public execution::TrainingExecutor {
 public:
  struct Execution final : execution::TrainingExecution {
    Execution(FakeExecutor& owner, execution::TrainingReports& reports, double resume_from)
        : owner(owner), reports(reports), resume_from(resume_from) {}
    ~Execution() override { owner.live = nullptr; }
    double stop() override {
      ++owner.stops;
      return 0.5;
    }
    FakeExecutor& owner;
    execution::TrainingReports& reports;
    double resume_from;
  };

  std::unique_ptr<execution::TrainingExecution> start(const execution::TrainingTask& task,
                                                      execution::TrainingReports& reports) override {
    starts.push_back(task.resume_from);
    auto execution = std::make_unique<Execution>(*this, reports, task.resume_from);
    live = execution.get();
    return execution;
  }

  Execution* live = nullptr;
  std::vector<double> starts;  // resume_from of each start
  int stops = 0;
};

struct Fixture : test_support::RegionSupply {
  Fixture() : RegionSupply({"us-east-1a"}, 4) {}

  sim::Simulator simulator;
  timeline::Timeline timeline;
  store::Stores stores;
  FakeExecutor executor;
  TrainingLifecycle lifecycle{simulator, timeline,
                              stores,    [this](const std::string&) { return supply(); },
                              executor,  capacity_model::RetryPolicy{},
                              1};
  const model::Scope scope = test_support::kScope;

  model::TrainingJob& launch(std::string name, CapacityType capacity_type = CapacityType::OnDemand) {
    LaunchRequest request;
    request.scope = scope;
    request.job.name = std::move(name);
    request.job.tuning_job_name = "tune";
    auto spec = std::make_shared<model::TrainingJobSpec>();
    spec->objective_metric = "loss";
    spec->max_runtime_in_seconds = 3600;
    request.job.spec = std::move(spec);
    request.plan.candidates = {{"ml.m5.xlarge", 1, 10}};
    request.plan.capacity_type = capacity_type;
    request.plan.checkpointing = true;
    request.plan.max_wait_time_in_seconds = 7200;
    return lifecycle.launch(std::move(request));
  }
  // Runs until the job reaches `status`; false when it never does.
  bool run_to(const model::TrainingJob& job, SecondaryStatus status) {
    for (int i = 0; i < 1000 && job.secondary_status != status; ++i) {
      if (!simulator.step()) return false;
    }
    return job.secondary_status == status;
  }
  int in_use() const { return pool.usage_of("ml.m5.xlarge", "us-east-1a", CapacityType::OnDemand)->in_use; }
};

TEST(TrainingRun, TrainsWhatTheExecutorReportsAndHoldsInstancesUntilTheEnd) {
  Fixture f;
  auto& job = f.launch("ok");
  ASSERT_TRUE(f.run_to(job, SecondaryStatus::Training));
  ASSERT_NE(f.executor.live, nullptr);
  EXPECT_EQ(f.in_use(), 1);
  f.executor.live->reports.on_metric("loss", 0.5, 1);
  f.executor.live->reports.on_metric("loss", 0.25, 2);
  f.executor.live->reports.on_end({});
  EXPECT_EQ(job.secondary_status, SecondaryStatus::Uploading);
  EXPECT_EQ(f.executor.live, nullptr) << "an execution that ended is let go";
  f.simulator.run_until(1h);
  EXPECT_EQ(job.status, TrainingJobStatus::Completed);
  ASSERT_EQ(job.final_metrics.size(), 1u);
  EXPECT_EQ(job.final_metrics[0].value, 0.25) << "the last value reported";
  EXPECT_EQ(job.final_metrics[0].timestamp, *job.training_end_time);
  EXPECT_EQ(job.objective_status, model::ObjectiveStatus::Succeeded);
  EXPECT_EQ(job.objective_value, 0.25);
  EXPECT_EQ(f.in_use(), 0);
  EXPECT_FALSE(f.lifecycle.busy());
  EXPECT_EQ(f.simulator.pending(), 0u) << "an ended job leaves no event behind";
}

TEST(TrainingRun, AFailedExecutionFailsTheJobWithItsReasonAndGivesTheInstancesBack) {
  Fixture f;
  auto& job = f.launch("broken");
  ASSERT_TRUE(f.run_to(job, SecondaryStatus::Training));
  f.simulator.run_until(f.simulator.now() + 90s);
  f.executor.live->reports.on_metric("loss", 0.7, 1);
  f.executor.live->reports.on_end({false, "AlgorithmError: boom, exit code: 1"});
  EXPECT_EQ(job.status, TrainingJobStatus::Failed);
  ASSERT_EQ(job.final_metrics.size(), 1u) << "what it printed before failing stays (§3.3)";
  EXPECT_EQ(job.objective_status, model::ObjectiveStatus::Failed) << "a failed job has no objective (§3.2)";
  EXPECT_EQ(job.failure_reason, "AlgorithmError: boom, exit code: 1");
  EXPECT_EQ(job.secondary_status, SecondaryStatus::Failed);
  EXPECT_EQ(f.in_use(), 0);
  ASSERT_TRUE(job.billable_time_in_seconds);
  EXPECT_GE(*job.billable_time_in_seconds, 90);
  EXPECT_EQ(f.simulator.pending(), 0u);
}

TEST(TrainingRun, AStopInAnyPhaseEndsStoppedAndStopsARunningExecution) {
  for (auto phase : {SecondaryStatus::Starting, SecondaryStatus::Downloading, SecondaryStatus::Training}) {
    Fixture f;
    auto& job = f.launch("stop-me");
    ASSERT_TRUE(f.run_to(job, phase)) << model::to_string(phase);
    ASSERT_TRUE(f.lifecycle.stop(f.scope, "stop-me"));
    EXPECT_EQ(job.status, TrainingJobStatus::Stopping);
    EXPECT_FALSE(f.lifecycle.stop(f.scope, "stop-me")) << "only a job in progress can be stopped";
    f.simulator.run_until(f.simulator.now() + 1min);
    EXPECT_EQ(job.status, TrainingJobStatus::Stopped) << model::to_string(phase);
    EXPECT_EQ(job.objective_status, model::ObjectiveStatus::Failed);
    EXPECT_EQ(f.executor.stops, phase == SecondaryStatus::Training ? 1 : 0) << model::to_string(phase);
    EXPECT_EQ(f.in_use(), 0) << model::to_string(phase);
    EXPECT_EQ(f.simulator.pending(), 0u) << model::to_string(phase);
  }
}

// §3.3: FinalMetricDataList once metrics exist, whatever ends the job; §3.2/§3.7: a tuning
// child that emitted its objective has it, as its latest value, and counts as Succeeded.
TEST(TrainingRun, AStoppedJobKeepsTheLastValueOfEveryMetricItReported) {
  for (const bool by_limit : {false, true}) {
    Fixture f;
    auto& job = f.launch("stopped");
    ASSERT_TRUE(f.run_to(job, SecondaryStatus::Training));
    auto& reports = f.executor.live->reports;
    reports.on_metric("loss", 0.8, 1);
    reports.on_metric("accuracy", 0.7, 1);
    reports.on_metric("loss", 0.5, 2);
    if (by_limit) {
      f.simulator.run_until(2h);
      EXPECT_EQ(job.secondary_status, SecondaryStatus::MaxRuntimeExceeded);
    } else {
      ASSERT_TRUE(f.lifecycle.stop(f.scope, "stopped"));
      f.simulator.run_until(f.simulator.now() + 1min);
    }
    ASSERT_EQ(job.status, TrainingJobStatus::Stopped);
    ASSERT_EQ(job.final_metrics.size(), 2u) << by_limit;
    EXPECT_EQ(job.final_metrics[0].metric_name, "accuracy");
    EXPECT_EQ(job.final_metrics[0].value, double(0.7f)) << "stored as float32, as SageMaker does";
    EXPECT_EQ(job.final_metrics[1].metric_name, "loss");
    EXPECT_EQ(job.final_metrics[1].value, 0.5);
    EXPECT_EQ(job.final_metrics[1].timestamp, *job.training_end_time);
    EXPECT_EQ(job.objective_status, model::ObjectiveStatus::Succeeded) << by_limit;
    EXPECT_EQ(job.objective_value, 0.5);
  }
}

TEST(TrainingRun, TheRuntimeLimitStopsAnExecutionThatNeverEnds) {
  Fixture f;
  auto& job = f.launch("forever");
  f.simulator.run_until(2h);
  EXPECT_EQ(job.status, TrainingJobStatus::Stopped);
  EXPECT_EQ(job.secondary_status, SecondaryStatus::MaxRuntimeExceeded);
  EXPECT_EQ(f.executor.stops, 1);
  EXPECT_EQ(*job.training_time_in_seconds, 3600 + 15);  // the limit, then the stop's grace
}

TEST(TrainingRun, ATunerMayStopAJobOnItsReportsAndKeepsTheLastValue) {
  Fixture f;
  std::vector<std::pair<int, double>> heard;
  f.lifecycle.on_progress([&](const model::Scope&, const model::TrainingJob&, int epoch, double value) {
    heard.emplace_back(epoch, value);
    return epoch < 3;
  });
  auto& job = f.launch("early");
  ASSERT_TRUE(f.run_to(job, SecondaryStatus::Training));
  auto& reports = f.executor.live->reports;
  reports.on_metric("accuracy", 0.9, 1);  // not the objective: not heard
  reports.on_metric("loss", 0.8, 1);
  reports.on_metric("loss", 0.6, 3);
  EXPECT_EQ(heard, (std::vector<std::pair<int, double>>{{1, 0.8}, {3, 0.6}}));
  EXPECT_EQ(job.status, TrainingJobStatus::Stopping);
  EXPECT_EQ(f.executor.stops, 1);
  f.simulator.run_until(f.simulator.now() + 1min);
  EXPECT_EQ(job.status, TrainingJobStatus::Stopped);
  EXPECT_EQ(job.objective_status, model::ObjectiveStatus::Succeeded);
  EXPECT_EQ(job.objective_value, double(0.6f)) << "the last value, as SageMaker stores it (float32)";
  EXPECT_EQ(job.final_metrics.size(), 2u) << "and every other metric's last value";
}

TEST(TrainingRun, ASpotInterruptionRestartsTheExecutionFromItsCheckpoint) {
  Fixture f;
  f.spot = capacity_model::SpotInterruptions([] {
    capacity_model::SpotSettings settings;
    settings.instance_types["ml.m5.xlarge"] = {std::nullopt, 2.0};  // two interruptions an hour
    return settings;
  }());
  auto& job = f.launch("spot", CapacityType::Spot);
  f.simulator.run_until(30h);
  const auto& starts = f.executor.starts;
  ASSERT_GE(starts.size(), 2u) << "interrupted at least once while training";
  EXPECT_EQ(starts[0], 0.0);
  EXPECT_NE(std::find(starts.begin() + 1, starts.end(), 0.5), starts.end())
      << "resumed where the interrupted execution said it was";
  bool interrupted = false;
  for (const auto& t : job.transitions) interrupted = interrupted || t.status == SecondaryStatus::Interrupted;
  EXPECT_TRUE(interrupted);
}

}  // namespace
}  // namespace emulator::training

namespace emulator::training {
namespace {

TEST(TrainingRun, EveryChangeAnAnswerShowsGivesTheRecordANewVersion) {
  Fixture f;
  auto& job = f.launch("versioned");
  std::set<std::uint64_t> seen{job.version};
  ASSERT_NE(job.version, 0u);
  for (auto phase : {SecondaryStatus::Downloading, SecondaryStatus::Training}) {
    ASSERT_TRUE(f.run_to(job, phase));
    EXPECT_TRUE(seen.insert(job.version).second) << model::to_string(phase);
  }
  f.executor.live->reports.on_end({});
  EXPECT_TRUE(seen.insert(job.version).second) << "uploading";
  ASSERT_TRUE(f.run_to(job, SecondaryStatus::Completed));
  EXPECT_TRUE(seen.insert(job.version).second) << "completed";
}

}  // namespace
}  // namespace emulator::training
