#include "emulator/strategies/bayesian.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "emulator/strategies/gp/acquisition.h"
#include "emulator/strategies/gp/gaussian_process.h"

namespace emulator::strategies {
namespace {

using search::Dimension;
using search::SearchSpace;

constexpr double kNegativeInfinity = -std::numeric_limits<double>::infinity();
constexpr std::size_t kIncumbents = 5;

// ---- encoding: unit point (one coordinate per hyperparameter) ⇄ GP input ----

std::size_t category_of(const Dimension& dim, double u) {
  const auto n = dim.values.size();
  return std::min(n - 1, static_cast<std::size_t>(std::clamp(u, 0.0, 1.0) * double(n)));
}

// Onto the legal point SearchSpace maps to the same values: integers at their cell centre,
// categoricals at (index + 0.5) / n.
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

// Inputs of the GP: one per ordered hyperparameter, one per categorical value; a constant
// input when nothing is tuned, so the model still has one.
Eigen::Index encoded_width(const SearchSpace& space) {
  Eigen::Index width = 0;
  for (const auto& dim : space.dimensions()) {
    width += dim.kind == Dimension::Kind::Categorical ? static_cast<Eigen::Index>(dim.values.size()) : 1;
  }
  return std::max<Eigen::Index>(width, 1);
}

// Rows of `points` (legal unit points) → rows of GP inputs.
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

Eigen::MatrixXd rows_of(const std::vector<Eigen::VectorXd>& points, Eigen::Index dims) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(points.size()), dims);
  for (std::size_t r = 0; r < points.size(); ++r) m.row(static_cast<Eigen::Index>(r)) = points[r].transpose();
  return m;
}

std::vector<double> to_std(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

bool same_point(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() && (a.size() == 0 || (a - b).cwiseAbs().maxCoeff() < 1e-12);
}

// Everything known about one definition at this suggestion.
struct Data {
  std::vector<Eigen::VectorXd> observed;  // legal unit points with an objective
  std::vector<double> objective;          // sign-flipped so that smaller is better
  std::vector<Eigen::VectorXd> failed;    // legal unit points without one
  std::vector<Eigen::VectorXd> pending;   // legal unit points still training
  std::size_t count() const { return observed.size() + failed.size() + pending.size(); }
  bool taboo(const Eigen::VectorXd& x) const {
    auto hit = [&](const std::vector<Eigen::VectorXd>& points) {
      return std::any_of(points.begin(), points.end(), [&](const Eigen::VectorXd& p) { return same_point(p, x); });
    };
    return hit(observed) || hit(failed) || hit(pending);
  }
};

struct Candidate {
  std::size_t definition = 0;
  Eigen::VectorXd point;
  double log_ei = kNegativeInfinity;
};

}  // namespace

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

namespace {

std::size_t initial_points(const BayesianOptions& options, const SearchSpace& space) {
  return options.initial_points > 0 ? options.initial_points : std::max<std::size_t>(3, space.size() + 1);
}

// n legal points with exactly one in every 1/n stratum of each axis.
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

}  // namespace

// What BayesianSearch keeps per definition between suggestions.
struct BayesianSearch::Model {
  std::vector<Eigen::VectorXd> design;  // Latin-hypercube start, handed out in order
  std::size_t design_next = 0;
  std::optional<gp::Hyperparameters> hyperparameters;
  std::size_t fitted_at = 0;              // observations at the last hyperparameter fit
  std::optional<gp::GaussianProcess> gp;  // posterior on the observations, reused

  // The best untried point by expected improvement below `best` (standardised objective).
  std::optional<Candidate> suggest(std::size_t definition, const SearchSpace& space, const Data& data, double mean,
                                   double sd, double best, const BayesianOptions& options, std::mt19937_64& engine);
};

std::optional<Candidate> BayesianSearch::Model::suggest(std::size_t definition, const SearchSpace& space,
                                                        const Data& data, double mean, double sd, double best,
                                                        const BayesianOptions& options, std::mt19937_64& engine) {
  const std::size_t n = data.observed.size();
  if (n == 0) return std::nullopt;
  const auto dims = static_cast<Eigen::Index>(space.size());
  const Eigen::MatrixXd x = encode(space, rows_of(data.observed, dims));
  Eigen::VectorXd y(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) y(static_cast<Eigen::Index>(i)) = (data.objective[i] - mean) / sd;

  // Hyperparameters: every suggestion while the history is small, then every refit_growth.
  const bool small = n <= options.refit_every_suggestion_until;
  if (!hyperparameters || small || n < fitted_at || double(n) >= double(fitted_at) * (1.0 + options.refit_growth)) {
    gp::FitOptions fit;
    fit.random_restarts = small ? 1 : 0;
    fit.max_points = static_cast<Eigen::Index>(std::max<std::size_t>(options.fit_subsample, 8));
    hyperparameters = gp::fit_hyperparameters(x, y, hyperparameters, fit, engine);
    fitted_at = n;
    gp.reset();
  }
  // The posterior: grow the previous Cholesky factor when the observations only grew at the end.
  if (gp && gp->size() > 0 && gp->size() <= x.rows() && gp->inputs() == x.topRows(gp->size())) {
    const Eigen::Index old = gp->size();
    if (gp->append(x.bottomRows(x.rows() - old), y.tail(x.rows() - old))) gp->set_targets(y);
    else gp.reset();
  } else {
    gp.emplace(*hyperparameters);
    if (!gp->fit(x, y)) gp.reset();
  }
  if (!gp) return std::nullopt;

  // Kriging believer: pending and failed points join at their posterior mean, which leaves
  // the mean as it is and takes the variance (so the EI) away around them.
  gp::GaussianProcess believer = *gp;
  std::vector<Eigen::VectorXd> fantasies = data.pending;
  fantasies.insert(fantasies.end(), data.failed.begin(), data.failed.end());
  if (!fantasies.empty()) {
    const Eigen::MatrixXd fx = encode(space, rows_of(fantasies, dims));
    believer.append(fx, gp->predict(fx).mean);
  }

  gp::Domain domain;
  for (const auto& dim : space.dimensions()) {
    domain.categories.push_back(dim.kind == Dimension::Kind::Categorical ? dim.values.size() : 0);
  }
  domain.snap = [&space](Eigen::VectorXd& u) { snap(space, u); };
  const gp::BatchAcquisition acquisition = [&](const Eigen::MatrixXd& points) {
    const gp::Prediction p = believer.predict(encode(space, points));
    Eigen::VectorXd out(points.rows());
    for (Eigen::Index r = 0; r < points.rows(); ++r) out(r) = gp::log_expected_improvement(p.mean(r), p.variance(r), best);
    return out;
  };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return data.objective[a] < data.objective[b]; });
  std::vector<Eigen::VectorXd> incumbents;
  for (std::size_t i = 0; i < std::min(n, kIncumbents); ++i) incumbents.push_back(data.observed[order[i]]);

  gp::SearchOptions search;
  // Scoring a candidate costs O(n²) (the variance), so past 128 observations the uniform
  // draws thin out as 1/n, down to a quarter; the local search keeps its size.
  search.random_candidates = options.random_candidates;
  if (n > 128) {
    search.random_candidates = std::max(options.random_candidates / 4,
                                        static_cast<int>(double(options.random_candidates) * 128.0 / double(n)));
  }
  search.local_starts = options.local_starts;
  search.max_rounds = options.max_rounds;
  for (auto& scored : gp::maximize_acquisition(acquisition, domain, incumbents, search, engine)) {
    if (!data.taboo(scored.point)) return Candidate{definition, std::move(scored.point), scored.value};
  }
  return std::nullopt;
}

BayesianSearch::BayesianSearch(BayesianOptions options) : options_(options) {}
BayesianSearch::~BayesianSearch() = default;

std::optional<Proposal> BayesianSearch::propose(const SearchState& state, std::mt19937_64& rng) {
  const auto& spaces = state.spaces;
  if (spaces.empty()) return std::nullopt;
  if (models_.size() != spaces.size()) {
    models_.clear();
    for (std::size_t d = 0; d < spaces.size(); ++d) models_.push_back(std::make_unique<Model>());
  }
  std::mt19937_64 engine(rng());  // the one draw from the caller's engine per suggestion
  const bool maximize = state.direction == model::HyperParameterTuningJobObjectiveType::Maximize;

  // Sort what is known by definition, as legal unit points.
  std::vector<Data> data(spaces.size());
  auto legal_point = [&](const Proposal& p) -> std::optional<Eigen::VectorXd> {
    if (p.definition >= spaces.size() || p.unit_point.size() != spaces[p.definition].size()) return std::nullopt;
    Eigen::VectorXd u = Eigen::Map<const Eigen::VectorXd>(p.unit_point.data(), static_cast<Eigen::Index>(p.unit_point.size()));
    snap(spaces[p.definition], u);
    return u;
  };
  for (const auto& observation : state.history) {
    auto u = legal_point(observation.proposal);
    if (!u) continue;
    auto& into = data[observation.proposal.definition];
    if (observation.objective && std::isfinite(*observation.objective)) {
      into.observed.push_back(std::move(*u));
      into.objective.push_back(maximize ? -*observation.objective : *observation.objective);
    } else {
      into.failed.push_back(std::move(*u));
    }
  }
  for (const auto& p : state.pending) {
    if (auto u = legal_point(p)) data[p.definition].pending.push_back(std::move(*u));
  }

  // A point of the design (or a random one) that was not tried yet, when there is one.
  auto fresh_point = [&](std::size_t d) {
    Model& m = *models_[d];
    auto random_point = [&] {
      Eigen::VectorXd u(static_cast<Eigen::Index>(spaces[d].size()));
      for (auto& v : u) v = gp::uniform01(engine);
      snap(spaces[d], u);
      return u;
    };
    Eigen::VectorXd u = m.design_next < m.design.size() ? m.design[m.design_next++] : random_point();
    for (int attempt = 0; attempt < 32 && data[d].taboo(u); ++attempt) u = random_point();
    return Proposal{d, to_std(u)};
  };

  // 1. Initial design, the definition with the fewest points first.
  std::optional<std::size_t> starving;
  for (std::size_t d = 0; d < spaces.size(); ++d) {
    if (data[d].count() < initial_points(options_, spaces[d]) &&
        (!starving || data[d].count() < data[*starving].count())) {
      starving = d;
    }
  }
  if (starving) {
    Model& m = *models_[*starving];
    if (m.design.empty()) m.design = latin_hypercube(spaces[*starving], initial_points(options_, spaces[*starving]), engine);
    return fresh_point(*starving);
  }

  // 2. The objective standardised over every definition together, so EI compares across them.
  std::vector<double> all;
  for (const auto& dd : data) all.insert(all.end(), dd.objective.begin(), dd.objective.end());
  double mean = 0, sd = 1;
  if (!all.empty()) {
    mean = std::accumulate(all.begin(), all.end(), 0.0) / double(all.size());
    double ss = 0;
    for (double v : all) ss += (v - mean) * (v - mean);
    sd = std::sqrt(ss / double(all.size()));
    if (!(sd > 1e-12)) sd = 1;
  }
  const double best = all.empty() ? 0.0 : (*std::min_element(all.begin(), all.end()) - mean) / sd;

  // 3. One GP per definition; the largest expected improvement wins (ties: the first).
  std::optional<Candidate> chosen;
  for (std::size_t d = 0; d < spaces.size(); ++d) {
    auto candidate = models_[d]->suggest(d, spaces[d], data[d], mean, sd, best, options_, engine);
    if (candidate && (!chosen || candidate->log_ei > chosen->log_ei)) chosen = std::move(candidate);
  }
  if (chosen) return Proposal{chosen->definition, to_std(chosen->point)};

  // Nothing to model (every observation failed) or every legal point tried: search randomly.
  return fresh_point(std::min(spaces.size() - 1, static_cast<std::size_t>(gp::uniform01(engine) * double(spaces.size()))));
}

}  // namespace emulator::strategies
