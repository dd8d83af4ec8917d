#include "api/training/local_executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <tuple>

#include "api/sagemaker/codec/tuning_request_codec.h"
#include "api/training/archive.h"
#include "api/training/job_folder.h"
#include "emulator/model/training_messages.h"
#include "emulator/model/training_output.h"
#include "emulator/telemetry/metric_scanner.h"

namespace api::training {

namespace fs = std::filesystem;
using emulator::execution::ExecutionOutcome;
using emulator::execution::TrainingExecution;
using emulator::execution::TrainingReports;
using emulator::execution::TrainingTask;
using emulator::telemetry::escape_like_cloudwatch;
using emulator::telemetry::MetricDataPoint;
using emulator::telemetry::MetricScanner;

namespace {
constexpr std::size_t kMaxFailureReason = 1024;  // FailureReason's limit in the service model
}  // namespace

// One run of one job: from its start (perhaps waiting for a process slot) to its process's end.
struct LocalExecutor::Run {
  Run(RunContext c, RunPlan p, TrainingReports& r) : context(std::move(c)), plan(p), reports(&r) {}

  RunContext context;
  RunPlan plan;
  JobPaths local;
  std::string model_artifacts;
  bool compressed_output = true;
  std::string objective_metric;
  std::optional<MetricScanner> scanner;  // none when a regex would not compile
  std::map<std::string, int> reported;   // data points per metric so far: the epoch of the next
  std::ofstream log;
  // The job's printed lines, which outlive the run: what a detached run's process prints (a
  // spot-interrupted one saving its model) still reaches the job's log stream.
  std::shared_ptr<emulator::model::TrainingOutput> printed;
  TrainingReports* reports = nullptr;  // null once detached: the lifecycle wants no further report
  std::optional<ProcessSupervisor::Id> process;
  bool waiting = true;                                  // for a process slot
  bool stopping = false;                                // stop() was called: only on_stopped() is still to come
  std::vector<emulator::sim::EventHandle> reports_due;  // cancelled with the run
};

// What the lifecycle holds: destroying it (or stop()) detaches the run.
class LocalExecutor::Handle final : public TrainingExecution {
 public:
  Handle(LocalExecutor& owner, RunId id) : owner_(owner), id_(id) {}
  ~Handle() override { owner_.detach(id_); }
  double stop() override {
    owner_.begin_stop(id_);
    return 0;  // how far it got is in its checkpoints, not in a share the emulator could know
  }
  bool stop_takes_time() const override { return true; }

 private:
  LocalExecutor& owner_;
  RunId id_;
};

LocalExecutor::LocalExecutor(boost::asio::io_context& io, const LocalTrainingConfig& config,
                             emulator::sim::Simulator& simulator, TrainingClock clock,
                             std::unique_ptr<emulator::execution::TrainingExecutor> simulated)
    : config_(config),
      simulator_(simulator),
      clock_(std::move(clock)),
      simulated_(std::move(simulated)),
      store_(config.s3_dir),
      supervisor_(io, config.limits) {}

LocalExecutor::~LocalExecutor() = default;  // the supervisor kills what still runs

std::unique_ptr<TrainingExecution> LocalExecutor::start(const TrainingTask& task, TrainingReports& reports) {
  const auto& job = task.job;
  auto definition = read_job_definition(sagemaker::codec::training_description(job));
  if (!definition) return simulated_->start(task, reports);
  RunContext context{job.name,
                     emulator::model::training_job_arn(task.scope, job.name),
                     task.scope.region,
                     job.resource.instance_type,
                     job.hyper_parameters(),
                     std::move(*definition),
                     {}};
  context.toolkit = render_for_toolkit(context.hyperparameters);
  const auto plan = plan_for(context, config_.image_map);
  if (!plan) return simulated_->start(task, reports);
  // The same definitions the simulated executor reads its lines with (a built-in algorithm's
  // own included).
  auto scanner = MetricScanner::make(job.spec->metric_definitions);
  const RunId id = next_id_++;
  if (!scanner) {
    // The API accepted the regex and Boost.Regex did not: the job fails as an algorithm error would.
    auto& run = *runs_.emplace(id, std::make_unique<Run>(std::move(context), *plan, reports)).first->second;
    run.waiting = false;
    deliver(
        id,
        [reason = "AlgorithmError: " + scanner.error() + ", exit code: 1"](TrainingReports& r) {
          r.on_end({false, reason});
        },
        true);
    return std::make_unique<Handle>(*this, id);
  }
  auto run = std::make_unique<Run>(std::move(context), *plan, reports);
  run->scanner.emplace(std::move(*scanner));
  run->model_artifacts = job.model_artifacts();
  run->compressed_output = job.spec->compressed_output;
  run->printed = job.output;
  run->local.base = config_.work_dir / "jobs" / job.name;
  run->local.checkpoint_dir = run->local.base / "checkpoints";
  if (const auto* objective = job.hyper_parameter(emulator::model::kTuningObjectiveKey)) {
    run->objective_metric = *objective;
  }
  runs_.emplace(id, std::move(run));
  waiting_.push_back(id);
  launch_waiting();
  return std::make_unique<Handle>(*this, id);
}

void LocalExecutor::launch_waiting() {
  // A job whose previous run is still being terminated (a spot restart) waits for it: both
  // would use the same folder, and the new run must find the old one's checkpoints.
  const auto busy = [this](RunId id) {
    const auto& name = runs_.at(id)->context.job_name;
    return std::any_of(runs_.begin(), runs_.end(),
                       [&](const auto& r) { return r.second->process && r.second->context.job_name == name; });
  };
  for (auto it = waiting_.begin(); running_ < config_.max_local_jobs && it != waiting_.end();) {
    if (busy(*it)) {
      ++it;
      continue;
    }
    const auto id = *it;
    it = waiting_.erase(it);
    launch(id);
  }
}

void LocalExecutor::launch(RunId id) {
  auto& run = *runs_.at(id);
  run.waiting = false;
  const auto inside = seen_as(run.plan, run.local, run.context);
  auto prepared = prepare_job_folder(run.local, inside, run.context, store_);
  std::optional<ProcessSupervisor::Id> process;
  std::string failure;  // FailureReason as SageMaker words it
  if (prepared) {
    std::error_code ignored;  // without the folder the log is lost, not the job
    fs::create_directories(config_.work_dir / "logs", ignored);
    run.log.open(config_.work_dir / "logs" / (run.context.job_name + ".log"), std::ios::app);
    auto spawned = supervisor_.spawn(
        command_for(run.plan, run.context, run.local, config_.command),
        [this, id](std::string_view line) { on_line(id, line); },
        [this, id](const ProcessExit& exit) { on_exit(id, exit); });
    if (spawned) process = *spawned;
    if (!spawned) failure = "AlgorithmError: " + spawned.error() + ", exit code: 127";
  } else {
    // The platform's own download failures are ClientErrors; the rest (no source to unpack, a
    // folder that cannot be written) would have failed the toolkit inside the container.
    const auto& error = prepared.error();
    failure = error.starts_with("ClientError:") ? error : "AlgorithmError: " + error + ", exit code: 1";
  }
  if (!process) {
    spdlog::warn("training job {}: {}", run.context.job_name, failure);
    finish_files(run, true);
    deliver(
        id, [reason = failure.substr(0, kMaxFailureReason)](TrainingReports& r) { r.on_end({false, reason}); }, true);
    return;
  }
  run.process = process;
  ++running_;
  clock_.hold(true);
  spdlog::info("training job {}: process started in {}", run.context.job_name, run.local.base.string());
}

void LocalExecutor::on_line(RunId id, std::string_view line) {
  const auto it = runs_.find(id);
  if (it == runs_.end()) return;
  auto& run = *it->second;
  run.log << line << '\n';
  if (run.reports == nullptr) return keep_detached_line(run, line);
  auto points = run.stopping ? std::vector<MetricDataPoint>{} : run.scanner->scan(line);
  // One report per line, the objective last: if it stops the job, the line's other values
  // are already heard (an early-stopped job's final metrics hold them all).
  std::stable_partition(points.begin(), points.end(),
                        [&](const MetricDataPoint& p) { return p.name != run.objective_metric; });
  std::vector<std::tuple<std::string, double, int>> reports;
  for (auto& point : points) {
    // As SageMaker stores a metric value: a float32.
    reports.emplace_back(std::move(point.name), double(float(point.value)), ++run.reported[point.name]);
  }
  // The line first, then its values: CloudWatch has the line a metric was read from. A job
  // stopped since hears no more values, but its log still gets every line to the end.
  deliver(id, [this, id, line = escape_like_cloudwatch(line), reports = std::move(reports)](TrainingReports& r) {
    r.on_log(line);
    if (runs_.at(id)->stopping) return;
    for (const auto& [name, value, epoch] : reports) r.on_metric(name, value, epoch);
  });
}

void LocalExecutor::keep_detached_line(Run& run, std::string_view line) {
  if (!run.printed || run.printed->lines.size() >= emulator::model::TrainingOutput::kMaxKeptLines) return;
  run.printed->lines.push_back({clock_.report_time(), escape_like_cloudwatch(line)});
}

void LocalExecutor::on_exit(RunId id, const ProcessExit& exit) {
  --running_;
  clock_.hold(false);
  const auto it = runs_.find(id);
  if (it != runs_.end()) {
    auto& run = *it->second;
    run.process.reset();
    run.log.close();
    if (run.reports == nullptr || run.stopping) {
      // A stopped job still uploads its model (SageMaker's SIGTERM grace is there to save it)
      // and its checkpoints; an interrupted run's are overwritten by the next.
      if (auto packed = pack_artifacts(run); !packed) {
        spdlog::warn("training job {}: {}", run.context.job_name, packed.error());
      }
      finish_files(run, false);
      if (run.reports == nullptr) {
        runs_.erase(it);
      } else {
        deliver(
            id, [](TrainingReports& r) { r.on_stopped(); }, true);
      }
    } else {
      auto outcome = outcome_of(run, exit);
      finish_files(run, !outcome.succeeded);
      spdlog::info("training job {}: process ended, {}", run.context.job_name,
                   outcome.succeeded ? "succeeded" : outcome.failure_reason);
      deliver(
          id, [outcome = std::move(outcome)](TrainingReports& r) { r.on_end(outcome); }, true);
    }
  }
  launch_waiting();
}

void LocalExecutor::deliver(RunId id, std::function<void(TrainingReports&)> report, bool last) {
  auto& due = runs_.at(id)->reports_due;
  std::erase_if(due, [](const emulator::sim::EventHandle& h) { return !h.pending(); });
  due.push_back(simulator_.schedule_at(clock_.report_time(), [this, id, last, report = std::move(report)] {
    const auto it = runs_.find(id);
    if (it == runs_.end() || it->second->reports == nullptr) return;
    report(*it->second->reports);  // may stop the job, which detaches (and may erase) the run
    if (last) runs_.erase(id);
  }));
  clock_.wake();
}

void LocalExecutor::begin_stop(RunId id) {
  const auto it = runs_.find(id);
  if (it == runs_.end() || it->second->reports == nullptr || it->second->stopping) return;
  auto& run = *it->second;
  run.stopping = true;  // reports not yet delivered keep their lines and lose their values
  if (run.process) return supervisor_.terminate(*run.process);  // on_exit reports on_stopped()
  if (run.waiting) std::erase(waiting_, id);
  run.waiting = false;
  deliver(
      id, [](TrainingReports& r) { r.on_stopped(); }, true);  // it never started
}

void LocalExecutor::detach(RunId id) {
  const auto it = runs_.find(id);
  if (it == runs_.end()) return;
  auto& run = *it->second;
  if (run.reports == nullptr) return;  // stop(), then the handle's destruction
  run.reports = nullptr;
  if (run.process) return supervisor_.terminate(*run.process);  // on_exit cleans up
  if (run.waiting) std::erase(waiting_, id);
  runs_.erase(it);
}

ExecutionOutcome LocalExecutor::outcome_of(Run& run, const ProcessExit& exit) {
  const int code = exit.exit_code.value_or(128 + exit.signal.value_or(0));
  if (code != 0) {
    std::ifstream in(run.local.failure(), std::ios::binary);
    std::string text(kMaxFailureReason, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in ? text.size() : in.gcount()));
    auto reason = "AlgorithmError: " + text + ", exit code: " + std::to_string(code);
    if (reason.size() > kMaxFailureReason) reason.resize(kMaxFailureReason);
    return {false, std::move(reason)};
  }
  if (auto packed = pack_artifacts(run); !packed) return {false, "ClientError: " + packed.error()};
  return {};
}

capacity_model::Status<std::string> LocalExecutor::pack_artifacts(const Run& run) {
  // Under <S3OutputPath>/<job>/output/: model/ as model.tar.gz, output/data/ (unless empty) as
  // output.tar.gz; with CompressionType NONE their files as they are, under model/ and data/.
  struct Output {
    fs::path dir;
    std::string archive;
    std::string prefix;
    bool skip_when_empty;
  };
  auto model = object_store::ObjectStore::parse_s3_uri(run.model_artifacts);
  if (!model) return model.error();
  std::string_view key = model->key;
  if (key.ends_with('/')) key.remove_suffix(1);  // the uncompressed model's prefix
  const auto folder = std::string(key.substr(0, key.rfind('/') + 1));
  const Output outputs[] = {{run.local.model(), "model.tar.gz", "model/", false},
                            {run.local.output_data(), "output.tar.gz", "data/", true}};
  for (const auto& out : outputs) {
    std::error_code error;  // a script may remove its own folders: nothing to pack then
    if (out.skip_when_empty && (!fs::exists(out.dir, error) || fs::is_empty(out.dir, error))) continue;
    if (!fs::exists(out.dir, error)) fs::create_directories(out.dir, error);
    if (!run.compressed_output) {
      const auto uploaded = store_.upload_folder(out.dir, "s3://" + model->bucket + "/" + folder + out.prefix);
      if (!uploaded) return uploaded.error();
      continue;
    }
    const auto archive = run.local.base / out.archive;
    if (auto packed = pack_tar_gz(out.dir, archive); !packed) return packed;
    if (auto put = store_.put_file(model->bucket, folder + out.archive, archive); !put) return put;
  }
  return capacity_model::Done{};
}

void LocalExecutor::finish_files(Run& run, bool failed) {
  const auto& checkpoints = run.context.definition.checkpoint_s3_uri;
  std::error_code error;
  if (checkpoints && fs::exists(run.local.checkpoint_dir, error)) {
    if (auto synced = store_.upload_folder(run.local.checkpoint_dir, *checkpoints); !synced) {
      spdlog::warn("training job {}: checkpoints: {}", run.context.job_name, synced.error());
    }
  }
  if (failed && config_.keep_job_dirs) return;
  std::error_code ignored;
  fs::remove_all(run.local.base, ignored);
}

}  // namespace api::training
