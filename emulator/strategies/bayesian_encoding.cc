#include "emulator/strategies/bayesian_encoding.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "emulator/strategies/bayesian.h"
#include "emulator/strategies/gp/gaussian_process.h"

namespace emulator::strategies {
namespace {

using search::Dimension;
using search::SearchSpace;

std::size_t category_of(const Dimension& dim, double u) {
  const auto n = dim.values.size();
  return std::min(n - 1, static_cast<std::size_t>(std::clamp(u, 0.0, 1.0) * double(n)));
}

std::vector<double> to_std(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

}  // namespace

namespace encoding {

void snap(const SearchSpace& space, Eigen::VectorXd& u) {
  for (std::size_t d = 0; d < space.size(); ++d) {
    const auto i = static_cast<Eigen::Index>(d);
    const Dimension& dim = space.dimensions()[d];
    switch (dim.kind) {
      case Dimension::Kind::Continuous: u(i) = std::clamp(u(i), 0.0, 1.0); break;
      case Dimension::Kind::Integer: u(i) = space.to_unit(d, space.value_at(d, u(i))); break;
      case Dimension::Kind::Categorical:
        u(i) = (double(category_of(dim, u(i))) + 0.5) / double(dim.values.size());
        break;
    }
  }
}

Eigen::Index encoded_width(const SearchSpace& space) {
  Eigen::Index width = 0;
  for (const auto& dim : space.dimensions()) {
    width += dim.kind == Dimension::Kind::Categorical ? static_cast<Eigen::Index>(dim.values.size()) : 1;
  }
  return std::max<Eigen::Index>(width, 1);
}

Eigen::MatrixXd encode(const SearchSpace& space, const Eigen::MatrixXd& points) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(points.rows(), encoded_width(space));
  Eigen::Index column = 0;
  for (std::size_t d = 0; d < space.size(); ++d) {
    const auto i = static_cast<Eigen::Index>(d);
    const Dimension& dim = space.dimensions()[d];
    if (dim.kind != Dimension::Kind::Categorical) {
      x.col(column++) = points.col(i);
      continue;
    }
    for (Eigen::Index r = 0; r < points.rows(); ++r) {
      x(r, column + static_cast<Eigen::Index>(category_of(dim, points(r, i)))) = 1.0;
    }
    column += static_cast<Eigen::Index>(dim.values.size());
  }
  return x;
}

std::vector<Eigen::VectorXd> latin_hypercube(const SearchSpace& space, std::size_t n, std::mt19937_64& engine) {
  std::vector<Eigen::VectorXd> design(n, Eigen::VectorXd(static_cast<Eigen::Index>(space.size())));
  std::vector<std::size_t> strata(n);
  for (std::size_t axis = 0; axis < space.size(); ++axis) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = n; i-- > 1;) {
      std::swap(strata[i], strata[std::min(i, static_cast<std::size_t>(gp::uniform01(engine) * double(i + 1)))]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      design[i](static_cast<Eigen::Index>(axis)) = (double(strata[i]) + gp::uniform01(engine)) / double(n);
    }
  }
  for (auto& u : design) snap(space, u);
  return design;
}

}  // namespace encoding

using namespace encoding;

std::vector<double> legal_unit_point(const SearchSpace& space, std::vector<double> unit_point) {
  unit_point.resize(space.size(), 0.5);
  Eigen::VectorXd u = Eigen::Map<const Eigen::VectorXd>(unit_point.data(), static_cast<Eigen::Index>(unit_point.size()));
  snap(space, u);
  return to_std(u);
}

std::vector<double> model_inputs(const SearchSpace& space, const std::vector<double>& unit_point) {
  const auto legal = legal_unit_point(space, unit_point);
  const Eigen::RowVectorXd row = Eigen::Map<const Eigen::RowVectorXd>(legal.data(), static_cast<Eigen::Index>(legal.size()));
  return to_std(encode(space, row).row(0).transpose());
}

std::vector<double> unit_point_of_inputs(const SearchSpace& space, std::vector<double> inputs) {
  inputs.resize(static_cast<std::size_t>(encoded_width(space)), 0.0);
  std::vector<double> u;
  std::size_t column = 0;
  for (const auto& dim : space.dimensions()) {
    if (dim.kind != Dimension::Kind::Categorical) {
      u.push_back(inputs[column]);
      ++column;
      continue;
    }
    const std::size_t n = dim.values.size();
    std::size_t index = 0;
    for (std::size_t c = 1; c < n; ++c) {
      if (inputs[column + c] > inputs[column + index]) index = c;
    }
    u.push_back((double(index) + 0.5) / double(n));
    column += n;
  }
  return legal_unit_point(space, std::move(u));
}

}  // namespace emulator::strategies
