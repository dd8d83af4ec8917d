#include "emulator/strategies/gp/acquisition.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "emulator/strategies/gp/gaussian_process.h"

namespace emulator::strategies::gp {
namespace {

constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kLogSqrt2Pi = 0.91893853320467274178;
constexpr double kPi = 3.14159265358979323846;
constexpr double kTailStart = -20.0;

double normal_pdf(double z) { return std::exp(-0.5 * z * z - kLogSqrt2Pi); }
double normal_cdf(double z) { return 0.5 * std::erfc(-z * kInvSqrt2); }

// log(z Φ(z) + φ(z)).
double log_h(double z) {
  if (z > kTailStart) return std::log(z * normal_cdf(z) + normal_pdf(z));
  // z Φ(z) + φ(z) = φ(z)/z² (1 − 3/z² + 15/z⁴ − 105/z⁶ + 945/z⁸ − …) as z → −∞.
  const double u = 1.0 / (z * z);
  return -0.5 * z * z - kLogSqrt2Pi + std::log(u) + std::log1p(u * (-3.0 + u * (15.0 + u * (-105.0 + u * 945.0))));
}

double gaussian(std::mt19937_64& rng) {
  const double u1 = 1.0 - uniform01(rng), u2 = uniform01(rng);  // u1 in (0, 1]
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

bool same(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() && (a.size() == 0 || (a - b).cwiseAbs().maxCoeff() < 1e-12);
}

Eigen::VectorXd score(const BatchAcquisition& acquisition, const std::vector<Eigen::VectorXd>& points,
                      Eigen::Index dims) {
  Eigen::MatrixXd batch(static_cast<Eigen::Index>(points.size()), dims);
  for (std::size_t i = 0; i < points.size(); ++i) batch.row(static_cast<Eigen::Index>(i)) = points[i].transpose();
  Eigen::VectorXd values = acquisition(batch);
  for (auto& v : values) {
    if (std::isnan(v)) v = -std::numeric_limits<double>::infinity();
  }
  return values;
}

struct Start {
  Eigen::VectorXd x;
  double value;
  double step;
};

}  // namespace

double expected_improvement(double mean, double variance, double best) {
  if (!(variance > 0)) return std::max(best - mean, 0.0);
  const double sigma = std::sqrt(variance);
  const double z = (best - mean) / sigma;
  return sigma * (z > kTailStart ? z * normal_cdf(z) + normal_pdf(z) : std::exp(log_h(z)));
}

double log_expected_improvement(double mean, double variance, double best) {
  if (!(variance > 0)) return std::log(std::max(best - mean, 0.0));
  const double sigma = std::sqrt(variance);
  return std::log(sigma) + log_h((best - mean) / sigma);
}

namespace {

// Onto the domain: the box, categorical cell centres, then the domain's own snapping.
void make_legal(const Domain& domain, Eigen::VectorXd& x) {
  x = x.cwiseMax(0.0).cwiseMin(1.0);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (const auto k = domain.categories[static_cast<std::size_t>(i)]; k > 0) {
      const auto c = std::min<double>(double(k) - 1, std::floor(x(i) * double(k)));
      x(i) = (c + 0.5) / double(k);
    }
  }
  if (domain.snap) domain.snap(x);
}

// Uniform draws, then Gaussian perturbations of the incumbents (categoricals: another value
// now and then).
std::vector<Eigen::VectorXd> initial_candidates(const Domain& domain, const std::vector<Eigen::VectorXd>& incumbents,
                                                const SearchOptions& options, std::mt19937_64& rng) {
  const auto dims = static_cast<Eigen::Index>(domain.size());
  std::vector<Eigen::VectorXd> candidates;
  const int random = dims == 0 ? 1 : std::max(1, options.random_candidates);
  candidates.reserve(static_cast<std::size_t>(random) + incumbents.size() * static_cast<std::size_t>(options.perturbations));
  for (int c = 0; c < random; ++c) {
    Eigen::VectorXd x(dims);
    for (Eigen::Index i = 0; i < dims; ++i) x(i) = uniform01(rng);
    make_legal(domain, x);
    candidates.push_back(std::move(x));
  }
  static constexpr double kScales[] = {0.02, 0.05, 0.15};
  for (const auto& incumbent : incumbents) {
    if (incumbent.size() != dims || dims == 0) continue;
    for (int p = 0; p < options.perturbations; ++p) {
      Eigen::VectorXd x = incumbent;
      const double sigma = kScales[p % 3];
      for (Eigen::Index i = 0; i < dims; ++i) {
        const auto k = domain.categories[static_cast<std::size_t>(i)];
        if (k == 0) {
          x(i) += sigma * gaussian(rng);
        } else if (uniform01(rng) < 1.0 / double(dims)) {
          x(i) = uniform01(rng);  // another value of the categorical, at random
        }
      }
      make_legal(domain, x);
      candidates.push_back(std::move(x));
    }
  }
  return candidates;
}

// The moves of one pattern-search round from `start`: ±step on every ordered dimension,
// every other value of every categorical one.
void add_moves(const Domain& domain, const Start& start, std::size_t owner_index, std::vector<Eigen::VectorXd>& trials,
               std::vector<std::size_t>& owner) {
  auto add = [&](Eigen::VectorXd y) {
    make_legal(domain, y);
    if (!same(y, start.x)) {
      trials.push_back(std::move(y));
      owner.push_back(owner_index);
    }
  };
  for (Eigen::Index i = 0; i < start.x.size(); ++i) {
    const auto k = domain.categories[static_cast<std::size_t>(i)];
    if (k == 0) {
      for (double sign : {-1.0, 1.0}) {
        Eigen::VectorXd y = start.x;
        y(i) += sign * start.step;
        add(std::move(y));
      }
    } else {
      for (std::size_t c = 0; c < k; ++c) {
        Eigen::VectorXd y = start.x;
        y(i) = (double(c) + 0.5) / double(k);
        add(std::move(y));
      }
    }
  }
}

// Coordinate pattern search from every start, all starts batched per round: each moves to
// its best improving trial, or halves its step.
void pattern_search(const BatchAcquisition& acquisition, const Domain& domain, const SearchOptions& options,
                    std::vector<Start>& starts) {
  const auto dims = static_cast<Eigen::Index>(domain.size());
  for (int round = 0; round < options.max_rounds && dims > 0; ++round) {
    std::vector<Eigen::VectorXd> trials;
    std::vector<std::size_t> owner;
    for (std::size_t s = 0; s < starts.size(); ++s) {
      if (starts[s].step >= options.min_step) add_moves(domain, starts[s], s, trials, owner);
    }
    if (trials.empty()) break;
    const Eigen::VectorXd trial_values = score(acquisition, trials, dims);
    std::vector<std::ptrdiff_t> best(starts.size(), -1);
    for (std::size_t t = 0; t < trials.size(); ++t) {
      const auto s = owner[t];
      const double v = trial_values(static_cast<Eigen::Index>(t));
      if (v > starts[s].value && (best[s] < 0 || v > trial_values(best[s]))) best[s] = static_cast<std::ptrdiff_t>(t);
    }
    for (std::size_t s = 0; s < starts.size(); ++s) {
      if (starts[s].step < options.min_step) continue;
      if (best[s] >= 0) {
        starts[s].x = trials[static_cast<std::size_t>(best[s])];
        starts[s].value = trial_values(best[s]);
      } else {
        starts[s].step *= 0.5;
      }
    }
  }
}

}  // namespace

std::vector<ScoredPoint> maximize_acquisition(const BatchAcquisition& acquisition, const Domain& domain,
                                              const std::vector<Eigen::VectorXd>& incumbents,
                                              const SearchOptions& options, std::mt19937_64& rng) {
  const auto dims = static_cast<Eigen::Index>(domain.size());
  // 1. Candidates, scored in one batch.
  const std::vector<Eigen::VectorXd> candidates = initial_candidates(domain, incumbents, options, rng);
  const Eigen::VectorXd values = score(acquisition, candidates, dims);
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return values(static_cast<Eigen::Index>(a)) > values(static_cast<Eigen::Index>(b));
  });

  // 2. The best distinct candidates start a coordinate pattern search.
  std::vector<Start> starts;
  for (std::size_t index : order) {
    if (starts.size() >= static_cast<std::size_t>(std::max(0, options.local_starts))) break;
    const auto& x = candidates[index];
    if (std::any_of(starts.begin(), starts.end(), [&](const Start& s) { return same(s.x, x); })) continue;
    starts.push_back({x, values(static_cast<Eigen::Index>(index)), options.initial_step});
  }
  pattern_search(acquisition, domain, options, starts);

  // 3. Refined starts and the remaining candidates, best first, without repeats.
  std::vector<ScoredPoint> pool;
  for (const auto& s : starts) pool.push_back({s.x, s.value});
  for (std::size_t index : order) {
    if (pool.size() >= starts.size() + options.keep) break;
    pool.push_back({candidates[index], values(static_cast<Eigen::Index>(index))});
  }
  std::stable_sort(pool.begin(), pool.end(), [](const ScoredPoint& a, const ScoredPoint& b) { return a.value > b.value; });
  std::vector<ScoredPoint> out;
  for (auto& p : pool) {
    if (out.size() >= options.keep) break;
    if (std::none_of(out.begin(), out.end(), [&](const ScoredPoint& q) { return same(q.point, p.point); })) {
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace emulator::strategies::gp
