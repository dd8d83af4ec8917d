#include "api/aws/envelope.h"
#include "api/json/json_body.h"
#include "api/sagemaker/codec/tuning_request_codec.h"
#include "api/sagemaker/operation_context.h"

namespace api::sagemaker {
namespace {

Json tags_json(const std::vector<emulator::model::Tag>& tags) {
  Json out = Json::array();
  for (const auto& tag : tags) out.push_back({{"Key", tag.key}, {"Value", tag.value}});
  return out;
}

}  // namespace

server::HttpResponse add_tags(OperationContext& c, const Json& input) {
  auto added = c.service.add_tags(c.scope, codec::string_or(input, "ResourceArn"), codec::decode_tags(input));
  if (!added) return aws::failure(added.error());
  return aws::success(wire_text(Json{{"Tags", tags_json(*added)}}));
}

server::HttpResponse list_tags(OperationContext& c, const Json& input) {
  emulator::PageRequest page;
  page.next_token = codec::optional_string(input, "NextToken");
  page.max_results = codec::optional_int(input, "MaxResults").value_or(50);
  auto tags = c.service.list_tags(c.scope, codec::string_or(input, "ResourceArn"), page);
  if (!tags) return aws::failure(tags.error());
  Json out = {{"Tags", tags_json(tags->items)}};
  if (tags->next_token) out["NextToken"] = *tags->next_token;
  return aws::success(wire_text(out));
}

server::HttpResponse delete_tags(OperationContext& c, const Json& input) {
  std::vector<std::string> keys;
  if (const Json* list = codec::member(input, "TagKeys")) {
    for (const auto& key : *list) keys.push_back(key.get<std::string>());
  }
  auto deleted = c.service.delete_tags(c.scope, codec::string_or(input, "ResourceArn"), keys);
  if (!deleted) return aws::failure(deleted.error());
  return aws::success("{}");
}

}  // namespace api::sagemaker
