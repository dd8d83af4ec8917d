#pragma once

#include <string_view>
#include <vector>

namespace api::ui {

// One file of the dashboard, compiled in (api/ui/assets/<name>).
struct Asset {
  std::string_view name;
  std::string_view bytes;
};

// Every file of api/ui/assets/, generated at configure time.
const std::vector<Asset>& assets();

}  // namespace api::ui
