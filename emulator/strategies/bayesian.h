#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "emulator/strategies/strategy.h"

namespace emulator::strategies {

struct BayesianOptions {
  // Latin-hypercube points per definition before the model is used; 0 means max(3, d + 1)
  // for d tuned hyperparameters. Observations already in the history (warm start) count.
  std::size_t initial_points = 0;
  // Hyperparameters are refitted on every suggestion while a definition has at most this
  // many observations, then whenever its observations grew by `refit_growth` (a fraction)
  // since the last fit; in between the previous fit and its Cholesky factor are reused.
  std::size_t refit_every_suggestion_until = 64;
  double refit_growth = 0.1;
  // Observations used to fit the hyperparameters (a subsample keeping the best point).
  std::size_t fit_subsample = 128;
  // Acquisition search: uniform candidates (thinned as 1/n past 128 observations, to a
  // quarter at most), then pattern search from the best few.
  int random_candidates = 1000;
  int local_starts = 5;
  int max_rounds = 16;
  // A search has converged when its best candidate expects to improve on the best by less
  // than this fraction of the objective's observed range; it then restarts (see below).
  // 0 never restarts.
  double converged_ei = 3e-5;
  // What a restart leaves to the searches before: the points within this many of a converged
  // search's lengthscales of its best point (its basin, as its GP saw it). Later searches
  // neither propose nor model them. 0 leaves nothing out.
  double basin_radius = 2.0;
  // A basin never covers more than this fraction of the space: its radius shrinks to fit. A
  // smooth function (Branin) gives lengthscales so long that the ellipsoid would hold every
  // point, and its next search would have nothing to model.
  double basin_coverage = 0.5;
};

// Gaussian-process Bayesian optimisation, as SageMaker AMT describes its Bayesian strategy:
// Matérn 5/2 ARD GP with a constant mean, hyperparameters by maximum marginal likelihood,
// expected improvement maximised by multi-start local search, in the unit cube after scaling.
//
// - Encoding: continuous and integer hyperparameters are one input each (integers snapped to
//   the centre of their cell, as SearchSpace::to_unit(value_at(u)) gives, so a repeated
//   integer is the same input); a categorical with n values is n one-hot inputs and is
//   proposed at (index + 0.5) / n.
// - Start: max(3, d + 1) Latin-hypercube points per definition (from the engine handed in).
// - Objective: sign flipped for Maximize, standardised over all definitions together.
// - Failed observations (no objective) are left out of the model; like the pending proposals
//   (MaxParallelTrainingJobs > 1) they are fantasised at the posterior mean (kriging
//   believer), which shrinks the variance there, and are never proposed again.
// - Several TrainingJobDefinitions: one GP per definition; the definition whose best
//   candidate has the largest expected improvement over the overall best is proposed (EI is
//   comparable because the objective is standardised jointly). Initial points go first, to
//   the definition with the fewest observations.
// - Restarts (as TuRBO restarts its trust regions): when even the best candidate expects to
//   improve by less than `converged_ei` of the observed range, the search has converged,
//   most likely in a local minimum (Hartmann-6's −3.20 traps about a quarter of the runs).
//   The definition then starts a new search from a new Latin-hypercube design, with a GP
//   fitted afresh to what is observed from then on; earlier points are never proposed again,
//   and the proposals still training at the restart count for the search before. The best
//   observation is the tuner's to keep, whichever search made it.
// - Basins left behind: a new search that finds the old basin again (about half of them did
//   on Hartmann-6, whose −3.20 valley is flat along two inputs and fills much of the cube)
//   would converge there again. So the ellipsoid of `basin_radius` lengthscales around each
//   converged search's best point (its GP's lengthscales: the valley's flat inputs give it a
//   long axis) is left to that search: later ones neither propose points inside it nor model
//   what they observed there, so its slopes do not draw them back. A basin covers at most
//   `basin_coverage` of the space; when the basins leave no candidate at all, the search
//   proposes as if there were none.
// - Deterministic: one draw from the engine per suggestion seeds everything else; a run
//   replayed with the same seed and history proposes the same points (previous fits are
//   reused as warm starts and restarts are remembered, so the object's own history is part
//   of the state).
class BayesianSearch final : public Strategy {
 public:
  explicit BayesianSearch(BayesianOptions options = {});
  ~BayesianSearch() override;
  BayesianSearch(const BayesianSearch&) = delete;
  BayesianSearch& operator=(const BayesianSearch&) = delete;

  std::optional<Proposal> propose(const SearchState& state, std::mt19937_64& rng) override;

 private:
  struct Model;  // per definition: design, hyperparameters, GP (Eigen; in bayesian.cc)

  BayesianOptions options_;
  std::vector<std::unique_ptr<Model>> models_;
};

// How BayesianSearch sees a definition's unit point (exposed for tests).
// The legal point SearchSpace maps to the same hyperparameter values: integers at the centre
// of their cell (to_unit(value_at(u))), categoricals at (index + 0.5) / n, the rest clamped.
std::vector<double> legal_unit_point(const search::SearchSpace& space, std::vector<double> unit_point);
// The GP inputs: one per ordered hyperparameter, one-hot over the values of a categorical.
std::vector<double> model_inputs(const search::SearchSpace& space, const std::vector<double>& unit_point);
// The legal unit point of GP inputs (the inverse of model_inputs on legal points).
std::vector<double> unit_point_of_inputs(const search::SearchSpace& space, std::vector<double> inputs);

}  // namespace emulator::strategies
