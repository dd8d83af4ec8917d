#include "api/service_model/timestamp.h"

#include <cstdint>

namespace api::service_model {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  // Exactly `n` decimal digits.
  bool digits(int n, int& value) {
    value = 0;
    for (int i = 0; i < n; ++i) {
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') return false;
      value = value * 10 + (text_[pos_++] - '0');
    }
    return true;
  }
  // One or more digits after a decimal point, as a fraction of a second.
  bool fraction(double& value) {
    double scale = 0.1;
    value = 0;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value += (text_[pos_++] - '0') * scale;
      scale /= 10;
    }
    return pos_ > start;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<double> parse_iso8601(std::string_view text) {
  static constexpr unsigned kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  Cursor c(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  double fraction = 0;
  if (!c.digits(4, year) || !c.take('-') || !c.digits(2, month) || !c.take('-') || !c.digits(2, day)) return std::nullopt;
  if (month < 1 || month > 12) return std::nullopt;
  const unsigned month_days = kDaysInMonth[month - 1] + (month == 2 && leap(year) ? 1 : 0);
  if (day < 1 || static_cast<unsigned>(day) > month_days) return std::nullopt;
  int offset_minutes = 0;
  if (!c.done()) {
    if (!c.take('T') && !c.take('t') && !c.take(' ')) return std::nullopt;
    if (!c.digits(2, hour) || !c.take(':') || !c.digits(2, minute)) return std::nullopt;
    if (c.take(':')) {
      if (!c.digits(2, second)) return std::nullopt;
      if ((c.take('.') || c.take(',')) && !c.fraction(fraction)) return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: leap second
    if (c.take('Z') || c.take('z')) {
    } else if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.take('+') ? 1 : (c.take('-'), -1);
      int oh = 0, om = 0;
      if (!c.digits(2, oh)) return std::nullopt;
      if (c.take(':')) {
        if (!c.digits(2, om)) return std::nullopt;
      } else if (!c.done() && !c.digits(2, om)) {
        return std::nullopt;
      }
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    }
    if (!c.done()) return std::nullopt;
  }
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return static_cast<double>(seconds) + fraction;
}

std::optional<double> parse_timestamp(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return parse_iso8601(value.get_ref<const std::string&>());
  return std::nullopt;
}

}  // namespace api::service_model
