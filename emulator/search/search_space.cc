#include "emulator/search/search_space.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <cmath>
#include <set>

namespace emulator::search {
namespace {

using model::HyperParameterScalingType;

// Auto picks logarithmic when the range spans two decades or more of positive values,
// which is where a linear search would spend nearly all its budget in the top decade.
constexpr double kAutoLogRatio = 100.0;

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || begin == end) return std::nullopt;
  return value;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || begin == end) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::string format_double(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

Error not_valid(std::string_view value, std::string_view name, std::string_view what) {
  return validation_error("The value '" + std::string(value) + "' of hyperparameter '" +
                          std::string(name) + "' is not a valid " + std::string(what) + ".");
}

// Integer bounds compare as int64: as doubles, values past 2^53 may round to equal.
template <typename Range, typename Number>
Status check_bounds(const Range& range, Number min, Number max) {
  if (min > max) {
    return validation_error("The MinValue (" + range.min_value + ") of hyperparameter '" +
                            range.name + "' must be less than or equal to its MaxValue (" +
                            range.max_value + ").");
  }
  if (range.scaling_type == HyperParameterScalingType::Logarithmic && min <= 0) {
    return validation_error("Logarithmic scaling for hyperparameter '" + range.name +
                            "' requires MinValue greater than 0.");
  }
  return Done{};
}

Scale resolve_scale(HyperParameterScalingType type, double min, double max) {
  switch (type) {
    case HyperParameterScalingType::Linear: return Scale::Linear;
    case HyperParameterScalingType::Logarithmic: return Scale::Logarithmic;
    case HyperParameterScalingType::ReverseLogarithmic: return Scale::ReverseLogarithmic;
    case HyperParameterScalingType::Auto: break;
  }
  return (min > 0 && max / min >= kAutoLogRatio) ? Scale::Logarithmic : Scale::Linear;
}

const Error kReverseLogRule = validation_error(
    "ReverseLogarithmic scaling is supported only for continuous hyperparameters with 0 <= "
    "MinValue and MaxValue < 1.");

double clamp_unit(double u) { return std::clamp(u, 0.0, 1.0); }

// Maps u to a value in [min, max] (integers: [min, max + 1), floored by the caller).
double scale_forward(Scale scale, double min, double max, double u) {
  switch (scale) {
    case Scale::Linear: {
      // A range as wide as [-1e308, 1e308] has no finite span; the weighted form still works.
      const double span = max - min;
      return std::isfinite(span) ? min + u * span : (1 - u) * min + u * max;
    }
    case Scale::Logarithmic: return std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
    case Scale::ReverseLogarithmic: {
      // 1 - x is log-scaled: the search crowds towards max, where 0.99 and 0.999 differ.
      const double lo = std::log(1 - max), hi = std::log(1 - min);
      return 1 - std::exp(lo + (1 - u) * (hi - lo));
    }
  }
  return min;
}

double scale_inverse(Scale scale, double min, double max, double x) {
  if (max <= min) return 0.5;
  switch (scale) {
    case Scale::Linear: {
      const double span = max - min;
      return std::isfinite(span) ? (x - min) / span : (x / 2 - min / 2) / (max / 2 - min / 2);
    }
    case Scale::Logarithmic:
      return (std::log(x) - std::log(min)) / (std::log(max) - std::log(min));
    case Scale::ReverseLogarithmic: {
      const double lo = std::log(1 - max), hi = std::log(1 - min);
      return 1 - (std::log(1 - x) - lo) / (hi - lo);
    }
  }
  return 0.5;
}

}  // namespace

Result<SearchSpace> SearchSpace::from_ranges(const model::ParameterRanges& ranges) {
  SearchSpace space;
  std::set<std::string> seen;
  auto remember = [&](const std::string& name) -> Status {
    if (!seen.insert(name).second) {
      return validation_error("Hyperparameter '" + name + "' is specified more than once.");
    }
    return Done{};
  };

  for (const auto& range : ranges.integer_ranges) {
    if (auto checked = remember(range.name); !checked) return checked.error();
    auto min = parse_integer(range.min_value);
    if (!min) return not_valid(range.min_value, range.name, "integer");
    auto max = parse_integer(range.max_value);
    if (!max) return not_valid(range.max_value, range.name, "integer");
    if (auto checked = check_bounds(range, *min, *max); !checked) return checked.error();
    if (range.scaling_type == HyperParameterScalingType::ReverseLogarithmic) return kReverseLogRule;
    Dimension d{range.name, Dimension::Kind::Integer, double(*min), double(*max),
                resolve_scale(range.scaling_type, double(*min), double(*max)), {}, *min, *max};
    space.dimensions_.push_back(std::move(d));
  }
  for (const auto& range : ranges.continuous_ranges) {
    if (auto checked = remember(range.name); !checked) return checked.error();
    auto min = parse_number(range.min_value);
    if (!min) return not_valid(range.min_value, range.name, "number");
    auto max = parse_number(range.max_value);
    if (!max) return not_valid(range.max_value, range.name, "number");
    if (auto checked = check_bounds(range, *min, *max); !checked) return checked.error();
    if (range.scaling_type == HyperParameterScalingType::ReverseLogarithmic &&
        !(*min >= 0 && *max < 1)) {
      return kReverseLogRule;
    }
    space.dimensions_.push_back({range.name, Dimension::Kind::Continuous, *min, *max,
                                 resolve_scale(range.scaling_type, *min, *max), {}});
  }
  for (const auto& range : ranges.categorical_ranges) {
    if (auto checked = remember(range.name); !checked) return checked.error();
    space.dimensions_.push_back(
        {range.name, Dimension::Kind::Categorical, 0, 0, Scale::Linear, range.values});
  }
  if (space.dimensions_.size() > kMaxTunedHyperParameters) {
    return validation_error("The number of hyperparameters to tune (" +
                            std::to_string(space.dimensions_.size()) +
                            ") exceeds the maximum of 30.");
  }
  return space;
}

std::string SearchSpace::value_at(std::size_t d, double u) const {
  const Dimension& dim = dimensions_.at(d);
  u = clamp_unit(u);
  switch (dim.kind) {
    case Dimension::Kind::Categorical: {
      const auto n = dim.values.size();
      return dim.values[std::min(n - 1, static_cast<std::size_t>(u * double(n)))];
    }
    case Dimension::Kind::Integer: {
      // Each integer owns an equal share of the (scaled) cell [v, v + 1).
      const double x = scale_forward(dim.scale, dim.min, dim.max + 1, u);
      const double v = std::floor(x);
      constexpr double kTwoTo63 = 9223372036854775808.0;  // no int64 beyond it either way
      const std::int64_t n = v >= kTwoTo63    ? std::numeric_limits<std::int64_t>::max()
                             : v < -kTwoTo63 ? std::numeric_limits<std::int64_t>::min()
                                             : static_cast<std::int64_t>(v);
      return std::to_string(std::clamp(n, dim.integer_min, dim.integer_max));
    }
    case Dimension::Kind::Continuous:
      return format_double(std::clamp(scale_forward(dim.scale, dim.min, dim.max, u), dim.min, dim.max));
  }
  return {};
}

std::vector<std::string> SearchSpace::values_in_order(const std::vector<double>& unit_point) const {
  std::vector<std::string> values;
  values.reserve(dimensions_.size());
  for (std::size_t d = 0; d < dimensions_.size(); ++d) {
    values.push_back(value_at(d, d < unit_point.size() ? unit_point[d] : 0.5));
  }
  return values;
}

model::HyperParameters SearchSpace::values_at(const std::vector<double>& unit_point) const {
  model::HyperParameters values;
  auto in_order = values_in_order(unit_point);
  for (std::size_t d = 0; d < dimensions_.size(); ++d) values[dimensions_[d].name] = std::move(in_order[d]);
  return values;
}

double SearchSpace::to_unit(std::size_t d, std::string_view value) const {
  const Dimension& dim = dimensions_.at(d);
  switch (dim.kind) {
    case Dimension::Kind::Categorical: {
      auto it = std::find(dim.values.begin(), dim.values.end(), value);
      const auto index = static_cast<double>(it - dim.values.begin());
      return clamp_unit((index + 0.5) / double(dim.values.size()));
    }
    case Dimension::Kind::Integer: {
      const double v = parse_integer(value).value_or(dim.min);
      return clamp_unit(scale_inverse(dim.scale, dim.min, dim.max + 1, v + 0.5));
    }
    case Dimension::Kind::Continuous:
      return clamp_unit(scale_inverse(dim.scale, dim.min, dim.max, parse_number(value).value_or(dim.min)));
  }
  return 0.5;
}

std::optional<std::uint64_t> SearchSpace::combinations() const {
  std::uint64_t product = 1;
  for (const auto& dim : dimensions_) {
    std::uint64_t count = 0;
    if (dim.kind == Dimension::Kind::Categorical) count = dim.values.size();
    else if (dim.kind == Dimension::Kind::Integer) {
      // Unsigned arithmetic: the span of the widest range fits; only its + 1 may not.
      const std::uint64_t span = std::uint64_t(dim.integer_max) - std::uint64_t(dim.integer_min);
      count = span == UINT64_MAX ? UINT64_MAX : span + 1;
    }
    else return std::nullopt;
    product = (count != 0 && product > UINT64_MAX / count) ? UINT64_MAX : product * count;
  }
  return product;
}

}  // namespace emulator::search
