#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "api/object_store/object_store.h"
#include "api/training/image_map.h"
#include "api/training/run_command.h"
#include "api/training/training_process.h"
#include "emulator/execution/training_executor.h"
#include "emulator/sim/simulator.h"

namespace api::training {

// How real processes meet virtual time (api::ClockDriver, through main.cc).
struct TrainingClock {
  std::function<emulator::sim::SimTime()> report_time;  // the virtual instant of "just now"
  std::function<void(bool started)> hold;               // a process started or ended
  std::function<void()> wake;                           // a report was scheduled: run what is due
};

struct LocalTrainingConfig {
  std::filesystem::path work_dir;  // job folders (<work>/jobs/<job>) and logs (<work>/logs/<job>.log)
  std::filesystem::path s3_dir;
  ImageMap image_map;
  std::size_t max_local_jobs = 1;
  bool keep_job_dirs = false;  // keep the folders of failed jobs
  CommandSettings command;
  ProcessSupervisor::Limits limits;
};

// --training local: a job whose TrainingImage the image map names, or that is in script mode
// (sagemaker_program), runs for real once the lifecycle has granted its instances; any other
// job is the simulated executor's. A run prepares the job folder, starts the process (at most
// max_local_jobs at once; the others wait, in Training as if slow), turns its output into the
// job's log and metric reports, and at its end packs model/ and output/data/ into the S3 store,
// mirrors the checkpoints, and reports success or the failure SageMaker would show. Reports
// reach the lifecycle as simulator events at the virtual time the clock gives "now".
class LocalExecutor final : public emulator::execution::TrainingExecutor {
 public:
  LocalExecutor(boost::asio::io_context& io, const LocalTrainingConfig& config, emulator::sim::Simulator& simulator,
                TrainingClock clock, std::unique_ptr<emulator::execution::TrainingExecutor> simulated);
  ~LocalExecutor() override;

  std::unique_ptr<emulator::execution::TrainingExecution> start(const emulator::execution::TrainingTask& task,
                                                                emulator::execution::TrainingReports& reports) override;
  // The emulator is stopping (SIGTERM, SIGINT): every process is killed now, none reports.
  void shut_down() { supervisor_.shut_down(); }

 private:
  struct Run;
  class Handle;
  using RunId = std::uint64_t;

  void launch(RunId id);
  void launch_waiting();
  void on_line(RunId id, std::string_view line);
  void keep_detached_line(Run& run, std::string_view line);
  void on_exit(RunId id, const ProcessExit& exit);
  void begin_stop(RunId id);
  void detach(RunId id);
  // Schedules a report at "now"; the `last` one (the run's end) also forgets the run.
  void deliver(RunId id, std::function<void(emulator::execution::TrainingReports&)> report, bool last = false);
  emulator::execution::ExecutionOutcome outcome_of(Run& run, const ProcessExit& exit);
  capacity_model::Status<std::string> pack_artifacts(const Run& run);
  void finish_files(Run& run, bool failed);

  const LocalTrainingConfig& config_;
  emulator::sim::Simulator& simulator_;
  TrainingClock clock_;
  std::unique_ptr<emulator::execution::TrainingExecutor> simulated_;
  object_store::ObjectStore store_;
  ProcessSupervisor supervisor_;
  std::map<RunId, std::unique_ptr<Run>> runs_;
  std::deque<RunId> waiting_;
  std::size_t running_ = 0;
  RunId next_id_ = 1;
};

}  // namespace api::training
