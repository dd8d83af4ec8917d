#include "api/what_if/what_if_command.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "api/aws/credential_scope.h"
#include "api/clock/clock_driver.h"
#include "api/objectives/objective_library_json.h"
#include "api/sagemaker/checked_input.h"
#include "api/what_if/report_html.h"
#include "api/what_if/report_json.h"
#include "api/what_if/what_if_options.h"
#include "capacity_model/scenario_json.h"
#include "emulator/what_if/run_once.h"
#include "emulator/what_if/shards.h"

namespace api::what_if {
namespace {

using emulator::what_if::Report;

// A refusal: the message of the one line the user sees, after "amt-emulator what-if: ".
struct Refusal {
  std::string message;
  int exit_code = 2;
};
template <typename T>
using Outcome = capacity_model::Result<T, Refusal>;

Outcome<std::string> read_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Refusal{"cannot read " + what + " '" + path + "'"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Written beside and renamed into place, so whoever waits for the file (the Kubernetes merge
// step) never reads half of it.
capacity_model::Status<Refusal> write_file(const std::string& path, const std::string& text) {
  const std::string partial = path + ".partial";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  std::error_code renamed;
  if (out) std::filesystem::rename(partial, path, renamed);
  if (!out || renamed) {
    std::filesystem::remove(partial, renamed);
    return Refusal{"cannot write '" + path + "'", 1};
  }
  return capacity_model::Done{};
}

Outcome<emulator::what_if::RunSetup> setup_for(const RunCommand& run, std::string_view catalog_json,
                                               const std::string& scenario_text) {
  auto catalog = capacity_model::parse_catalog(catalog_json);
  if (!catalog) return Refusal{"built-in instance catalog: " + catalog.error().message};
  auto scenario = capacity_model::parse_scenario(scenario_text, *catalog);
  if (!scenario) return Refusal{"scenario " + run.scenario + ": " + scenario.error().message};
  auto scope = aws::scope_of("", scenario->region);
  emulator::WorldConfig world{std::move(*catalog), std::move(*scenario), 0,
                              ClockDriver::epoch_ms_for(emulator::sim::ClockMode::Instant),
                              objectives::builtin_objective_library()};
  return emulator::what_if::RunSetup{std::move(world), std::move(scope), {}};
}

Refusal refused_request(const std::string& path, std::string_view code, const std::string& message) {
  return Refusal{"request " + path + ": " + std::string(code) + ": " + message};
}

// One section: the request decoded as CreateHyperParameterTuningJob would, then this shard's runs.
Outcome<emulator::what_if::Section> run_section(const RunCommand& run, emulator::what_if::RunSetup& setup,
                                                const std::string& path) {
  auto body = read_file(path, "request file");
  if (!body) return body.error();
  auto request = sagemaker::checked_create_tuning_job(*body);
  if (!request) return refused_request(path, request.error().code, request.error().message);
  setup.request = std::move(*request);
  emulator::what_if::Section section{path, emulator::what_if::fingerprint(*body), {}};
  for (const int i : emulator::what_if::runs_of(run.runs, run.shard)) {
    auto record = emulator::what_if::run_once(setup, run.seed_base + std::uint64_t(i));
    if (!record) return refused_request(path, emulator::to_string(record.error().code), record.error().message);
    section.runs.push_back(std::move(*record));
  }
  return section;
}

Outcome<Report> run_all(const RunCommand& run, std::string_view catalog_json) {
  auto scenario_text = read_file(run.scenario, "scenario file");
  if (!scenario_text) return scenario_text.error();
  auto setup = setup_for(run, catalog_json, *scenario_text);
  if (!setup) return setup.error();
  Report report{run.scenario, emulator::what_if::fingerprint(*scenario_text), run.seed_base, run.runs, run.shard, {}};
  for (const auto& path : run.requests) {
    auto section = run_section(run, *setup, path);
    if (!section) return section.error();
    report.sections.push_back(std::move(*section));
  }
  return report;
}

Outcome<Report> merge_all(const MergeCommand& merge) {
  std::vector<Report> parts;
  for (const auto& path : merge.inputs) {
    auto text = read_file(path, "what-if result");
    if (!text) return text.error();
    auto part = parse_report_json(*text);
    if (!part) return Refusal{path + ": " + part.error()};
    parts.push_back(std::move(*part));
  }
  auto merged = emulator::what_if::merge(std::move(parts));
  if (!merged) return Refusal{"cannot merge: " + merged.error()};
  return std::move(*merged);
}

capacity_model::Status<Refusal> write_outputs(const Report& report, const std::string& json_out,
                                              const std::optional<std::string>& html_out) {
  if (auto written = write_file(json_out, report_json(report)); !written) return written;
  if (html_out) return write_file(*html_out, report_html(report));
  return capacity_model::Done{};
}

capacity_model::Status<Refusal> execute(const RunCommand& run, std::string_view catalog_json) {
  auto report = run_all(run, catalog_json);
  if (!report) return report.error();
  return write_outputs(*report, run.json_out, run.html_out);
}

capacity_model::Status<Refusal> execute(const MergeCommand& merge, std::string_view /*catalog_json*/) {
  auto report = merge_all(merge);
  if (!report) return report.error();
  return write_outputs(*report, merge.json_out, merge.html_out);
}

}  // namespace

int what_if_main(const std::vector<std::string>& args, std::string_view catalog_json, std::ostream& out,
                 std::ostream& err) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    out << what_if_usage();
    return 0;
  }
  auto command = parse_what_if(args);
  if (!command) {
    err << "amt-emulator what-if: " << command.error() << " (amt-emulator what-if --help shows the usage)\n";
    return 2;
  }
  const auto done = std::visit([&](const auto& c) { return execute(c, catalog_json); }, *command);
  if (!done) {
    err << "amt-emulator what-if: " << done.error().message << "\n";
    return done.error().exit_code;
  }
  return 0;
}

}  // namespace api::what_if
