#include "emulator/strategies/gp/gaussian_process.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

namespace emulator::strategies::gp {
namespace {

constexpr double kLog2Pi = 1.8378770664093454836;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Cholesky of k + (noise + jitter) I, escalating the jitter while it fails.
bool factorise(const Eigen::MatrixXd& k, double noise, double scale, Eigen::MatrixXd& chol, double& jitter) {
  Eigen::MatrixXd a = k;
  Eigen::LLT<Eigen::MatrixXd> llt;
  for (jitter = 0.0; jitter <= 1e-2 * scale; jitter = jitter == 0.0 ? 1e-9 * scale : jitter * 10) {
    a.diagonal().array() = k.diagonal().array() + noise + jitter;
    llt.compute(a);
    if (llt.info() == Eigen::Success) {
      chol = llt.matrixL();
      return true;
    }
  }
  return false;
}

// ---- projected L-BFGS with backtracking (minimisation in a box) ----

using Objective = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& gradient)>;

struct Minimum {
  Eigen::VectorXd x;
  double value = kInfinity;
};

Minimum minimize_in_box(const Objective& f, Eigen::VectorXd x, const Eigen::VectorXd& lower,
                        const Eigen::VectorXd& upper, int max_iterations) {
  constexpr std::size_t kMemory = 6;
  const Eigen::Index n = x.size();
  x = x.cwiseMax(lower).cwiseMin(upper);
  Eigen::VectorXd g(n), next_g(n);
  double fx = f(x, g);
  if (!std::isfinite(fx)) return {x, fx};
  std::deque<std::pair<Eigen::VectorXd, Eigen::VectorXd>> pairs;  // (s, y), oldest first
  // Variables held at a bound by the gradient do not move.
  auto held = [&](Eigen::Index i) { return (x(i) <= lower(i) && g(i) > 0) || (x(i) >= upper(i) && g(i) < 0); };

  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    Eigen::VectorXd q = g;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (held(i)) q(i) = 0;
    }
    if (q.lpNorm<Eigen::Infinity>() < 1e-8) break;
    const Eigen::VectorXd projected_g = q;
    // Two-loop recursion: d = −H q.
    std::vector<double> a(pairs.size());
    for (std::size_t k = pairs.size(); k-- > 0;) {
      a[k] = pairs[k].first.dot(q) / pairs[k].second.dot(pairs[k].first);
      q -= a[k] * pairs[k].second;
    }
    if (!pairs.empty()) {
      const auto& [s, y] = pairs.back();
      q *= s.dot(y) / y.dot(y);
    }
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const double b = pairs[k].second.dot(q) / pairs[k].second.dot(pairs[k].first);
      q += (a[k] - b) * pairs[k].first;
    }
    Eigen::VectorXd d = -q;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (held(i)) d(i) = 0;
    }
    if (!(g.dot(d) < 0)) {  // not a descent direction: forget the curvature pairs
      d = -projected_g;
      pairs.clear();
    }
    double step = pairs.empty() ? std::min(1.0, 1.0 / d.lpNorm<Eigen::Infinity>()) : 1.0;
    Eigen::VectorXd next;
    double next_f = kInfinity;
    bool accepted = false;
    for (int tries = 0; tries < 30 && !accepted; ++tries, step *= 0.5) {
      next = (x + step * d).cwiseMax(lower).cwiseMin(upper);
      next_f = f(next, next_g);
      accepted = std::isfinite(next_f) && next_f <= fx + 1e-4 * g.dot(next - x);
    }
    if (!accepted) break;
    Eigen::VectorXd s = next - x, y = next_g - g;
    if (s.dot(y) > 1e-12) {
      pairs.emplace_back(std::move(s), std::move(y));
      if (pairs.size() > kMemory) pairs.pop_front();
    }
    const bool stalled = fx - next_f < 1e-9 * std::max(1.0, std::abs(fx));
    x = std::move(next);
    fx = next_f;
    g = next_g;
    if (stalled) break;
  }
  return {x, fx};
}

}  // namespace

double uniform01(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

// ---- Hyperparameters ----

Hyperparameters Hyperparameters::defaults(Eigen::Index inputs) {
  Hyperparameters h;
  h.log_lengthscales = Eigen::VectorXd::Constant(inputs, std::log(0.5));
  return h;
}

Hyperparameters Hyperparameters::unpack(const Eigen::VectorXd& packed) {
  const Eigen::Index d = packed.size() - 3;
  Hyperparameters h;
  h.log_lengthscales = packed.head(d);
  h.log_signal_variance = packed(d);
  h.log_noise_variance = packed(d + 1);
  h.mean = packed(d + 2);
  return h;
}

Eigen::VectorXd Hyperparameters::pack() const {
  Eigen::VectorXd packed(inputs() + 3);
  packed << log_lengthscales, log_signal_variance, log_noise_variance, mean;
  return packed;
}

Matern52 Hyperparameters::kernel() const {
  return Matern52(log_lengthscales.array().exp().matrix(), std::exp(log_signal_variance));
}

double Hyperparameters::noise_variance() const { return std::exp(log_noise_variance); }

HyperparameterBounds HyperparameterBounds::defaults(Eigen::Index inputs) {
  HyperparameterBounds b;
  b.lower.resize(inputs + 3);
  b.upper.resize(inputs + 3);
  b.lower.head(inputs).setConstant(std::log(0.01));
  b.upper.head(inputs).setConstant(std::log(20.0));
  b.lower.tail(3) << std::log(0.01), std::log(1e-6), -3.0;
  b.upper.tail(3) << std::log(100.0), std::log(1.0), 3.0;
  return b;
}

// ---- GaussianProcess ----

GaussianProcess::GaussianProcess(Hyperparameters hyperparameters)
    : hyperparameters_(std::move(hyperparameters)), kernel_(hyperparameters_.kernel()) {
  x_.resize(0, hyperparameters_.inputs());
}

bool GaussianProcess::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  x_ = x;
  y_ = y;
  if (!factorise(kernel_.gram(x_), hyperparameters_.noise_variance(), kernel_.signal_variance(), chol_, jitter_)) {
    x_.resize(0, hyperparameters_.inputs());
    y_.resize(0);
    chol_.resize(0, 0);
    alpha_.resize(0);
    return false;
  }
  solve_alpha();
  return true;
}

bool GaussianProcess::append(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  if (x.rows() == 0) return true;
  const Eigen::Index n = x_.rows(), m = x.rows();
  Eigen::MatrixXd all_x(n + m, x_.cols());
  all_x << x_, x;
  Eigen::VectorXd all_y(n + m);
  all_y << y_, y;
  if (n == 0) return fit(all_x, all_y);

  // [L 0; Bᵀ C] with L B = K(X, x) and C Cᵀ = K(x, x) + (σ² + jitter) I − Bᵀ B.
  const Eigen::MatrixXd b = chol_.triangularView<Eigen::Lower>().solve(kernel_.cross(x_, x));
  Eigen::MatrixXd schur = kernel_.gram(x) - b.transpose() * b;
  schur.diagonal().array() += hyperparameters_.noise_variance() + jitter_;
  Eigen::LLT<Eigen::MatrixXd> llt(schur);
  if (llt.info() != Eigen::Success) return fit(all_x, all_y);
  Eigen::MatrixXd chol = Eigen::MatrixXd::Zero(n + m, n + m);
  chol.topLeftCorner(n, n) = chol_;
  chol.bottomLeftCorner(m, n) = b.transpose();
  chol.bottomRightCorner(m, m) = llt.matrixL();
  chol_ = std::move(chol);
  x_ = std::move(all_x);
  y_ = std::move(all_y);
  solve_alpha();
  return true;
}

void GaussianProcess::set_targets(const Eigen::VectorXd& y) {
  y_ = y;
  solve_alpha();
}

void GaussianProcess::solve_alpha() {
  alpha_ = y_.array() - hyperparameters_.mean;
  chol_.triangularView<Eigen::Lower>().solveInPlace(alpha_);
  chol_.transpose().triangularView<Eigen::Upper>().solveInPlace(alpha_);
}

Prediction GaussianProcess::predict(const Eigen::MatrixXd& x) const {
  Prediction p;
  const double s2 = kernel_.signal_variance();
  if (x_.rows() == 0) {
    p.mean = Eigen::VectorXd::Constant(x.rows(), hyperparameters_.mean);
    p.variance = Eigen::VectorXd::Constant(x.rows(), s2);
    return p;
  }
  Eigen::MatrixXd cross_t = kernel_.cross(x_, x);  // n × m
  p.mean = (cross_t.transpose() * alpha_).array() + hyperparameters_.mean;
  chol_.triangularView<Eigen::Lower>().solveInPlace(cross_t);
  p.variance = (s2 - cross_t.colwise().squaredNorm().transpose().array()).cwiseMax(0.0);
  return p;
}

double GaussianProcess::log_marginal_likelihood() const {
  const Eigen::VectorXd residual = y_.array() - hyperparameters_.mean;
  return -0.5 * residual.dot(alpha_) - chol_.diagonal().array().log().sum() - 0.5 * double(y_.size()) * kLog2Pi;
}

// ---- marginal likelihood and its gradient ----

std::optional<LikelihoodValue> log_marginal_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                                       const Hyperparameters& h) {
  const Eigen::Index n = x.rows(), d = h.inputs();
  const Matern52 kernel = h.kernel();
  const double noise = h.noise_variance();
  Eigen::MatrixXd chol;
  double jitter = 0;
  if (!factorise(kernel.gram(x), noise, kernel.signal_variance(), chol, jitter)) return std::nullopt;
  const auto lower = chol.triangularView<Eigen::Lower>();
  const auto upper = chol.transpose().triangularView<Eigen::Upper>();
  const Eigen::VectorXd residual = y.array() - h.mean;
  Eigen::VectorXd alpha = residual;
  lower.solveInPlace(alpha);
  upper.solveInPlace(alpha);

  LikelihoodValue out;
  out.value = -0.5 * residual.dot(alpha) - chol.diagonal().array().log().sum() - 0.5 * double(n) * kLog2Pi;

  Eigen::MatrixXd inverse = Eigen::MatrixXd::Identity(n, n);
  lower.solveInPlace(inverse);
  upper.solveInPlace(inverse);
  Eigen::MatrixXd w = alpha * alpha.transpose() - inverse;
  w = (0.5 * (w + w.transpose())).eval();  // exactly symmetric
  out.gradient.resize(d + 3);
  out.gradient.head(d + 1) = 0.5 * kernel.contract_gradient(x, w);
  out.gradient(d + 1) = 0.5 * noise * w.trace();
  out.gradient(d + 2) = alpha.sum();
  return out;
}

Hyperparameters fit_hyperparameters(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                    const std::optional<Hyperparameters>& warm, const FitOptions& options,
                                    std::mt19937_64& rng) {
  const Eigen::Index d = x.cols();
  const auto bounds = HyperparameterBounds::defaults(d);

  // Subsample large data sets: the best point plus a uniform draw of the others.
  Eigen::MatrixXd fit_x = x;
  Eigen::VectorXd fit_y = y;
  if (x.rows() > options.max_points && options.max_points > 0) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(x.rows()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    Eigen::Index best = 0;
    y.minCoeff(&best);
    std::swap(order[0], order[static_cast<std::size_t>(best)]);
    for (std::size_t i = 1; i < static_cast<std::size_t>(options.max_points); ++i) {
      const auto j = i + static_cast<std::size_t>(uniform01(rng) * double(order.size() - i));
      std::swap(order[i], order[std::min(j, order.size() - 1)]);
    }
    order.resize(static_cast<std::size_t>(options.max_points));
    std::sort(order.begin(), order.end());
    fit_x.resize(options.max_points, d);
    fit_y.resize(options.max_points);
    for (Eigen::Index i = 0; i < options.max_points; ++i) {
      fit_x.row(i) = x.row(order[static_cast<std::size_t>(i)]);
      fit_y(i) = y(order[static_cast<std::size_t>(i)]);
    }
  }
  const double scale = 1.0 / double(std::max<Eigen::Index>(1, fit_x.rows()));
  const Objective objective = [&](const Eigen::VectorXd& packed, Eigen::VectorXd& gradient) {
    auto value = log_marginal_likelihood(fit_x, fit_y, Hyperparameters::unpack(packed));
    if (!value || !std::isfinite(value->value)) return kInfinity;
    gradient = -scale * value->gradient;
    return -scale * value->value;
  };

  std::vector<Eigen::VectorXd> starts;
  if (warm && warm->inputs() == d) starts.push_back(warm->pack());
  if (options.from_defaults || starts.empty()) starts.push_back(Hyperparameters::defaults(d).pack());
  for (int r = 0; r < options.random_restarts; ++r) {
    Hyperparameters h = Hyperparameters::defaults(d);
    for (Eigen::Index i = 0; i < d; ++i) h.log_lengthscales(i) = std::log(0.1) + uniform01(rng) * std::log(20.0);
    h.log_signal_variance = std::log(0.3) + uniform01(rng) * std::log(10.0);
    h.log_noise_variance = std::log(1e-5) + uniform01(rng) * std::log(1e4);
    starts.push_back(h.pack());
  }
  Minimum best{starts.front(), kInfinity};
  for (const auto& start : starts) {
    Minimum m = minimize_in_box(objective, start, bounds.lower, bounds.upper, options.max_iterations);
    if (m.value < best.value) best = std::move(m);
  }
  return Hyperparameters::unpack(best.x.cwiseMax(bounds.lower).cwiseMin(bounds.upper));
}

}  // namespace emulator::strategies::gp
