#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace capacity_model {

struct InstanceSpec {
  std::string name;    // "ml.m5.xlarge"
  std::string family;  // "m5"
  int vcpus = 0;
  double memory_gib = 0;
  int gpus = 0;  // accelerator chips: GPUs or Trainium
  double price_per_hour = 0;
  double speed = 0;  // relative training throughput, ml.m5.xlarge = 1.0 (synthetic)
};

// "ml.p6-b200.48xlarge" → "p6-b200"; empty when the name is not ml.<family>.<size>.
std::string_view family_of(std::string_view instance_type);

class Catalog {
 public:
  explicit Catalog(std::vector<InstanceSpec> specs);

  // nullptr when the type is not in the catalog.
  const InstanceSpec* find(std::string_view name) const;
  const std::vector<InstanceSpec>& all() const { return specs_; }

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::vector<InstanceSpec> specs_;
  // Owns its keys so that copying or moving the catalog cannot leave them dangling.
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
};

}  // namespace capacity_model
