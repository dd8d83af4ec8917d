#include "capacity_model/catalog.h"

#include <utility>

namespace capacity_model {

std::string_view family_of(std::string_view instance_type) {
  constexpr std::string_view kPrefix = "ml.";
  if (!instance_type.starts_with(kPrefix)) return {};
  const std::string_view rest = instance_type.substr(kPrefix.size());
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == rest.size()) return {};
  if (rest.find('.', dot + 1) != std::string_view::npos) return {};
  return rest.substr(0, dot);
}

Catalog::Catalog(std::vector<InstanceSpec> specs) : specs_(std::move(specs)) {
  index_.reserve(specs_.size());
  for (std::size_t i = 0; i < specs_.size(); ++i) index_.emplace(specs_[i].name, i);
}

const InstanceSpec* Catalog::find(std::string_view name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

}  // namespace capacity_model
