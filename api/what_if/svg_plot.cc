#include "api/what_if/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api/query/xml_writer.h"

namespace api::what_if::svg {
namespace {

constexpr double kWidth = 640, kHeight = 300, kLeft = 64, kRight = 16, kTop = 34, kBottom = 46;
constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
constexpr const char* kDashes[] = {"", "8 4", "2 3", "10 3 2 3", "4 4", "1 5", "12 2"};
constexpr int kStyles = 7;

const char* colour(std::size_t i) { return kColours[i % kStyles]; }
std::string fill(std::size_t i) { return "url(#hatch" + std::to_string(i % kStyles) + ")"; }

double plot_x(double fraction) { return kLeft + fraction * (kWidth - kLeft - kRight); }
double plot_y(double fraction) { return kHeight - kBottom - fraction * (kHeight - kTop - kBottom); }

std::string marker(std::size_t i, double x, double y) {
  const std::string c = colour(i);
  char text[256];
  switch (i % 4) {
    case 0: std::snprintf(text, sizeof text, "<circle cx='%.1f' cy='%.1f' r='4' fill='%s'/>", x, y, c.c_str()); break;
    case 1:
      std::snprintf(text, sizeof text, "<rect x='%.1f' y='%.1f' width='8' height='8' fill='%s'/>", x - 4, y - 4,
                    c.c_str());
      break;
    case 2: std::snprintf(text, sizeof text, "<path d='M%.1f %.1fl5 9h-10z' fill='%s'/>", x, y - 5, c.c_str()); break;
    default: std::snprintf(text, sizeof text, "<path d='M%.1f %.1fl5 5l-5 5l-5-5z' fill='%s'/>", x, y - 5, c.c_str());
  }
  return text;
}

std::string open_chart(const std::string& title) {
  char head[200];
  std::snprintf(head, sizeof head, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %.0f %.0f' role='img'>",
                kWidth, kHeight);
  return std::string(head) + "<title>" + query::xml_escape(title) + "</title><text x='" + number(kLeft) +
         "' y='20' class='title'>" + query::xml_escape(title) + "</text>";
}

// Axes with 5 ticks over [0, y_max] and, when x is a number, 5 over [0, x_max].
std::string axes(double x_max, const std::string& x_label, const std::string& y_label, double y_max,
                 bool x_ticks = true) {
  std::string s = "<g class='axis'><line x1='" + number(plot_x(0)) + "' y1='" + number(plot_y(0)) + "' x2='" +
                  number(plot_x(1)) + "' y2='" + number(plot_y(0)) + "'/><line x1='" + number(plot_x(0)) + "' y1='" +
                  number(plot_y(0)) + "' x2='" + number(plot_x(0)) + "' y2='" + number(plot_y(1)) + "'/>";
  for (int t = 0; t <= 4; ++t) {
    const double f = t / 4.0;
    if (x_ticks) {
      s += "<text x='" + number(plot_x(f)) + "' y='" + number(plot_y(0) + 16) + "' text-anchor='middle'>" +
           number(x_max * f) + "</text>";
    }
    s += "<text x='" + number(plot_x(0) - 6) + "' y='" + number(plot_y(f) + 4) + "' text-anchor='end'>" +
         number(y_max * f) + "</text>";
    s += "<line class='grid' x1='" + number(plot_x(0)) + "' y1='" + number(plot_y(f)) + "' x2='" + number(plot_x(1)) +
         "' y2='" + number(plot_y(f)) + "'/>";
  }
  s += "<text x='" + number(plot_x(0.5)) + "' y='" + number(kHeight - 8) + "' text-anchor='middle'>" +
       query::xml_escape(x_label) + "</text>";
  s += "<text transform='translate(14 " + number(plot_y(0.5)) + ") rotate(-90)' text-anchor='middle'>" +
       query::xml_escape(y_label) + "</text></g>";
  return s;
}

// The axis' end at or above `top` whose four ticks are round numbers (1, 2, 2.5 or 5 × 10^k apart).
double nice_top(double top) {
  if (top <= 0) return 1;
  const double step = top / 4, magnitude = std::pow(10.0, std::floor(std::log10(step)));
  for (const double nice : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (nice * magnitude >= step * (1 - 1e-12)) return 4 * nice * magnitude;
  }
  return top;
}

double max_of(const std::vector<Series>& series) {
  double top = 0;
  for (const auto& s : series) {
    for (const double v : s.values) top = std::max(top, v);
  }
  return nice_top(top);
}

std::string cdf_line(std::size_t i, std::vector<double> values, double x_max) {
  std::sort(values.begin(), values.end());
  const double n = double(values.size());
  std::string path = "M" + number(plot_x(0)) + " " + number(plot_y(0));
  std::string marks;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double x = plot_x(values[k] / x_max);
    path += "H" + number(x) + "V" + number(plot_y((k + 1) / n));
    if (k + 1 == values.size() || (k + 1) % std::max<std::size_t>(1, values.size() / 8) == 0) {
      marks += marker(i, x, plot_y((k + 1) / n));
    }
  }
  return "<path d='" + path + "' fill='none' stroke='" + colour(i) + "' stroke-width='2' stroke-dasharray='" +
         kDashes[i % kStyles] + "'/>" + marks;
}

}  // namespace

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  if (std::fabs(value) >= 1000 && std::fabs(value) < 1e9) std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

std::string pattern_defs() {
  std::string s = "<svg width='0' height='0' style='position:absolute'><defs>";
  const char* marks[] = {
      "<path d='M0 8L8 0' stroke-width='2'/>",      "<circle cx='4' cy='4' r='1.6' stroke-width='1'/>",
      "<path d='M0 4H8' stroke-width='2'/>",        "<path d='M0 0L8 8M0 8L8 0' stroke-width='1.2'/>",
      "<path d='M4 0V8' stroke-width='2'/>",        "<path d='M0 0L8 8' stroke-width='2'/>",
      "<path d='M0 4H8M4 0V8' stroke-width='1.2'/>"};
  for (int i = 0; i < kStyles; ++i) {
    s += "<pattern id='hatch" + std::to_string(i) + "' width='8' height='8' patternUnits='userSpaceOnUse'>" +
         "<rect width='8' height='8' fill='" + colour(i) + "' fill-opacity='0.35'/><g stroke='" + colour(i) +
         "' fill='" + colour(i) + "'>" + marks[i] + "</g></pattern>";
  }
  return s + "</defs></svg>";
}

std::string cdf_chart(const std::string& title, const std::string& x_label, const std::vector<Series>& series) {
  const double x_max = max_of(series);
  std::string s = open_chart(title) + axes(x_max, x_label, "share of runs at or below", 1);
  for (std::size_t i = 0; i < series.size(); ++i) s += cdf_line(i, series[i].values, x_max);
  return s + "</svg>";
}

std::string histogram_chart(const std::string& title, const std::string& x_label, const std::vector<Series>& series) {
  constexpr int kBins = 20;
  const double x_max = max_of(series);
  std::vector<std::vector<double>> shares(series.size(), std::vector<double>(kBins, 0));
  double top = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    for (const double v : series[i].values) {
      shares[i][std::min(kBins - 1, int(v / x_max * kBins))] += 1.0 / double(series[i].values.size());
    }
    top = std::max(top, *std::max_element(shares[i].begin(), shares[i].end()));
  }
  top = nice_top(top);
  std::string s = open_chart(title) + axes(x_max, x_label, "share of runs", top);
  const double bin_width = (plot_x(1) - plot_x(0)) / kBins, bar = bin_width / double(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    for (int b = 0; b < kBins; ++b) {
      if (shares[i][b] <= 0) continue;
      const double y = plot_y(shares[i][b] / top);
      s += "<rect x='" + number(plot_x(0) + b * bin_width + i * bar) + "' y='" + number(y) + "' width='" + number(bar) +
           "' height='" + number(plot_y(0) - y) + "' fill='" + fill(i) + "' stroke='" + colour(i) + "'/>";
    }
  }
  return s + "</svg>";
}

std::string interval_chart(const std::string& title, const std::vector<IntervalBar>& bars) {
  const double row = 34, height = kTop + row * double(bars.size()) + 30, left = 200, width = kWidth - left - 40;
  std::string s = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + number(kWidth) + " " + number(height) +
                  "' role='img'><title>" + query::xml_escape(title) + "</title><text x='10' y='20' class='title'>" +
                  query::xml_escape(title) + "</text>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = kTop + row * double(i);
    s += "<text x='" + number(left - 8) + "' y='" + number(y + 18) + "' text-anchor='end'>" +
         query::xml_escape(b.label) + "</text>";
    s += "<rect x='" + number(left) + "' y='" + number(y + 4) + "' width='" + number(width * b.rate) +
         "' height='20' fill='" + fill(i) + "' stroke='" + colour(i) + "'/>";
    s += "<path class='whisker' d='M" + number(left + width * b.low) + " " + number(y + 14) + "H" +
         number(left + width * b.high) + "M" + number(left + width * b.low) + " " + number(y + 8) + "v12M" +
         number(left + width * b.high) + " " + number(y + 8) + "v12'/>";
    s += "<text x='" + number(left + width + 4) + "' y='" + number(y + 18) + "'>" + number(100 * b.rate) + "%</text>";
  }
  const double base = kTop + row * double(bars.size()) + 14;
  for (int t = 0; t <= 4; ++t) {
    s += "<text x='" + number(left + width * t / 4.0) + "' y='" + number(base) + "' text-anchor='middle'>" +
         std::to_string(25 * t) + "%</text>";
  }
  return s + "</svg>";
}

std::string grouped_bar_chart(const std::string& title, const std::string& y_label,
                              const std::vector<std::string>& categories, const std::vector<Series>& series) {
  const double top = max_of(series);
  std::string s = open_chart(title) + axes(0, "", y_label, top, false);
  const double group = (plot_x(1) - plot_x(0)) / double(std::max<std::size_t>(1, categories.size()));
  const double bar = group * 0.8 / double(std::max<std::size_t>(1, series.size()));
  for (std::size_t c = 0; c < categories.size(); ++c) {
    const double x0 = plot_x(0) + group * double(c) + group * 0.1;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const double y = plot_y(series[i].values[c] / top);
      s += "<rect x='" + number(x0 + bar * double(i)) + "' y='" + number(y) + "' width='" + number(bar) + "' height='" +
           number(plot_y(0) - y) + "' fill='" + fill(i) + "' stroke='" + colour(i) + "'/>";
    }
    s += "<text x='" + number(x0 + group * 0.4) + "' y='" + number(plot_y(0) + 30) + "' text-anchor='middle'>" +
         query::xml_escape(categories[c]) + "</text>";
  }
  return s + "</svg>";
}

std::string legend(const std::vector<std::string>& labels) {
  std::string s = "<div class='legend'>";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    s += "<span><svg width='64' height='18' viewBox='0 0 64 18'><rect x='0' y='2' width='18' height='14' fill='" +
         fill(i) + "' stroke='" + colour(i) + "'/><path d='M22 9H56' stroke='" + colour(i) +
         "' stroke-width='2' stroke-dasharray='" + kDashes[i % kStyles] + "'/>" + marker(i, 58, 9) + "</svg>" +
         query::xml_escape(labels[i]) + "</span>";
  }
  return s + "</div>";
}

}  // namespace api::what_if::svg
