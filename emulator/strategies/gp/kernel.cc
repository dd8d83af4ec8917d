#include "emulator/strategies/gp/kernel.h"

#include <utility>

namespace emulator::strategies::gp {
namespace {

constexpr double kSqrt5 = 2.2360679774997896964;

// ‖a_j − b_k‖² for every pair of rows, from the norms and one product (clamped at 0
// against rounding).
Eigen::MatrixXd squared_distances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd d = -2.0 * (a * b.transpose());
  d.colwise() += a.rowwise().squaredNorm();
  d.rowwise() += b.rowwise().squaredNorm().transpose();
  return d.cwiseMax(0.0);
}

Eigen::MatrixXd matern(const Eigen::MatrixXd& r2, double s2) {
  const Eigen::ArrayXXd r = r2.array().sqrt();
  return (s2 * (1.0 + kSqrt5 * r + (5.0 / 3.0) * r2.array()) * (-kSqrt5 * r).exp()).matrix();
}

}  // namespace

Matern52::Matern52(Eigen::VectorXd lengthscales, double signal_variance)
    : lengthscales_(std::move(lengthscales)), signal_variance_(signal_variance) {}

Eigen::MatrixXd Matern52::scaled(const Eigen::MatrixXd& x) const {
  return x * lengthscales_.cwiseInverse().asDiagonal();
}

Eigen::MatrixXd Matern52::cross(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) const {
  return matern(squared_distances(scaled(a), scaled(b)), signal_variance_);
}

Eigen::MatrixXd Matern52::gram(const Eigen::MatrixXd& x) const {
  const Eigen::MatrixXd xs = scaled(x);
  Eigen::MatrixXd k = matern(squared_distances(xs, xs), signal_variance_);
  k.diagonal().setConstant(signal_variance_);
  // Mirror the lower triangle so the matrix is exactly symmetric.
  Eigen::MatrixXd symmetric = k.selfadjointView<Eigen::Lower>();
  return symmetric;
}

Eigen::VectorXd Matern52::contract_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w) const {
  const Eigen::Index d = inputs();
  const Eigen::MatrixXd xs = scaled(x);
  const Eigen::ArrayXXd r2 = squared_distances(xs, xs).array();
  const Eigen::ArrayXXd r = r2.sqrt();
  const Eigen::ArrayXXd e = (-kSqrt5 * r).exp();
  const double s2 = signal_variance_;
  // ∂k/∂log s² = k;  ∂k/∂log l_i = s² (5/3)(1 + √5 r) exp(−√5 r) · ((x_i − x'_i) / l_i)².
  const Eigen::ArrayXXd k = s2 * (1.0 + kSqrt5 * r + (5.0 / 3.0) * r2) * e;
  const Eigen::ArrayXXd g = w.array() * (s2 * (5.0 / 3.0) * (1.0 + kSqrt5 * r) * e);
  Eigen::VectorXd out(d + 1);
  for (Eigen::Index i = 0; i < d; ++i) {
    double sum = 0;
    const auto column = xs.col(i).array();
    for (Eigen::Index c = 0; c < xs.rows(); ++c) {
      sum += (g.col(c) * (column - xs(c, i)).square()).sum();
    }
    out(i) = sum;
  }
  out(d) = (w.array() * k).sum();
  return out;
}

}  // namespace emulator::strategies::gp
