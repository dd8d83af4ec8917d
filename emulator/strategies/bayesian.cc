#include "emulator/strategies/bayesian.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "emulator/strategies/bayesian_encoding.h"
#include "emulator/strategies/gp/acquisition.h"
#include "emulator/strategies/gp/gaussian_process.h"

namespace emulator::strategies {
namespace {

using search::Dimension;
using search::SearchSpace;
using namespace encoding;

constexpr double kNegativeInfinity = -std::numeric_limits<double>::infinity();
constexpr std::size_t kIncumbents = 5;

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
  std::vector<Eigen::VectorXd> earlier;   // tried by the searches before a restart
  // Proposals made since the search started (the earlier ones not counted).
  std::size_t count() const { return observed.size() + failed.size() + pending.size(); }
  bool taboo(const Eigen::VectorXd& x) const {
    auto hit = [&](const std::vector<Eigen::VectorXd>& points) {
      return std::any_of(points.begin(), points.end(), [&](const Eigen::VectorXd& p) { return same_point(p, x); });
    };
    return hit(observed) || hit(failed) || hit(pending) || hit(earlier);
  }
};

struct Candidate {
  std::size_t definition = 0;
  Eigen::VectorXd point;
  double log_ei = kNegativeInfinity;
  bool converged = false;  // its search expects too little improvement to go on
};

}  // namespace

namespace {

std::size_t initial_points(const BayesianOptions& options, const SearchSpace& space) {
  return options.initial_points > 0 ? options.initial_points : std::max<std::size_t>(3, space.size() + 1);
}

// What is known, sorted by definition, as legal unit points (history order kept).
std::vector<Data> sort_history(const SearchState& state) {
  const auto& spaces = state.spaces;
  const bool maximize = state.direction == model::HyperParameterTuningJobObjectiveType::Maximize;
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
  return data;
}

// The objective standardised over every definition together, so EI compares across them.
struct Standardisation {
  double mean = 0, sd = 1, best = 0;  // best: the smallest standardised value
};

Standardisation standardise(const std::vector<Data>& data) {
  std::vector<double> all;
  for (const auto& d : data) all.insert(all.end(), d.objective.begin(), d.objective.end());
  Standardisation s;
  if (all.empty()) return s;
  s.mean = std::accumulate(all.begin(), all.end(), 0.0) / double(all.size());
  double ss = 0;
  for (double v : all) ss += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(ss / double(all.size()));
  if (!(s.sd > 1e-12)) s.sd = 1;
  s.best = (*std::min_element(all.begin(), all.end()) - s.mean) / s.sd;
  return s;
}

gp::SearchOptions search_options(const BayesianOptions& options, std::size_t n) {
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
  return search;
}

// A basin an earlier search converged in (see BayesianOptions::basin_radius), in GP inputs:
// inside when the distance to the centre, scaled per input, is below 1.
struct Basin {
  Eigen::RowVectorXd centre;
  Eigen::RowVectorXd scale;  // 1 / (radius × lengthscale) per input
  bool contains(const Eigen::RowVectorXd& input) const {
    return (input - centre).cwiseProduct(scale).squaredNorm() < 1.0;
  }
};

// The basin of a converged search: `radius` of its lengthscales around its best point,
// shrunk to cover at most `max_coverage` of the space (measured on 256 uniform points).
std::optional<Basin> basin_of(const gp::GaussianProcess& converged, const SearchSpace& space, double radius,
                              double max_coverage, std::mt19937_64& engine) {
  if (converged.size() == 0) return std::nullopt;
  Eigen::Index best = 0;
  converged.targets().minCoeff(&best);
  const Eigen::ArrayXd lengthscales = converged.hyperparameters().log_lengthscales.array().exp();
  Basin basin{converged.inputs().row(best), (1.0 / lengthscales).matrix().transpose()};
  std::vector<double> distances(256);
  for (auto& d : distances) {
    Eigen::VectorXd u(static_cast<Eigen::Index>(space.size()));
    for (auto& v : u) v = gp::uniform01(engine);
    snap(space, u);
    d = std::sqrt((encode(space, u.transpose()).row(0) - basin.centre).cwiseProduct(basin.scale).squaredNorm());
  }
  std::sort(distances.begin(), distances.end());
  const auto quantile =
      std::min(distances.size() - 1, static_cast<std::size_t>(max_coverage * double(distances.size())));
  radius = std::min(radius, distances[quantile]);
  if (!(radius > 0)) return std::nullopt;
  basin.scale /= radius;
  return basin;
}

gp::Domain domain_of(const SearchSpace& space) {
  gp::Domain domain;
  for (const auto& dim : space.dimensions()) {
    domain.categories.push_back(dim.kind == Dimension::Kind::Categorical ? dim.values.size() : 0);
  }
  domain.snap = [&space](Eigen::VectorXd& u) { snap(space, u); };
  return domain;
}

}  // namespace

// What BayesianSearch keeps per definition between suggestions.
struct BayesianSearch::Model {
  std::vector<Eigen::VectorXd> design;  // Latin-hypercube start, handed out in order
  std::size_t design_next = 0;
  std::optional<gp::Hyperparameters> hyperparameters;
  std::size_t fitted_at = 0;              // observations at the last hyperparameter fit
  std::optional<gp::GaussianProcess> gp;  // posterior on the observations, reused
  // Where the current search started: the observations and failures in the history then
  // (they come first: the history only grows), and the proposals still training then, which
  // belong to the search before whenever they finish.
  std::size_t start_observed = 0, start_failed = 0;
  std::vector<Eigen::VectorXd> start_pending;
  std::vector<Basin> basins;  // where the searches before converged, left to them

  // What the current search sees of `all`: what earlier searches tried, and what this one
  // observed inside their basins, is only taboo.
  Data current(const Data& all, const SearchSpace& space) const;
  // Leaves the converged search (and its basin, `radius` lengthscales around its best point):
  // a new one starts from a new design on what comes next.
  void restart(const Data& all, const SearchSpace& space, std::size_t points, double radius, double max_coverage,
               std::mt19937_64& engine);
  // The next untried point of the design (or a random one), if one is found.
  std::optional<Eigen::VectorXd> fresh_point(const SearchSpace& space, const Data& data, std::mt19937_64& engine);
  // The best untried point by expected improvement below `best` (standardised objective).
  std::optional<Candidate> suggest(std::size_t definition, const SearchSpace& space, const Data& data,
                                   const Standardisation& standard, const BayesianOptions& options,
                                   std::mt19937_64& engine);

 private:
  bool in_basin(const Eigen::RowVectorXd& input) const {
    return std::any_of(basins.begin(), basins.end(), [&](const Basin& b) { return b.contains(input); });
  }
  bool in_basin(const SearchSpace& space, const Eigen::VectorXd& u) const {
    return !basins.empty() && in_basin(encode(space, u.transpose()).row(0));
  }
  // The best untried point of the believer's EI; outside the basins unless there is none.
  std::optional<gp::ScoredPoint> best_point(const gp::GaussianProcess& believer, const SearchSpace& space,
                                            const Data& data, double best, const gp::SearchOptions& search,
                                            std::mt19937_64& engine) const;
  bool converged(const Candidate& candidate, const Data& data, const SearchSpace& space, const Eigen::VectorXd& y,
                 double best, const BayesianOptions& options) const;
  bool condition(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const BayesianOptions& options,
                 std::mt19937_64& engine);
};

Data BayesianSearch::Model::current(const Data& all, const SearchSpace& space) const {
  auto left_training = [&](const Eigen::VectorXd& p) {
    return std::any_of(start_pending.begin(), start_pending.end(), [&](const Eigen::VectorXd& q) { return same_point(p, q); });
  };
  Data view;
  for (std::size_t i = 0; i < all.observed.size(); ++i) {
    if (i < start_observed || left_training(all.observed[i]) || in_basin(space, all.observed[i])) {
      view.earlier.push_back(all.observed[i]);
    } else {
      view.observed.push_back(all.observed[i]);
      view.objective.push_back(all.objective[i]);
    }
  }
  for (std::size_t i = 0; i < all.failed.size(); ++i) {
    (i < start_failed || left_training(all.failed[i]) ? view.earlier : view.failed).push_back(all.failed[i]);
  }
  for (const auto& p : all.pending) (left_training(p) ? view.earlier : view.pending).push_back(p);
  return view;
}

void BayesianSearch::Model::restart(const Data& all, const SearchSpace& space, std::size_t points, double radius,
                                    double max_coverage, std::mt19937_64& engine) {
  if (gp && radius > 0) {
    if (auto basin = basin_of(*gp, space, radius, max_coverage, engine)) basins.push_back(std::move(*basin));
  }
  start_observed = all.observed.size();
  start_failed = all.failed.size();
  start_pending = all.pending;
  hyperparameters.reset();  // fitted to the old basin; the new search fits its own
  fitted_at = 0;
  gp.reset();
  design = latin_hypercube(space, points, engine);
  design_next = 0;
}

std::optional<Eigen::VectorXd> BayesianSearch::Model::fresh_point(const SearchSpace& space, const Data& data,
                                                                 std::mt19937_64& engine) {
  auto random_point = [&] {
    Eigen::VectorXd u(static_cast<Eigen::Index>(space.size()));
    for (auto& v : u) v = gp::uniform01(engine);
    snap(space, u);
    return u;
  };
  // An untried point, outside the old basins if one is found (the model would leave a point
  // inside out); the design's first.
  std::optional<Eigen::VectorXd> untried;
  Eigen::VectorXd u = design_next < design.size() ? design[design_next++] : random_point();
  for (int attempt = 0; attempt <= 32; ++attempt, u = random_point()) {
    if (data.taboo(u)) continue;
    if (!in_basin(space, u)) return u;
    if (!untried) untried = u;
  }
  return untried;
}

// Hyperparameters (every suggestion while the history is small, then every refit_growth) and
// the posterior; false when the kernel matrix cannot be factorised.
bool BayesianSearch::Model::condition(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                      const BayesianOptions& options, std::mt19937_64& engine) {
  const auto n = static_cast<std::size_t>(x.rows());
  const bool small = n <= options.refit_every_suggestion_until;
  if (!hyperparameters || small || n < fitted_at || double(n) >= double(fitted_at) * (1.0 + options.refit_growth)) {
    gp::FitOptions fit;
    fit.random_restarts = small ? 1 : 0;
    fit.max_points = static_cast<Eigen::Index>(std::max<std::size_t>(options.fit_subsample, 8));
    hyperparameters = gp::fit_hyperparameters(x, y, hyperparameters, fit, engine);
    fitted_at = n;
    gp.reset();
  }
  // Grow the previous Cholesky factor when the observations only grew at the end.
  if (gp && gp->size() > 0 && gp->size() <= x.rows() && gp->inputs() == x.topRows(gp->size())) {
    const Eigen::Index old = gp->size();
    if (gp->append(x.bottomRows(x.rows() - old), y.tail(x.rows() - old))) gp->set_targets(y);
    else gp.reset();
  } else {
    gp.emplace(*hyperparameters);
    if (!gp->fit(x, y)) gp.reset();
  }
  return gp.has_value();
}

std::optional<Candidate> BayesianSearch::Model::suggest(std::size_t definition, const SearchSpace& space,
                                                        const Data& data, const Standardisation& standard,
                                                        const BayesianOptions& options, std::mt19937_64& engine) {
  const std::size_t n = data.observed.size();
  if (n == 0) return std::nullopt;
  const auto dims = static_cast<Eigen::Index>(space.size());
  const Eigen::MatrixXd x = encode(space, rows_of(data.observed, dims));
  Eigen::VectorXd y(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) y(static_cast<Eigen::Index>(i)) = (data.objective[i] - standard.mean) / standard.sd;
  if (!condition(x, y, options, engine)) return std::nullopt;

  // Kriging believer: pending and failed points join at their posterior mean, which leaves
  // the mean as it is and takes the variance (so the EI) away around them.
  gp::GaussianProcess believer = *gp;
  std::vector<Eigen::VectorXd> fantasies = data.pending;
  fantasies.insert(fantasies.end(), data.failed.begin(), data.failed.end());
  if (!fantasies.empty()) {
    const Eigen::MatrixXd fx = encode(space, rows_of(fantasies, dims));
    believer.append(fx, gp->predict(fx).mean);
  }
  auto scored = best_point(believer, space, data, standard.best, search_options(options, n), engine);
  if (!scored) return std::nullopt;
  Candidate candidate{definition, std::move(scored->point), scored->value};
  candidate.converged = converged(candidate, data, space, y, standard.best, options);
  return candidate;
}

std::optional<gp::ScoredPoint> BayesianSearch::Model::best_point(const gp::GaussianProcess& believer,
                                                                 const SearchSpace& space, const Data& data,
                                                                 double best, const gp::SearchOptions& search,
                                                                  std::mt19937_64& engine) const {
  bool leave_basins = !basins.empty();
  const gp::BatchAcquisition acquisition = [&](const Eigen::MatrixXd& points) {
    const Eigen::MatrixXd inputs = encode(space, points);
    const gp::Prediction p = believer.predict(inputs);
    Eigen::VectorXd out(points.rows());
    for (Eigen::Index r = 0; r < points.rows(); ++r) {
      out(r) = leave_basins && in_basin(inputs.row(r)) ? kNegativeInfinity
                                                       : gp::log_expected_improvement(p.mean(r), p.variance(r), best);
    }
    return out;
  };
  const std::size_t n = data.observed.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return data.objective[a] < data.objective[b]; });
  std::vector<Eigen::VectorXd> incumbents;
  for (std::size_t i = 0; i < std::min(n, kIncumbents); ++i) incumbents.push_back(data.observed[order[i]]);

  const gp::Domain domain = domain_of(space);
  while (true) {
    for (auto& scored : gp::maximize_acquisition(acquisition, domain, incumbents, search, engine)) {
      if (data.taboo(scored.point)) continue;
      if (scored.value > kNegativeInfinity || !leave_basins) return std::move(scored);
      break;  // everything untried lies in the basins: search as if there were none
    }
    if (!leave_basins) return std::nullopt;
    leave_basins = false;
  }
}

// Converged: the best candidate expects less than converged_ei of the range observed, and so
// does every proposal still training (the believer took their EI away from the candidates;
// they may yet improve, and the search waits for them).
bool BayesianSearch::Model::converged(const Candidate& candidate, const Data& data, const SearchSpace& space,
                                      const Eigen::VectorXd& y, double best, const BayesianOptions& options) const {
  const double threshold = options.converged_ei * (y.maxCoeff() - y.minCoeff());
  if (!(threshold > 0) || candidate.log_ei >= std::log(threshold)) return false;
  if (data.pending.empty()) return true;
  const gp::Prediction p = gp->predict(encode(space, rows_of(data.pending, static_cast<Eigen::Index>(space.size()))));
  for (Eigen::Index r = 0; r < p.mean.size(); ++r) {
    if (gp::log_expected_improvement(p.mean(r), p.variance(r), best) >= std::log(threshold)) return false;
  }
  return true;
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
  const std::vector<Data> all = sort_history(state);
  std::vector<Data> data;  // what each definition's current search sees
  for (std::size_t d = 0; d < spaces.size(); ++d) data.push_back(models_[d]->current(all[d], spaces[d]));

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
    if (auto u = m.fresh_point(spaces[*starving], data[*starving], engine)) return Proposal{*starving, to_std(*u)};
  }

  // 2. One GP per definition; the largest expected improvement wins (ties: the first).
  const Standardisation standard = standardise(data);
  std::optional<Candidate> chosen;
  for (std::size_t d = 0; d < spaces.size(); ++d) {
    auto candidate = models_[d]->suggest(d, spaces[d], data[d], standard, options_, engine);
    if (candidate && (!chosen || candidate->log_ei > chosen->log_ei)) chosen = std::move(candidate);
  }
  // 3. Even the best candidate expects next to nothing: that search has converged, most likely
  // in a local minimum. Restart it from a new design, on what comes next (TuRBO's restarts).
  if (chosen && chosen->converged) {
    const std::size_t d = chosen->definition;
    Model& m = *models_[d];
    m.restart(all[d], spaces[d], initial_points(options_, spaces[d]), options_.basin_radius, options_.basin_coverage,
              engine);
    if (auto u = m.fresh_point(spaces[d], data[d], engine)) return Proposal{d, to_std(*u)};
  }
  if (chosen) return Proposal{chosen->definition, to_std(chosen->point)};

  // Nothing to model (every observation failed) or every legal point tried: search randomly.
  const auto d = std::min(spaces.size() - 1, static_cast<std::size_t>(gp::uniform01(engine) * double(spaces.size())));
  if (auto u = models_[d]->fresh_point(spaces[d], data[d], engine)) return Proposal{d, to_std(*u)};
  Eigen::VectorXd u(static_cast<Eigen::Index>(spaces[d].size()));
  for (auto& v : u) v = gp::uniform01(engine);
  snap(spaces[d], u);
  return Proposal{d, to_std(u)};  // a repeat: nothing untried was found
}

}  // namespace emulator::strategies
