#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace emulator::objective {

// The standard global-optimisation test functions (Surjanovic & Bingham's library), each
// to be minimised over its usual domain. Used as objective surfaces for training images a
// scenario maps to them, and by the optimizer-quality benchmark.
enum class TestFunction { Branin, Hartmann3, Hartmann6, Rosenbrock };

std::optional<TestFunction> test_function_from(std::string_view name);
double evaluate(TestFunction function, const std::vector<double>& x);
// The global minimum (Rosenbrock: 0 in any dimension).
double global_minimum(TestFunction function);
// The dimension the function is defined for; 0 = any (Rosenbrock).
std::size_t dimension(TestFunction function);

}  // namespace emulator::objective
