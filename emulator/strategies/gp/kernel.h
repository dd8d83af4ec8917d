#pragma once

#include <Eigen/Dense>

namespace emulator::strategies::gp {

// Matérn 5/2 with one lengthscale per input (ARD) and a signal variance s²:
//   k(x, x') = s² (1 + √5 r + 5/3 r²) exp(−√5 r),   r² = Σ_i ((x_i − x'_i) / l_i)².
// Points are the rows of the matrices.
class Matern52 {
 public:
  Matern52() = default;
  Matern52(Eigen::VectorXd lengthscales, double signal_variance);

  const Eigen::VectorXd& lengthscales() const { return lengthscales_; }
  double signal_variance() const { return signal_variance_; }
  Eigen::Index inputs() const { return lengthscales_.size(); }

  // K(a, b): every row of a against every row of b.
  Eigen::MatrixXd cross(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) const;
  // K(x, x) without noise; symmetric, s² on the diagonal.
  Eigen::MatrixXd gram(const Eigen::MatrixXd& x) const;

  // Σ_jk W_jk ∂K(x, x)_jk / ∂θ for θ = log l_1 … log l_d, then log s² (d + 1 entries): the
  // contraction the marginal-likelihood gradient needs, without forming d matrices.
  // W must be symmetric.
  Eigen::VectorXd contract_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w) const;

 private:
  Eigen::MatrixXd scaled(const Eigen::MatrixXd& x) const;

  Eigen::VectorXd lengthscales_;
  double signal_variance_ = 1.0;
};

}  // namespace emulator::strategies::gp
