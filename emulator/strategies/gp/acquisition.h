#pragma once

#include <cstddef>
#include <functional>
#include <random>
#include <vector>

#include <Eigen/Dense>

namespace emulator::strategies::gp {

// Expected improvement below `best` (minimisation): E[max(best − f, 0)] for f ~ N(mean, variance),
// = σ (z Φ(z) + φ(z)) with z = (best − mean) / σ.
double expected_improvement(double mean, double variance, double best);
// log EI, accurate far into the tail (an asymptotic series takes over below z = −20, where
// z Φ(z) + φ(z) would cancel to zero). −∞ only when the variance is 0 and mean ≥ best.
double log_expected_improvement(double mean, double variance, double best);

// The box [0,1]^d searched. Dimension i is ordered (categories[i] == 0: any coordinate, which
// `snap` may round, e.g. to an integer's cell centre) or categorical with k = categories[i]
// values at the cell centres (c + 0.5) / k.
struct Domain {
  std::vector<std::size_t> categories;
  // Moves a point onto the nearest legal one (in place); identity when empty.
  std::function<void(Eigen::VectorXd&)> snap;

  std::size_t size() const { return categories.size(); }
};

// Scores the rows of a batch of legal points; larger is better.
using BatchAcquisition = std::function<Eigen::VectorXd(const Eigen::MatrixXd& points)>;

struct SearchOptions {
  int random_candidates = 1000;  // uniform draws
  int perturbations = 24;        // Gaussian moves (σ 0.02, 0.05, 0.15) around each incumbent
  int local_starts = 5;          // best distinct candidates refined by pattern search
  int max_rounds = 16;           // pattern-search rounds
  double initial_step = 0.2;     // first coordinate step (halved when no move improves)
  double min_step = 2e-3;
  std::size_t keep = 16;         // distinct points returned
};

struct ScoredPoint {
  Eigen::VectorXd point;
  double value = 0.0;
};

// Multi-start local search: random candidates plus perturbations of the incumbents (the best
// observed points) are scored in one batch; the best few distinct ones are refined by a
// gradient-free coordinate pattern search (±step on ordered dimensions, every other value on
// categorical ones, the step halving when nothing improves), all starts batched per round.
// Returns up to `keep` distinct legal points, best first. Deterministic for a given engine.
std::vector<ScoredPoint> maximize_acquisition(const BatchAcquisition& acquisition, const Domain& domain,
                                              const std::vector<Eigen::VectorXd>& incumbents,
                                              const SearchOptions& options, std::mt19937_64& rng);

}  // namespace emulator::strategies::gp
