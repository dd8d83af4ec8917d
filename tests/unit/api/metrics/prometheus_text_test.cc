#include "api/metrics/prometheus_text.h"

#include <cmath>

#include <gtest/gtest.h>

namespace api::metrics {
namespace {

TEST(PrometheusText, WritesFamiliesAndSamplesInTheTextFormat) {
  PrometheusText out;
  out.family("amt_calls_total", "counter", "Calls.");
  out.sample("amt_calls_total", {{"status", "200"}, {"operation", "Describe"}}, 3);
  out.sample("amt_time_seconds", {}, 1.5);
  EXPECT_EQ(out.text(),
            "# HELP amt_calls_total Calls.\n"
            "# TYPE amt_calls_total counter\n"
            "amt_calls_total{operation=\"Describe\",status=\"200\"} 3\n"
            "amt_time_seconds 1.5\n");
}

TEST(PrometheusText, EscapesLabelValuesAndSpellsSpecialNumbers) {
  PrometheusText out;
  out.sample("m", {{"l", "a\"b\\c\nd"}}, NAN);
  out.sample("m", {}, INFINITY);
  EXPECT_EQ(out.text(), "m{l=\"a\\\"b\\\\c\\nd\"} NaN\nm +Inf\n");
}

}  // namespace
}  // namespace api::metrics
