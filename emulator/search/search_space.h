#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/errors.h"
#include "emulator/model/tuning_request.h"

namespace emulator::search {

enum class Scale { Linear, Logarithmic, ReverseLogarithmic };

struct Dimension {
  enum class Kind { Integer, Continuous, Categorical };
  std::string name;
  Kind kind = Kind::Continuous;
  double min = 0;
  double max = 0;
  Scale scale = Scale::Linear;
  std::vector<std::string> values;  // categorical only
  // Integer only: the bounds exactly (min and max round beyond 2^53).
  std::int64_t integer_min = 0;
  std::int64_t integer_max = 0;
};

// The tuned hyperparameters as the unit hypercube [0,1]^d that strategies search in.
// Scaling lives here and nowhere else: a strategy that moves uniformly in the cube moves
// logarithmically in a Logarithmic range.
class SearchSpace {
 public:
  // Parses and checks the bounds (§3.15 rules 9-14); Auto scaling is resolved here.
  static Result<SearchSpace> from_ranges(const model::ParameterRanges& ranges);

  const std::vector<Dimension>& dimensions() const { return dimensions_; }
  std::size_t size() const { return dimensions_.size(); }

  // The value SageMaker passes to the training job for coordinate u of dimension d:
  // integers as plain decimals, continuous values as the shortest text that round-trips.
  std::string value_at(std::size_t d, double u) const;
  model::HyperParameters values_at(const std::vector<double>& unit_point) const;
  // The same values in dimension order.
  std::vector<std::string> values_in_order(const std::vector<double>& unit_point) const;
  // Inverse of value_at (the centre of the cell for discrete dimensions).
  double to_unit(std::size_t d, std::string_view value) const;

  // Number of distinct points when every dimension is discrete; nullopt otherwise.
  std::optional<std::uint64_t> combinations() const;

 private:
  std::vector<Dimension> dimensions_;
};

constexpr std::size_t kMaxTunedHyperParameters = 30;

}  // namespace emulator::search
