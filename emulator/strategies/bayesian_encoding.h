#pragma once

// How the Bayesian strategy sees a definition's search space: legal unit points, the GP
// inputs they encode to, and the Latin-hypercube start. Internal to bayesian.cc and
// bayesian_encoding.cc, the files that may see Eigen besides gp/.

#include <cstddef>
#include <random>
#include <vector>

#include <Eigen/Dense>

#include "emulator/search/search_space.h"

namespace emulator::strategies::encoding {

// Onto the legal point SearchSpace maps to the same values: integers at their cell centre,
// categoricals at (index + 0.5) / n.
void snap(const search::SearchSpace& space, Eigen::VectorXd& u);
// Inputs of the GP: one per ordered hyperparameter, one per categorical value; a constant
// input when nothing is tuned, so the model still has one.
Eigen::Index encoded_width(const search::SearchSpace& space);
// Rows of `points` (legal unit points) → rows of GP inputs.
Eigen::MatrixXd encode(const search::SearchSpace& space, const Eigen::MatrixXd& points);
// n legal points with exactly one in every 1/n stratum of each axis.
std::vector<Eigen::VectorXd> latin_hypercube(const search::SearchSpace& space, std::size_t n, std::mt19937_64& engine);

}  // namespace emulator::strategies::encoding
