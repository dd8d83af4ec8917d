#include "api/what_if/report_json.h"

#include <nlohmann/json.hpp>

#include "emulator/what_if/summary.h"

namespace api::what_if {
namespace {

using Json = nlohmann::ordered_json;
using emulator::what_if::Distribution;
using emulator::what_if::Report;
using emulator::what_if::RunRecord;
using emulator::what_if::Section;

constexpr std::string_view kFormat = "amt-emulator-what-if/1";

Json counts(const std::map<std::string, int>& by_type) {
  Json object = Json::object();
  for (const auto& [type, count] : by_type) object[type] = count;
  return object;
}

Json distribution(const Distribution& d) {
  return {{"min", d.min}, {"p50", d.p50}, {"p90", d.p90}, {"p99", d.p99}, {"max", d.max}, {"mean", d.mean}};
}

Json run_json(const RunRecord& run) {
  return {{"seed", run.seed},
          {"status", run.status},
          {"failureReason", run.failure_reason},
          {"durationSeconds", run.duration_seconds},
          {"cost", run.cost},
          {"children", run.children},
          {"failedChildren", run.failed_children},
          {"bestObjective", run.best_objective ? Json(*run.best_objective) : Json(nullptr)},
          {"childrenByType", counts(run.children_by_type)},
          {"iceAnswers", run.ice_answers()},
          {"iceByType", counts(run.ice_by_type)},
          {"fallbacks", run.fallbacks()},
          {"fallbacksByType", counts(run.fallbacks_by_type)}};
}

Json summary_json(const std::vector<RunRecord>& runs) {
  const auto s = emulator::what_if::summarize(runs);
  Json shares = Json::object();
  for (const auto& [type, share] : s.child_share_by_type) shares[type] = share;
  return {{"runs", s.runs},
          {"completed", s.completed},
          {"completionProbability",
           {{"rate", s.completion.rate}, {"low95", s.completion.low}, {"high95", s.completion.high}}},
          {"outcomes", counts(s.outcomes)},
          {"durationSeconds", distribution(s.duration_seconds)},
          {"cost", distribution(s.cost)},
          {"bestObjective", s.best_objective ? distribution(*s.best_objective) : Json(nullptr)},
          {"children", s.children},
          {"failedChildren", s.failed_children},
          {"iceAnswers", s.ice_answers},
          {"iceByType", counts(s.ice_by_type)},
          {"fallbacksByType", counts(s.fallbacks_by_type)},
          {"childrenByType", counts(s.children_by_type)},
          {"childShareByType", shares}};
}

std::map<std::string, int> counts_of(const Json& object) {
  std::map<std::string, int> by_type;
  for (const auto& [type, count] : object.items()) by_type[type] = count.get<int>();
  return by_type;
}

RunRecord run_of(const Json& j) {
  RunRecord run;
  run.seed = j.at("seed").get<std::uint64_t>();
  run.status = j.at("status").get<std::string>();
  run.failure_reason = j.at("failureReason").get<std::string>();
  run.duration_seconds = j.at("durationSeconds").get<double>();
  run.cost = j.at("cost").get<double>();
  run.children = j.at("children").get<int>();
  run.failed_children = j.at("failedChildren").get<int>();
  if (!j.at("bestObjective").is_null()) run.best_objective = j.at("bestObjective").get<double>();
  run.children_by_type = counts_of(j.at("childrenByType"));
  run.ice_by_type = counts_of(j.at("iceByType"));
  run.fallbacks_by_type = counts_of(j.at("fallbacksByType"));
  return run;
}

Report report_of(const Json& j) {
  Report report;
  report.scenario = j.at("scenario").at("file").get<std::string>();
  report.scenario_fingerprint = j.at("scenario").at("fingerprint").get<std::string>();
  report.seed_base = j.at("seedBase").get<std::uint64_t>();
  report.runs = j.at("runs").get<int>();
  report.shard = {j.at("shard").at("index").get<int>(), j.at("shard").at("count").get<int>()};
  for (const auto& r : j.at("requests")) {
    Section section{r.at("request").get<std::string>(), r.at("fingerprint").get<std::string>(), {}};
    for (const auto& run : r.at("runs")) section.runs.push_back(run_of(run));
    report.sections.push_back(std::move(section));
  }
  return report;
}

}  // namespace

std::string report_json(const Report& report) {
  Json requests = Json::array();
  for (const auto& section : report.sections) {
    Json runs = Json::array();
    for (const auto& run : section.runs) runs.push_back(run_json(run));
    requests.push_back({{"request", section.request},
                        {"fingerprint", section.request_fingerprint},
                        {"summary", summary_json(section.runs)},
                        {"runs", std::move(runs)}});
  }
  const Json document = {{"format", kFormat},
                         {"scenario", {{"file", report.scenario}, {"fingerprint", report.scenario_fingerprint}}},
                         {"seedBase", report.seed_base},
                         {"runs", report.runs},
                         {"shard", {{"index", report.shard.index}, {"count", report.shard.count}}},
                         {"requests", std::move(requests)}};
  return document.dump(2) + "\n";
}

capacity_model::Result<Report, std::string> parse_report_json(std::string_view text) {
  const auto document = Json::parse(text, nullptr, false);
  if (document.is_discarded()) return std::string("not JSON");
  if (!document.is_object() || document.value("format", "") != kFormat) {
    return "not a what-if result (its \"format\" is not \"" + std::string(kFormat) + "\")";
  }
  try {
    return report_of(document);
  } catch (const Json::exception& e) {
    return std::string("a what-if result with a missing or mistyped member: ") + e.what();
  }
}

}  // namespace api::what_if
