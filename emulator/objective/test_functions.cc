#include "emulator/objective/test_functions.h"

#include <array>
#include <cmath>
#include <numbers>

namespace emulator::objective {
namespace {

double branin(const std::vector<double>& x) {
  constexpr double a = 1, b = 5.1 / (4 * std::numbers::pi * std::numbers::pi), c = 5 / std::numbers::pi;
  constexpr double r = 6, s = 10, t = 1 / (8 * std::numbers::pi);
  const double x1 = x.at(0), x2 = x.at(1);
  return a * std::pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * std::cos(x1) + s;
}

template <std::size_t D>
double hartmann(const std::vector<double>& x, const std::array<std::array<double, D>, 4>& a,
                const std::array<std::array<double, D>, 4>& p) {
  constexpr std::array<double, 4> alpha = {1.0, 1.2, 3.0, 3.2};
  double sum = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    double inner = 0;
    for (std::size_t j = 0; j < D; ++j) inner += a[i][j] * std::pow(x.at(j) - p[i][j], 2);
    sum += alpha[i] * std::exp(-inner);
  }
  return -sum;
}

double hartmann3(const std::vector<double>& x) {
  static constexpr std::array<std::array<double, 3>, 4> a = {{{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}}};
  static constexpr std::array<std::array<double, 3>, 4> p = {{{0.3689, 0.1170, 0.2673},
                                                               {0.4699, 0.4387, 0.7470},
                                                               {0.1091, 0.8732, 0.5547},
                                                               {0.0381, 0.5743, 0.8828}}};
  return hartmann<3>(x, a, p);
}

double hartmann6(const std::vector<double>& x) {
  static constexpr std::array<std::array<double, 6>, 4> a = {{{10, 3, 17, 3.5, 1.7, 8},
                                                               {0.05, 10, 17, 0.1, 8, 14},
                                                               {3, 3.5, 1.7, 10, 17, 8},
                                                               {17, 8, 0.05, 10, 0.1, 14}}};
  static constexpr std::array<std::array<double, 6>, 4> p = {{{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                                               {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                                               {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                                               {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}}};
  return hartmann<6>(x, a, p);
}

double rosenbrock(const std::vector<double>& x) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) sum += 100 * std::pow(x[i + 1] - x[i] * x[i], 2) + std::pow(1 - x[i], 2);
  return sum;
}

}  // namespace

std::optional<TestFunction> test_function_from(std::string_view name) {
  if (name == "branin") return TestFunction::Branin;
  if (name == "hartmann3") return TestFunction::Hartmann3;
  if (name == "hartmann6") return TestFunction::Hartmann6;
  if (name == "rosenbrock") return TestFunction::Rosenbrock;
  return std::nullopt;
}

double evaluate(TestFunction function, const std::vector<double>& x) {
  switch (function) {
    case TestFunction::Branin: return branin(x);
    case TestFunction::Hartmann3: return hartmann3(x);
    case TestFunction::Hartmann6: return hartmann6(x);
    case TestFunction::Rosenbrock: return rosenbrock(x);
  }
  return 0;
}

double global_minimum(TestFunction function) {
  switch (function) {
    case TestFunction::Branin: return 0.397887;
    case TestFunction::Hartmann3: return -3.86278;
    case TestFunction::Hartmann6: return -3.32237;
    case TestFunction::Rosenbrock: return 0;
  }
  return 0;
}

std::size_t dimension(TestFunction function) {
  switch (function) {
    case TestFunction::Branin: return 2;
    case TestFunction::Hartmann3: return 3;
    case TestFunction::Hartmann6: return 6;
    case TestFunction::Rosenbrock: return 0;
  }
  return 0;
}

}  // namespace emulator::objective
