#include "emulator/training_log_streams.h"

#include <algorithm>

#include "emulator/telemetry/printed_output.h"

namespace emulator {

// Stream names begin with their job's name: a prefix naming a whole job (the SDK's `<job>/`)
// looks at that job alone; any other prefix walks the jobs whose names start with it.
template <typename Visit>
void TrainingLogGroup::for_each_job(std::string_view prefix, Visit visit) const {
  if (const auto slash = prefix.find('/'); slash != std::string_view::npos) {
    if (const auto* job = jobs.find_training_job(prefix.substr(0, slash))) visit(*job);
    return;
  }
  jobs.sorted_training_jobs().walk(store::ListOrder::Name, false, std::nullopt, std::nullopt,
                                   [&](const model::TrainingJob& job) {
                                     if (job.name.compare(0, prefix.size(), prefix) == 0) visit(job);
                                     return true;
                                   });
}

bool TrainingLogGroup::exists() const {
  bool found = false;
  jobs.sorted_training_jobs().walk(store::ListOrder::Name, false, std::nullopt, std::nullopt,
                                   [&](const model::TrainingJob& job) { return !(found = job.output != nullptr); });
  return found;
}

std::optional<std::int64_t> TrainingLogGroup::creation_time() const {
  std::optional<std::int64_t> first;
  for_each_job("", [&](const model::TrainingJob& job) {
    if (!job.output) return;
    const auto at = wall_ms(job.output->first_printed);
    if (!first || at < *first) first = at;
  });
  return first;
}

std::vector<LogStreamView> TrainingLogGroup::streams(std::string_view prefix) const {
  std::vector<LogStreamView> out;
  for_each_job(prefix, [&](const model::TrainingJob& job) {
    for (int host = 1; host <= telemetry::hosts_with_output(job); ++host) {
      auto name = telemetry::stream_name(job, host, epoch_ms);
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      LogStreamView view{std::move(name), wall_ms(job.output->first_printed), {}, {}, {}};
      if (const auto span = telemetry::printed_span(job, host, now)) {
        view.first_event_timestamp = wall_ms(span->first);
        view.last_event_timestamp = wall_ms(span->second);
        view.last_ingestion_time = view.last_event_timestamp;
      }
      out.push_back(std::move(view));
    }
  });
  std::sort(out.begin(), out.end(), [](const LogStreamView& a, const LogStreamView& b) { return a.name < b.name; });
  return out;
}

std::optional<std::vector<telemetry::LogEvent>> TrainingLogGroup::events(std::string_view stream) const {
  const auto slash = stream.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto* job = jobs.find_training_job(stream.substr(0, slash));
  if (job == nullptr) return std::nullopt;
  const auto host = telemetry::host_of_stream(*job, stream, epoch_ms);
  if (!host) return std::nullopt;
  std::vector<telemetry::LogEvent> events;
  for (auto& line : telemetry::printed_lines(*job, *host, now)) {
    events.push_back({wall_ms(line.at), wall_ms(line.at), std::move(line.text)});
  }
  return events;
}

}  // namespace emulator
