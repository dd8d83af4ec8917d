#pragma once

#include <optional>
#include <random>

#include <Eigen/Dense>

#include "emulator/strategies/gp/kernel.h"

namespace emulator::strategies::gp {

// What the marginal likelihood is maximised over. The optimiser sees them packed as
// [log l_1 … log l_d, log s², log σ², mean]: lengthscales, signal variance and noise
// variance in log space, the constant mean as it is.
struct Hyperparameters {
  Eigen::VectorXd log_lengthscales;
  double log_signal_variance = 0.0;
  double log_noise_variance = -6.907755278982137;  // σ² = 1e-3
  double mean = 0.0;

  // Lengthscale 0.5 on every input, s² = 1, σ² = 1e-3, mean 0: a neutral start for inputs
  // in [0, 1] and standardised targets.
  static Hyperparameters defaults(Eigen::Index inputs);
  static Hyperparameters unpack(const Eigen::VectorXd& packed);
  Eigen::VectorXd pack() const;

  Eigen::Index inputs() const { return log_lengthscales.size(); }
  Matern52 kernel() const;
  double noise_variance() const;
};

// The box (in the packed space) the fit stays in.
struct HyperparameterBounds {
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;
  // Lengthscales 0.01…20, s² 0.01…100, σ² 1e-6…1, mean −3…3.
  static HyperparameterBounds defaults(Eigen::Index inputs);
};

// Posterior of the latent function (noise not included) at query points.
struct Prediction {
  Eigen::VectorXd mean;
  Eigen::VectorXd variance;
};

// Exact GP regression with a constant mean, Matérn 5/2 ARD kernel and Gaussian noise.
class GaussianProcess {
 public:
  explicit GaussianProcess(Hyperparameters hyperparameters);

  // Conditions on the rows of x with targets y: Cholesky of K + σ²I, adding jitter
  // (escalating ×10 from 1e-9 s² to 1e-2 s²) while the factorisation fails. False when even
  // the largest jitter does not make it positive definite; the process is then empty.
  bool fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);
  // Adds rows without refactorising the existing ones: the Cholesky factor grows by one
  // block, O(n² m) for m new rows. Falls back to a full fit when the block is not positive
  // definite.
  bool append(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);
  // Replaces the targets of the same inputs (O(n²)); the factor is reused.
  void set_targets(const Eigen::VectorXd& y);

  Prediction predict(const Eigen::MatrixXd& x) const;
  double log_marginal_likelihood() const;

  const Hyperparameters& hyperparameters() const { return hyperparameters_; }
  const Eigen::MatrixXd& inputs() const { return x_; }
  const Eigen::VectorXd& targets() const { return y_; }
  Eigen::Index size() const { return x_.rows(); }
  double jitter() const { return jitter_; }

 private:
  void solve_alpha();

  Hyperparameters hyperparameters_;
  Matern52 kernel_;
  Eigen::MatrixXd x_;
  Eigen::VectorXd y_;
  Eigen::MatrixXd chol_;   // lower factor of K + (σ² + jitter) I
  Eigen::VectorXd alpha_;  // (K + σ²I)⁻¹ (y − mean)
  double jitter_ = 0.0;
};

struct LikelihoodValue {
  double value = 0.0;
  Eigen::VectorXd gradient;  // with respect to the packed hyperparameters
};

// log p(y | x, θ) = −½ (y−m)ᵀ K⁻¹ (y−m) − ½ log|K| − n/2 log 2π with K = K_θ(x, x) + σ²I,
// and its gradient ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) (1ᵀα for the mean). Nullopt when K is not
// positive definite even with jitter.
std::optional<LikelihoodValue> log_marginal_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                                       const Hyperparameters& hyperparameters);

struct FitOptions {
  int random_restarts = 1;        // starts besides the warm start and the defaults
  bool from_defaults = true;      // also start from Hyperparameters::defaults
  int max_iterations = 60;        // L-BFGS iterations per start
  Eigen::Index max_points = 128;  // larger data sets are subsampled (the best point always kept)
};

// Maximum-likelihood hyperparameters: projected L-BFGS with backtracking in the bounds box,
// from the warm start (when given), the defaults and random restarts; the best wins.
// Deterministic for a given engine state.
Hyperparameters fit_hyperparameters(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                    const std::optional<Hyperparameters>& warm, const FitOptions& options,
                                    std::mt19937_64& rng);

// Uniform in [0, 1) from the top 53 bits: the same sequence with every standard library.
double uniform01(std::mt19937_64& rng);

}  // namespace emulator::strategies::gp
