#include "api/monitoring/wire_time.h"

#include <time.h>

#include <cmath>
#include <cstdio>
#include <ctime>

namespace api::monitoring {

std::int64_t to_ms(double epoch_seconds) { return std::llround(epoch_seconds * 1000.0); }

std::string iso8601(double epoch_seconds) {
  const std::int64_t ms = to_ms(epoch_seconds);
  std::int64_t whole = ms / 1000;
  std::int64_t millis = ms % 1000;
  if (millis < 0) {
    millis += 1000;
    whole -= 1;
  }
  const std::time_t time = static_cast<std::time_t>(whole);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[48];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out = text;
  if (millis != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03d", int(millis));
    out += fraction;
  }
  return out + "Z";
}

}  // namespace api::monitoring
