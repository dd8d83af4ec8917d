#pragma once

#include <string>
#include <vector>

// Small SVG charts for the what-if report, drawn here so the report is one file with nothing
// fetched. Series differ by colour (Okabe–Ito, safe for colour-blindness) and also by what does
// not need colour: a dash pattern and marker shape for lines, a hatch pattern for bars.
namespace api::what_if::svg {

struct Series {
  std::string label;
  std::vector<double> values;
};

// <defs> with the hatch patterns; once per document, before any chart.
std::string pattern_defs();

// Empirical CDF of each series' values (share of runs at or below x).
std::string cdf_chart(const std::string& title, const std::string& x_label, const std::vector<Series>& series);

// Histogram: the values of every series binned over one common range, the series' bars side by side.
std::string histogram_chart(const std::string& title, const std::string& x_label, const std::vector<Series>& series);

// One horizontal bar per entry, 0–100 %, with a whisker for its confidence interval.
struct IntervalBar {
  std::string label;
  double rate = 0, low = 0, high = 0;
};
std::string interval_chart(const std::string& title, const std::vector<IntervalBar>& bars);

// Categories along x, one bar per series in each (series[s].values[c] is category c's value).
std::string grouped_bar_chart(const std::string& title, const std::string& y_label,
                              const std::vector<std::string>& categories, const std::vector<Series>& series);

// A legend: each series' swatch (colour, hatch, dash and marker) and label.
std::string legend(const std::vector<std::string>& labels);

std::string number(double value);  // short: 3 significant digits, no exponent below 1e9

}  // namespace api::what_if::svg
