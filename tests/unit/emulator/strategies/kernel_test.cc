#include "emulator/strategies/gp/kernel.h"

#include <cmath>

#include <gtest/gtest.h>

namespace emulator::strategies::gp {
namespace {

double matern(double r, double s2) {
  const double a = std::sqrt(5.0) * r;
  return s2 * (1 + a + a * a / 3) * std::exp(-a);
}

TEST(Kernel, Matern52MatchesTheFormulaWithArdLengthscales) {
  Eigen::VectorXd l(2);
  l << 0.5, 2.0;
  const Matern52 k(l, 1.7);
  Eigen::MatrixXd a(2, 2), b(1, 2);
  a << 0.1, 0.2,
       0.9, 0.4;
  b << 0.3, 0.9;
  const Eigen::MatrixXd c = k.cross(a, b);
  ASSERT_EQ(c.rows(), 2);
  ASSERT_EQ(c.cols(), 1);
  const double r0 = std::hypot((0.1 - 0.3) / 0.5, (0.2 - 0.9) / 2.0);
  const double r1 = std::hypot((0.9 - 0.3) / 0.5, (0.4 - 0.9) / 2.0);
  EXPECT_NEAR(c(0, 0), matern(r0, 1.7), 1e-12);
  EXPECT_NEAR(c(1, 0), matern(r1, 1.7), 1e-12);
}

TEST(Kernel, GramIsSymmetricWithTheSignalVarianceOnTheDiagonal) {
  const Matern52 k(Eigen::VectorXd::Constant(3, 0.3), 2.5);
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(6, 3).cwiseAbs();
  const Eigen::MatrixXd g = k.gram(x);
  EXPECT_EQ(g, g.transpose());
  for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(g(i, i), 2.5);
  EXPECT_TRUE(g.isApprox(k.cross(x, x), 1e-12));
}

TEST(Kernel, ContractedGradientMatchesFiniteDifferences) {
  Eigen::VectorXd log_l(3);
  log_l << std::log(0.3), std::log(1.2), std::log(0.05);
  const double log_s2 = std::log(1.4);
  Eigen::MatrixXd x = (Eigen::MatrixXd::Random(7, 3).array() + 1.0) / 2.0;
  Eigen::MatrixXd w = Eigen::MatrixXd::Random(7, 7);
  w = (w + w.transpose()).eval();
  auto contracted = [&](const Eigen::VectorXd& ll, double ls2) {
    return (w.array() * Matern52(ll.array().exp().matrix(), std::exp(ls2)).gram(x).array()).sum();
  };
  const Eigen::VectorXd g = Matern52(log_l.array().exp().matrix(), std::exp(log_s2)).contract_gradient(x, w);
  ASSERT_EQ(g.size(), 4);
  const double h = 1e-6;
  for (int i = 0; i < 3; ++i) {
    Eigen::VectorXd up = log_l, down = log_l;
    up(i) += h;
    down(i) -= h;
    EXPECT_NEAR(g(i), (contracted(up, log_s2) - contracted(down, log_s2)) / (2 * h), 1e-6 * (1 + std::abs(g(i))));
  }
  EXPECT_NEAR(g(3), (contracted(log_l, log_s2 + h) - contracted(log_l, log_s2 - h)) / (2 * h), 1e-6 * (1 + std::abs(g(3))));
}

}  // namespace
}  // namespace emulator::strategies::gp
