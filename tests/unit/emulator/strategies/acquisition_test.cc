#include "emulator/strategies/gp/acquisition.h"

#include <cmath>

#include <gtest/gtest.h>

namespace emulator::strategies::gp {
namespace {

TEST(Acquisition, ExpectedImprovementMatchesTheClosedForm) {
  // z = 0: EI = σ φ(0) = σ / √(2π).
  EXPECT_NEAR(expected_improvement(1.0, 4.0, 1.0), 2.0 * 0.3989422804014327, 1e-14);
  // z = 1 with σ = 1: Φ(1) + φ(1).
  EXPECT_NEAR(expected_improvement(0.0, 1.0, 1.0), 0.8413447460685429 + 0.24197072451914337, 1e-14);
  // z = −2 with σ = 0.5: 0.5 (−2 Φ(−2) + φ(−2)).
  EXPECT_NEAR(expected_improvement(1.0, 0.25, 0.0), 0.5 * (-2 * 0.022750131948179195 + 0.05399096651318806), 1e-15);
  // Without variance: the plain improvement.
  EXPECT_DOUBLE_EQ(expected_improvement(0.2, 0.0, 1.0), 0.8);
  EXPECT_DOUBLE_EQ(expected_improvement(1.2, 0.0, 1.0), 0.0);
}

TEST(Acquisition, LogExpectedImprovementAgreesAndStaysFiniteInTheTail) {
  for (double z : {3.0, 0.5, 0.0, -1.0, -5.0, -12.0, -19.9}) {
    EXPECT_NEAR(log_expected_improvement(-z, 1.0, 0.0), std::log(expected_improvement(-z, 1.0, 0.0)), 1e-9) << z;
  }
  // Across the switch to the asymptotic series at z = −20: continuous and decreasing.
  const double before = log_expected_improvement(19.999999, 1.0, 0.0), after = log_expected_improvement(20.000001, 1.0, 0.0);
  EXPECT_NEAR(before, after, 1e-4);
  EXPECT_GT(before, after);
  // z = −40: EI underflows to about 1e-351, its log is ≈ −0.5·1600 − log√(2π) − 2 log 40.
  const double deep = log_expected_improvement(40.0, 1.0, 0.0);
  EXPECT_TRUE(std::isfinite(deep));
  EXPECT_NEAR(deep, -800.0 - 0.9189385332046727 - 2 * std::log(40.0), 2e-3);
  double previous = 0;
  for (double mean = 0; mean < 100; mean += 0.5) {
    const double v = log_expected_improvement(mean, 1.0, 0.0);
    if (mean > 0) {
      EXPECT_LT(v, previous) << mean;
    }
    previous = v;
  }
  EXPECT_EQ(log_expected_improvement(2.0, 0.0, 1.0), -std::numeric_limits<double>::infinity());
}

TEST(Acquisition, LocalSearchFindsTheMaximumOfASmoothFunction) {
  const BatchAcquisition f = [](const Eigen::MatrixXd& p) {
    return Eigen::VectorXd(-((p.col(0).array() - 0.31).square() + 4 * (p.col(1).array() - 0.77).square()));
  };
  Domain domain{{0, 0}, {}};
  std::mt19937_64 rng(3);
  const auto found = maximize_acquisition(f, domain, {}, SearchOptions{}, rng);
  ASSERT_FALSE(found.empty());
  EXPECT_NEAR(found[0].point(0), 0.31, 5e-3);
  EXPECT_NEAR(found[0].point(1), 0.77, 5e-3);
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].value, found[i].value);
}

TEST(Acquisition, CategoricalAndSnappedDimensionsStayLegal) {
  // Dimension 0: categorical with 3 values; dimension 1: snapped to tenths. Best at (value 2, 0.6).
  const BatchAcquisition f = [](const Eigen::MatrixXd& p) {
    Eigen::VectorXd v(p.rows());
    for (Eigen::Index r = 0; r < p.rows(); ++r) {
      v(r) = (std::abs(p(r, 0) - 2.5 / 3) < 1e-12 ? 1.0 : 0.0) - std::abs(p(r, 1) - 0.63);
    }
    return v;
  };
  Domain domain{{3, 0}, [](Eigen::VectorXd& u) { u(1) = (std::floor(u(1) * 10) + 0.5) / 10; }};
  std::mt19937_64 rng(4);
  Eigen::VectorXd incumbent(2);
  incumbent << 0.5 / 3, 0.15;
  const auto found = maximize_acquisition(f, domain, {incumbent}, SearchOptions{}, rng);
  ASSERT_FALSE(found.empty());
  EXPECT_DOUBLE_EQ(found[0].point(0), 2.5 / 3);
  EXPECT_NEAR(found[0].point(1), 0.65, 1e-12);
  for (const auto& s : found) {
    const double c = s.point(0) * 3 - 0.5;
    EXPECT_NEAR(c, std::round(c), 1e-12);
  }
}

TEST(Acquisition, SameEngineSameAnswer) {
  const BatchAcquisition f = [](const Eigen::MatrixXd& p) {
    return Eigen::VectorXd((p.array() * 9).sin().rowwise().sum());
  };
  Domain domain{{0, 0, 0}, {}};
  std::mt19937_64 a(8), b(8);
  const auto x = maximize_acquisition(f, domain, {}, SearchOptions{}, a);
  const auto y = maximize_acquisition(f, domain, {}, SearchOptions{}, b);
  ASSERT_FALSE(x.empty());
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x[i].point, y[i].point);
}

}  // namespace
}  // namespace emulator::strategies::gp
