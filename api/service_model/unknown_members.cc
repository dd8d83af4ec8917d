#include "api/service_model/unknown_members.h"

namespace api::service_model {

void drop_unknown_members(const Shape& shape, nlohmann::json& value) {
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (!value.is_object()) return;
      for (auto it = value.begin(); it != value.end();) {
        const Member* member = shape.member(it.key());
        if (member == nullptr) {
          it = value.erase(it);
        } else {
          drop_unknown_members(*member->target.shape, it.value());
          ++it;
        }
      }
      return;
    }
    case ShapeType::kList:
      if (!value.is_array()) return;
      for (auto& item : value) drop_unknown_members(*shape.list_member.shape, item);
      return;
    case ShapeType::kMap:
      if (!value.is_object()) return;
      for (auto& [_, item] : value.items()) drop_unknown_members(*shape.map_value.shape, item);
      return;
    default:
      return;
  }
}

}  // namespace api::service_model
