#include "api/metrics/metrics_api.h"

#include "api/metrics/prometheus_text.h"

namespace api::metrics {

server::HttpResponse MetricsApi::handle(const server::HttpRequest& request) const {
  server::HttpResponse response;
  if (request.method != "GET" && request.method != "HEAD") {
    response.status = 405;
    response.headers.emplace_back("Allow", "GET");
    response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    response.body = "Use GET.\n";
    return response;
  }
  PrometheusText out;
  out.family("amt_emulator_api_calls_total", "counter",
             "AWS API calls answered (SageMaker, STS), by operation and HTTP status.");
  for (const auto& [key, count] : calls_) {
    out.sample("amt_emulator_api_calls_total", {{"operation", key.first}, {"status", std::to_string(key.second)}},
               count);
  }
  const auto jobs = control_.job_counts();
  out.family("amt_emulator_tuning_jobs", "gauge", "Hyperparameter tuning jobs by status, over every account and region.");
  for (const auto& [status, count] : jobs.tuning_jobs) out.sample("amt_emulator_tuning_jobs", {{"status", status}}, count);
  out.family("amt_emulator_training_jobs", "gauge", "Training jobs by status, over every account and region.");
  for (const auto& [status, count] : jobs.training_jobs) {
    out.sample("amt_emulator_training_jobs", {{"status", status}}, count);
  }
  out.family("amt_emulator_timeline_events_total", "counter",
             "Decisions on the timeline by type (ice, fell-back, granted, interrupted, ...).");
  for (const auto& [type, count] : control_.events_by_type()) {
    out.sample("amt_emulator_timeline_events_total", {{"type", type}}, double(count));
  }
  const auto timeline = control_.timeline_stats();
  out.family("amt_emulator_timeline_events", "gauge", "Events the timeline holds now (at most --max-events).");
  out.sample("amt_emulator_timeline_events", {}, double(timeline.events));
  out.family("amt_emulator_timeline_events_dropped_total", "counter",
             "The oldest events dropped to keep the timeline within --max-events.");
  out.sample("amt_emulator_timeline_events_dropped_total", {}, double(timeline.dropped));
  if (server_ != nullptr) {
    out.family("amt_emulator_http_connections", "gauge", "HTTP connections open now.");
    out.sample("amt_emulator_http_connections", {}, double(server_->open_connections()));
    out.family("amt_emulator_http_connections_evicted_total", "counter",
               "Idle connections closed to make room for a new one at the connection limit.");
    out.sample("amt_emulator_http_connections_evicted_total", {}, double(server_->evicted_connections()));
    out.family("amt_emulator_http_connections_refused_total", "counter",
               "New connections closed at the limit because every open one was busy.");
    out.sample("amt_emulator_http_connections_refused_total", {}, double(server_->refused_connections()));
  }
  const auto pools = control_.capacity(std::nullopt, std::nullopt);
  for (const auto& [name, help, member] :
       {std::tuple{"amt_emulator_pool_capacity_instances", "On-demand instances in the pool.", 0},
        std::tuple{"amt_emulator_pool_in_use_instances", "On-demand instances held by the emulator's jobs.", 1},
        std::tuple{"amt_emulator_pool_available_instances",
                   "On-demand instances free for a new cluster (capacity - in use - other tenants' demand).", 2}}) {
    out.family(name, "gauge", help);
    for (const auto& row : pools) {
      const auto& u = row.usage;
      const int value = member == 0 ? u.capacity : member == 1 ? u.in_use : u.available;
      out.sample(name, {{"region", row.region}, {"instance_type", u.instance_type}, {"availability_zone", u.zone}},
                 value);
    }
  }
  out.family("amt_emulator_virtual_time_seconds", "gauge", "Virtual time since the start of the run.");
  out.sample("amt_emulator_virtual_time_seconds", {}, double(control_.now().count()) / 1000.0);

  response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.body = out.text();  // the session sends none for HEAD
  return response;
}

}  // namespace api::metrics
