#include "api/what_if/report_html.h"

#include <functional>
#include <set>

#include "api/query/xml_writer.h"
#include "api/what_if/svg_plot.h"
#include "emulator/what_if/summary.h"

namespace api::what_if {
namespace {

using emulator::what_if::Distribution;
using emulator::what_if::Report;
using emulator::what_if::Summary;
using svg::number;

constexpr const char* kStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1320px;color:#111;padding:0 16px}"
    "h1{font-size:22px}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #bbb;padding:4px 10px;"
    "text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}"
    "svg{width:100%;height:auto;font-size:12px}svg .title{font-size:14px;font-weight:600}"
    ".axis line{stroke:#333}.axis .grid{stroke:#ddd}.whisker{stroke:#111;stroke-width:2;fill:none}"
    ".legend span{display:inline-flex;align-items:center;gap:6px;margin-right:18px}"
    ".legend svg{width:64px}.note{color:#444}";

// A request's file name without its folders: chart labels have little room.
std::string short_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

std::string spread(const Distribution& d, double scale, const std::string& unit) {
  return number(d.p50 * scale) + unit + " / " + number(d.p90 * scale) + unit + " / " + number(d.p99 * scale) + unit +
         "<br><small>min " + number(d.min * scale) + unit + ", max " + number(d.max * scale) + unit + "</small>";
}

std::string by_type(const std::map<std::string, int>& counts) {
  std::string s;
  for (const auto& [type, count] : counts) s += query::xml_escape(type) + ": " + std::to_string(count) + "<br>";
  return s.empty() ? "none" : s;
}

std::string row(const std::string& name, const std::vector<Summary>& summaries,
                const std::function<std::string(const Summary&)>& cell) {
  std::string s = "<tr><th>" + name + "</th>";
  for (const auto& summary : summaries) s += "<td>" + cell(summary) + "</td>";
  return s + "</tr>";
}

std::string summary_table(const Report& report, const std::vector<Summary>& summaries) {
  std::string s = "<table><tr><th></th>";
  for (const auto& section : report.sections) s += "<th>" + query::xml_escape(section.request) + "</th>";
  s += "</tr>";
  s += row("tuning job completed (95 % Wilson interval)", summaries, [](const Summary& m) {
    return number(100 * m.completion.rate) + " % (" + number(100 * m.completion.low) + "–" +
           number(100 * m.completion.high) + " %)<br><small>" + std::to_string(m.completed) + " of " +
           std::to_string(m.runs) + "</small>";
  });
  s += row("outcomes", summaries, [](const Summary& m) { return by_type(m.outcomes); });
  s += row("virtual duration p50 / p90 / p99", summaries,
           [](const Summary& m) { return spread(m.duration_seconds, 1 / 60.0, " min"); });
  s += row("cost p50 / p90 / p99 (USD)", summaries, [](const Summary& m) { return spread(m.cost, 1, ""); });
  s += row("best objective p50", summaries,
           [](const Summary& m) { return m.best_objective ? number(m.best_objective->p50) : std::string("none"); });
  s += row("children (failed)", summaries, [](const Summary& m) {
    return std::to_string(m.children) + " (" + std::to_string(m.failed_children) + ")";
  });
  s += row("ICE answers", summaries, [](const Summary& m) { return by_type(m.ice_by_type); });
  s += row("fallbacks, by type granted", summaries, [](const Summary& m) { return by_type(m.fallbacks_by_type); });
  s += row("children by instance type", summaries, [](const Summary& m) { return by_type(m.children_by_type); });
  return s + "</table>";
}

std::vector<svg::Series> series_of(const Report& report,
                                   const std::function<double(const emulator::what_if::RunRecord&)>& value) {
  std::vector<svg::Series> series;
  for (const auto& section : report.sections) {
    svg::Series one{short_name(section.request), {}};
    for (const auto& run : section.runs) one.values.push_back(value(run));
    series.push_back(std::move(one));
  }
  return series;
}

std::string children_chart(const Report& report, const std::vector<Summary>& summaries) {
  std::set<std::string> types;
  for (const auto& m : summaries) {
    for (const auto& [type, _] : m.child_share_by_type) types.insert(type);
  }
  const std::vector<std::string> categories(types.begin(), types.end());
  std::vector<svg::Series> series;
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    svg::Series one{short_name(report.sections[i].request), {}};
    for (const auto& type : categories) {
      const auto it = summaries[i].child_share_by_type.find(type);
      one.values.push_back(it == summaries[i].child_share_by_type.end() ? 0 : it->second);
    }
    series.push_back(std::move(one));
  }
  return svg::grouped_bar_chart("Children per instance type (share of all children)", "share of children", categories,
                                series);
}

std::string charts(const Report& report, const std::vector<Summary>& summaries) {
  std::vector<svg::IntervalBar> bars;
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const auto& c = summaries[i].completion;
    bars.push_back({short_name(report.sections[i].request), c.rate, c.low, c.high});
  }
  const auto minutes = series_of(report, [](const auto& run) { return run.duration_seconds / 60.0; });
  const auto cost = series_of(report, [](const auto& run) { return run.cost; });
  return "<div class='charts'>" + svg::interval_chart("Tuning job completed (bar) with its 95 % interval", bars) +
         children_chart(report, summaries) +
         svg::cdf_chart("Virtual duration, CDF", "virtual duration (minutes)", minutes) +
         svg::cdf_chart("Cost, CDF", "cost (USD)", cost) +
         svg::histogram_chart("Virtual duration, distribution", "virtual duration (minutes)", minutes) +
         svg::histogram_chart("Cost, distribution", "cost (USD)", cost) + "</div>";
}

}  // namespace

std::string report_html(const Report& report) {
  std::vector<Summary> summaries;
  std::vector<std::string> labels;
  for (const auto& section : report.sections) {
    summaries.push_back(emulator::what_if::summarize(section.runs));
    labels.push_back(section.request);
  }
  const auto last_seed = report.seed_base + std::uint64_t(report.runs) - 1;
  std::string shard = report.shard.count > 1 ? " — shard " + std::to_string(report.shard.index) + "/" +
                                                   std::to_string(report.shard.count) + " only"
                                             : "";
  return "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>amt-emulator what-if</title><style>" +
         std::string(kStyle) + "</style></head><body>" + svg::pattern_defs() +
         "<h1>What-if: " + query::xml_escape(report.scenario) + "</h1><p class='note'>" + std::to_string(report.runs) +
         " runs, seeds " + std::to_string(report.seed_base) + "–" + std::to_string(last_seed) +
         query::xml_escape(shard) +
         ", instant clock. Duration is virtual time from CreateHyperParameterTuningJob to the tuning job's end; cost "
         "is "
         "instance-hours at the catalog's prices (BillableTimeInSeconds, spot discounted, plus warm-pool time).</p>" +
         summary_table(report, summaries) + svg::legend(labels) + charts(report, summaries) + "</body></html>\n";
}

}  // namespace api::what_if
