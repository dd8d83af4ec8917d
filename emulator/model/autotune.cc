#include "emulator/model/autotune.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace emulator::model {
namespace {

// Integer hints beyond this are tuned as continuous: ten times them would overflow.
constexpr std::int64_t kLargestIntegerHint = INT64_MAX / 10;

template <typename Number>
std::optional<Number> whole_number(std::string_view text) {
  Number value{};
  const auto* end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::string text_of(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

IntegerParameterRange integer_range(const std::string& name, std::int64_t hint) {
  if (hint > 0) {
    return {name, std::to_string(std::max<std::int64_t>(1, hint / 10)), std::to_string(hint * 10),
            HyperParameterScalingType::Logarithmic};
  }
  if (hint == 0) return {name, "0", "10", HyperParameterScalingType::Linear};
  return {name, std::to_string(hint * 10), std::to_string(std::min<std::int64_t>(-1, hint / 10)),
          HyperParameterScalingType::Linear};
}

ContinuousParameterRange continuous_range(const std::string& name, double hint) {
  if (hint > 0) return {name, text_of(hint / 10), text_of(hint * 10), HyperParameterScalingType::Logarithmic};
  if (hint == 0) return {name, "0", "1", HyperParameterScalingType::Linear};
  return {name, text_of(hint * 10), text_of(hint / 10), HyperParameterScalingType::Linear};
}

bool has_auto_parameters(const TuningRequestBody& request) {
  const auto& config_ranges = request.config.parameter_ranges;
  if (config_ranges && !config_ranges->auto_parameters.empty()) return true;
  for (const auto& def : request.definitions) {
    if (def.hyper_parameter_ranges && !def.hyper_parameter_ranges->auto_parameters.empty()) return true;
  }
  return false;
}

// The AutoParameters of `ranges` join its lists; fixed ones join the definition's statics.
Status resolve_into(ParameterRanges& ranges, HyperParameters& statics) {
  for (const auto& parameter : ranges.auto_parameters) {
    if (statics.count(parameter.name) != 0) {
      return validation_error("Hyperparameter '" + parameter.name + "' is specified more than once.");
    }
    auto derived = derive_auto_parameter(parameter);
    if (derived.integer_range) ranges.integer_ranges.push_back(std::move(*derived.integer_range));
    if (derived.continuous_range) ranges.continuous_ranges.push_back(std::move(*derived.continuous_range));
    if (derived.fixed_value) statics.emplace(parameter.name, std::move(*derived.fixed_value));
  }
  ranges.auto_parameters.clear();
  return Done{};
}

}  // namespace

DerivedParameter derive_auto_parameter(const AutoParameter& parameter) {
  const auto& hint = parameter.value_hint;
  if (auto integer = whole_number<std::int64_t>(hint); integer && std::abs(*integer) <= kLargestIntegerHint) {
    return {integer_range(parameter.name, *integer), std::nullopt, std::nullopt};
  }
  if (auto number = whole_number<double>(hint); number && std::isfinite(*number)) {
    return {std::nullopt, continuous_range(parameter.name, *number), std::nullopt};
  }
  return {std::nullopt, std::nullopt, hint};
}

Status apply_autotune(TuningRequestBody& request) {
  if (!request.autotune) {
    if (!has_auto_parameters(request)) return Done{};
    return validation_error(
        "ParameterRanges.AutoParameters can only be specified when Autotune is enabled. Set Autotune Mode to "
        "Enabled, or give the hyperparameters ranges of their own.");
  }
  if (request.uses_definition_list) {
    for (auto& def : request.definitions) {
      if (!def.hyper_parameter_ranges) continue;
      if (auto done = resolve_into(*def.hyper_parameter_ranges, def.static_hyper_parameters); !done) return done;
    }
  } else if (request.config.parameter_ranges && !request.definitions.empty()) {
    auto& statics = request.definitions.front().static_hyper_parameters;
    if (auto done = resolve_into(*request.config.parameter_ranges, statics); !done) return done;
  }
  auto& config = request.config;
  if (!config.resource_limits.max_number_of_training_jobs &&
      config.strategy != HyperParameterTuningJobStrategyType::Grid) {
    config.resource_limits.max_number_of_training_jobs = kAutotuneMaxNumberOfTrainingJobs;
  }
  if (!config.convergence_given) config.complete_on_convergence = true;
  return Done{};
}

}  // namespace emulator::model
