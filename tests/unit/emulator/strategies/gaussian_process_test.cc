#include "emulator/strategies/gp/gaussian_process.h"

#include <cmath>

#include <gtest/gtest.h>

namespace emulator::strategies::gp {
namespace {

constexpr double kPi = 3.14159265358979323846;

double matern(double r) {
  const double a = std::sqrt(5.0) * r;
  return (1 + a + a * a / 3) * std::exp(-a);
}

Hyperparameters one_d(double noise, double mean) {
  Hyperparameters h;
  h.log_lengthscales = Eigen::VectorXd::Zero(1);  // l = 1
  h.log_signal_variance = 0.0;                    // s² = 1
  h.log_noise_variance = std::log(noise);
  h.mean = mean;
  return h;
}

// Two observations x = 0, 1 with y = 1, −1: K = [[1+σ², k], [k, 1+σ²]] inverted by hand.
TEST(GaussianProcess, PosteriorOfTwoPointsMatchesTheHandComputedOne) {
  const double noise = 0.01, m = 0.3;
  GaussianProcess gp(one_d(noise, m));
  Eigen::MatrixXd x(2, 1);
  x << 0.0, 1.0;
  Eigen::VectorXd y(2);
  y << 1.0, -1.0;
  ASSERT_TRUE(gp.fit(x, y));

  const double a = 1 + noise, k = matern(1.0), det = a * a - k * k;
  const double inv00 = a / det, inv01 = -k / det;
  const double r0 = y(0) - m, r1 = y(1) - m;
  const double alpha0 = inv00 * r0 + inv01 * r1, alpha1 = inv01 * r0 + inv00 * r1;

  Eigen::MatrixXd q(3, 1);
  q << 0.25, 0.0, 2.0;
  const Prediction p = gp.predict(q);
  for (int i = 0; i < 3; ++i) {
    const double k0 = matern(std::abs(q(i, 0) - 0.0)), k1 = matern(std::abs(q(i, 0) - 1.0));
    const double mean = m + k0 * alpha0 + k1 * alpha1;
    const double variance = 1 - (k0 * (inv00 * k0 + inv01 * k1) + k1 * (inv01 * k0 + inv00 * k1));
    EXPECT_NEAR(p.mean(i), mean, 1e-12) << "at " << q(i, 0);
    EXPECT_NEAR(p.variance(i), variance, 1e-12) << "at " << q(i, 0);
  }
  // At an observation: close to the data with little noise, variance ≈ σ².
  EXPECT_NEAR(p.mean(1), 1.0, 0.02);
  EXPECT_LT(p.variance(1), noise);

  const double lml = -0.5 * (r0 * alpha0 + r1 * alpha1) - 0.5 * std::log(det) - std::log(2 * kPi);
  EXPECT_NEAR(gp.log_marginal_likelihood(), lml, 1e-12);
  EXPECT_NEAR(log_marginal_likelihood(x, y, one_d(noise, m))->value, lml, 1e-12);
}

TEST(GaussianProcess, OnePointShrinksTowardsTheObservation) {
  GaussianProcess gp(one_d(0.5, 0.0));
  Eigen::MatrixXd x(1, 1);
  x << 0.4;
  Eigen::VectorXd y(1);
  y << 2.0;
  ASSERT_TRUE(gp.fit(x, y));
  const Prediction p = gp.predict(x);
  EXPECT_NEAR(p.mean(0), 2.0 / 1.5, 1e-12);           // s² / (s² + σ²) · y
  EXPECT_NEAR(p.variance(0), 1.0 - 1.0 / 1.5, 1e-12);  // s² − s⁴ / (s² + σ²)
}

TEST(GaussianProcess, EmptyProcessIsThePrior) {
  Hyperparameters h = one_d(0.01, 0.7);
  h.log_signal_variance = std::log(2.0);
  GaussianProcess gp(h);
  const Prediction p = gp.predict(Eigen::MatrixXd::Constant(2, 1, 0.5));
  EXPECT_DOUBLE_EQ(p.mean(0), 0.7);
  EXPECT_NEAR(p.variance(1), 2.0, 1e-12);
}

TEST(GaussianProcess, MarginalLikelihoodGradientMatchesFiniteDifferences) {
  Eigen::MatrixXd x = (Eigen::MatrixXd::Random(9, 2).array() + 1.0) / 2.0;
  Eigen::VectorXd y(9);
  for (int i = 0; i < 9; ++i) y(i) = std::sin(6 * x(i, 0)) + 0.5 * x(i, 1) * x(i, 1);
  Hyperparameters h;
  h.log_lengthscales = Eigen::Vector2d(std::log(0.4), std::log(1.5));
  h.log_signal_variance = std::log(0.8);
  h.log_noise_variance = std::log(0.05);
  h.mean = 0.2;
  const auto value = log_marginal_likelihood(x, y, h);
  ASSERT_TRUE(value);
  const Eigen::VectorXd packed = h.pack();
  ASSERT_EQ(value->gradient.size(), packed.size());
  const double step = 1e-6;
  for (Eigen::Index i = 0; i < packed.size(); ++i) {
    Eigen::VectorXd up = packed, down = packed;
    up(i) += step;
    down(i) -= step;
    const double numeric = (log_marginal_likelihood(x, y, Hyperparameters::unpack(up))->value -
                            log_marginal_likelihood(x, y, Hyperparameters::unpack(down))->value) / (2 * step);
    EXPECT_NEAR(value->gradient(i), numeric, 1e-6 * (1 + std::abs(numeric))) << "parameter " << i;
  }
}

TEST(GaussianProcess, AppendingEqualsFittingEverything) {
  Hyperparameters h = Hyperparameters::defaults(2);
  Eigen::MatrixXd x = (Eigen::MatrixXd::Random(12, 2).array() + 1.0) / 2.0;
  Eigen::VectorXd y = Eigen::VectorXd::Random(12);
  GaussianProcess all(h), grown(h);
  ASSERT_TRUE(all.fit(x, y));
  ASSERT_TRUE(grown.fit(x.topRows(7), y.head(7)));
  ASSERT_TRUE(grown.append(x.bottomRows(5), y.tail(5)));
  Eigen::MatrixXd q = (Eigen::MatrixXd::Random(20, 2).array() + 1.0) / 2.0;
  const Prediction a = all.predict(q), b = grown.predict(q);
  EXPECT_LT((a.mean - b.mean).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_LT((a.variance - b.variance).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_NEAR(all.log_marginal_likelihood(), grown.log_marginal_likelihood(), 1e-9);

  Eigen::VectorXd other = Eigen::VectorXd::Random(12);
  grown.set_targets(other);
  ASSERT_TRUE(all.fit(x, other));
  EXPECT_LT((all.predict(q).mean - grown.predict(q).mean).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(GaussianProcess, JitterRescuesDuplicatePointsWithoutNoise) {
  Hyperparameters h = Hyperparameters::defaults(1);
  h.log_noise_variance = std::log(1e-300);
  Eigen::MatrixXd x(3, 1);
  x << 0.5, 0.5, 0.5;
  Eigen::VectorXd y(3);
  y << 1.0, 1.0, 1.0;
  GaussianProcess gp(h);
  ASSERT_TRUE(gp.fit(x, y));
  EXPECT_GT(gp.jitter(), 0.0);
  EXPECT_NEAR(gp.predict(x.topRows(1)).mean(0), 1.0, 1e-3);
}

TEST(GaussianProcess, FittedHyperparametersRaiseTheLikelihoodAndIgnoreAnIrrelevantInput) {
  std::mt19937_64 rng(5);
  Eigen::MatrixXd x(40, 2);
  Eigen::VectorXd y(40);
  for (int i = 0; i < 40; ++i) {
    x(i, 0) = uniform01(rng);
    x(i, 1) = uniform01(rng);
    y(i) = std::sin(7 * x(i, 0));  // the second input does not matter
  }
  y = (y.array() - y.mean()) / std::sqrt((y.array() - y.mean()).square().mean());
  const Hyperparameters start = Hyperparameters::defaults(2);
  const Hyperparameters fitted = fit_hyperparameters(x, y, std::nullopt, FitOptions{}, rng);
  EXPECT_GT(log_marginal_likelihood(x, y, fitted)->value, log_marginal_likelihood(x, y, start)->value + 10);
  EXPECT_GT(fitted.log_lengthscales(1), fitted.log_lengthscales(0) + 1.0);
  EXPECT_LT(fitted.noise_variance(), 1e-2);
  const auto bounds = HyperparameterBounds::defaults(2);
  const Eigen::VectorXd packed = fitted.pack();
  EXPECT_TRUE((packed.array() >= bounds.lower.array()).all());
  EXPECT_TRUE((packed.array() <= bounds.upper.array()).all());
}

TEST(GaussianProcess, FitIsDeterministicForAnEngineState) {
  Eigen::MatrixXd x = (Eigen::MatrixXd::Random(200, 3).array() + 1.0) / 2.0;
  Eigen::VectorXd y = (x.col(0).array() * 4).sin() + x.col(2).array();
  FitOptions options;
  options.max_points = 64;  // subsampled
  std::mt19937_64 a(11), b(11);
  EXPECT_EQ(fit_hyperparameters(x, y, std::nullopt, options, a).pack(),
            fit_hyperparameters(x, y, std::nullopt, options, b).pack());
}

}  // namespace
}  // namespace emulator::strategies::gp
