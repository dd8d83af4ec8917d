#pragma once

#include <map>
#include <string>
#include <string_view>

namespace api::metrics {

// Prometheus text exposition format 0.0.4: one # HELP and # TYPE per family, then its samples.
class PrometheusText {
 public:
  using Labels = std::map<std::string, std::string>;

  void family(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const Labels& labels, double value);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace api::metrics
