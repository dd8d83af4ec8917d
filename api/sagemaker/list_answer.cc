#include "api/json/json_body.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {

ListAnswer::ListAnswer(std::string_view member) { text_.append("{\"").append(member).append("\":["); }

void ListAnswer::add(const std::string& item) {
  if (!empty_) text_.push_back(',');
  text_.append(item);
  empty_ = false;
}

std::string ListAnswer::finish(const std::optional<std::string>& next_token) && {
  text_.push_back(']');
  if (next_token) text_.append(",\"NextToken\":").append(wire_text(Json(*next_token)));
  text_.push_back('}');
  return std::move(text_);
}

}  // namespace api::sagemaker
