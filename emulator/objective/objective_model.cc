#include "emulator/objective/objective_model.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "emulator/sim/rng.h"

namespace emulator::objective {
namespace {

std::optional<double> number(const model::HyperParameters& hp, const char* name) {
  auto it = hp.find(name);
  if (it == hp.end()) return std::nullopt;
  double value = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value)) return std::nullopt;
  return value;
}

double bell(double x, double centre, double width) {
  const double z = (x - centre) / width;
  return std::exp(-0.5 * z * z);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

bool higher_is_better(const model::TuningObjective& objective) {
  std::string name(objective.metric_name);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  for (std::string_view score : {"auc", "acc", "f1", "precision", "recall", "map", "ndcg", "r2"}) {
    if (contains(name, score)) return true;
  }
  for (std::string_view loss : {"rmse", "mse", "mae", "loss", "error", "mape"}) {
    if (contains(name, loss)) return false;
  }
  return objective.type == model::HyperParameterTuningJobObjectiveType::Maximize;
}

namespace {

double generic_quality(const TrialInput& input) {
  // A bowl with a minimum at a point that depends only on the image and parameter names,
  // so the same tuning problem has the same optimum on every run.
  double squared = 0;
  for (std::size_t d = 0; d < input.space.size() && d < input.unit_point.size(); ++d) {
    auto stream = sim::make_stream(sim::stable_hash(input.training_image),
                                   input.space.dimensions()[d].name);
    const double optimum = 0.15 + 0.7 * std::uniform_real_distribution<double>(0, 1)(stream);
    const double delta = input.unit_point[d] - optimum;
    squared += delta * delta;
  }
  const double dims = std::max<double>(1, double(input.space.size()));
  return std::exp(-squared / (2 * 0.09 * dims));
}

}  // namespace

double xgboost_quality(const model::HyperParameters& hp) {
  const double eta = std::max(1e-6, number(hp, "eta").value_or(0.3));
  const double rounds = std::max(1.0, number(hp, "num_round").value_or(100));
  double q = bell(std::log(eta), std::log(0.2), 1.2);          // too fast overfits, too slow underfits
  q *= 1 - std::exp(-eta * rounds / 8);                          // enough boosting to converge
  q *= bell(number(hp, "max_depth").value_or(6), 5, 2.5);
  q *= bell(number(hp, "subsample").value_or(1), 0.8, 0.35);
  q *= bell(number(hp, "colsample_bytree").value_or(1), 0.8, 0.45);
  q *= bell(std::log1p(number(hp, "min_child_weight").value_or(1)), std::log1p(3), 1.5);
  q *= bell(std::log1p(number(hp, "alpha").value_or(0)), 0, 3);
  q *= bell(std::log1p(number(hp, "gamma").value_or(0)), 0, 3);
  return std::clamp(q, 1e-6, 1.0);
}

std::vector<double> learning_curve(double final_value, bool higher_is_better, int epochs, std::mt19937_64& noise) {
  std::vector<double> curve;
  if (epochs <= 0) return curve;
  // Scores start near chance (0.5); losses start a fixed distance above where they end.
  const double start = higher_is_better ? std::min(final_value, 0.5) : final_value + 1.0;
  const double floor_ratio = std::exp(-4.0);
  std::normal_distribution<double> jitter(0.0, 0.002);
  curve.reserve(std::size_t(epochs));
  for (int e = 1; e <= epochs; ++e) {
    const double progress = (std::exp(-4.0 * e / epochs) - floor_ratio) / (1 - floor_ratio);
    const double value = final_value + (start - final_value) * progress;
    curve.push_back(e == epochs ? final_value : value + jitter(noise));
  }
  return curve;
}

namespace {

TrialOutcome evaluate_defined(const ObjectiveDefinition& def, const model::HyperParameters& hp,
                              std::mt19937_64& noise) {
  std::vector<double> x;
  for (const auto& in : def.inputs) {
    x.push_back(number(hp, in.hyper_parameter.c_str()).value_or((in.min + in.max) / 2));
  }
  TrialOutcome outcome;
  outcome.objective_value = evaluate(def.function, x);
  if (def.noise > 0) outcome.objective_value += std::normal_distribution<double>(0.0, def.noise)(noise);
  int epochs = def.default_epochs;
  for (const char* name : {"epochs", "num_epochs", "n_epochs"}) {
    if (auto e = number(hp, name); e && *e >= 1) epochs = static_cast<int>(*e);
  }
  outcome.work_seconds = def.seconds_per_epoch * epochs;
  return outcome;
}

}  // namespace

TrialOutcome evaluate(const TrialInput& input, std::mt19937_64& noise) {
  if (input.library != nullptr) {
    if (const auto* def = input.library->find_for_image(input.training_image)) {
      return evaluate_defined(*def, input.hyper_parameters, noise);
    }
  }
  const bool xgboost = contains(input.training_image, "xgboost");
  const double quality = xgboost ? xgboost_quality(input.hyper_parameters) : generic_quality(input);
  std::normal_distribution<double> jitter(0.0, 0.004);

  TrialOutcome outcome;
  if (higher_is_better(input.objective)) {
    outcome.objective_value = std::clamp(0.5 + 0.45 * quality + jitter(noise), 0.0, 1.0);
  } else {
    outcome.objective_value = std::max(0.0, 0.35 + 1.5 * (1 - quality) + 2 * jitter(noise));
  }

  if (xgboost) {
    const double rounds = std::max(1.0, number(input.hyper_parameters, "num_round").value_or(100));
    const double depth = std::max(1.0, number(input.hyper_parameters, "max_depth").value_or(6));
    outcome.work_seconds = 60 + rounds * 2.4 * (1 + depth / 6);
  } else {
    outcome.work_seconds = 600;
  }
  outcome.work_seconds *= std::uniform_real_distribution<double>(0.9, 1.1)(noise);
  return outcome;
}

int epochs_of(const model::HyperParameters& hp) {
  for (const char* name : {"epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs", "num_round"}) {
    auto it = hp.find(name);
    if (it == hp.end()) continue;
    int value = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    if (ec == std::errc() && end == it->second.data() + it->second.size() && value >= 1) {
      return std::min(value, 20000);
    }
  }
  return 10;
}

}  // namespace emulator::objective
