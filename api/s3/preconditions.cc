#include "api/s3/preconditions.h"

#include <chrono>
#include <string>

#include "api/auth/signing.h"

namespace api::s3 {

namespace {

// Whether the object was written after the HTTP date `text`; nullopt when it is no date.
std::optional<bool> modified_after(std::string_view text, std::int64_t modified_ms) {
  const auto date = auth::parse_http_date(text);
  if (!date) return std::nullopt;
  return modified_ms / 1000 > date->time_since_epoch().count();
}

}  // namespace

bool etag_matches(std::string_view condition, std::string_view etag) {
  if (condition == "*") return true;
  if (condition.size() >= 2 && condition.front() == '"' && condition.back() == '"') {
    condition = condition.substr(1, condition.size() - 2);
  }
  return condition == etag;
}

std::optional<ReadCondition> failed_read_condition(const ReadConditions& c, std::string_view etag,
                                                   std::int64_t modified_ms) {
  if (!c.if_match.empty()) {
    if (!etag_matches(c.if_match, etag)) return ReadCondition::if_match;
  } else if (!c.if_unmodified_since.empty() && modified_after(c.if_unmodified_since, modified_ms) == true) {
    return ReadCondition::if_unmodified_since;
  }
  if (!c.if_none_match.empty()) {
    if (etag_matches(c.if_none_match, etag)) return ReadCondition::if_none_match;
  } else if (!c.if_modified_since.empty() && modified_after(c.if_modified_since, modified_ms) == false) {
    return ReadCondition::if_modified_since;
  }
  return std::nullopt;
}

std::string_view header_of(ReadCondition condition) {
  switch (condition) {
    case ReadCondition::if_match: return "If-Match";
    case ReadCondition::if_none_match: return "If-None-Match";
    case ReadCondition::if_modified_since: return "If-Modified-Since";
    case ReadCondition::if_unmodified_since: return "If-Unmodified-Since";
  }
  return {};
}

S3Error precondition_failed(std::string_view condition) {
  return {412,
          "PreconditionFailed",
          "At least one of the pre-conditions you specified did not hold",
          {{"Condition", std::string(condition)}}};
}

std::optional<S3Error> failed_write_condition(const WriteConditions& c, const object_store::ObjectInfo* existing,
                                              std::string_view key) {
  if (!c.if_none_match.empty() && (c.if_none_match != "*" || !c.if_match.empty())) {
    return S3Error{501,
                   "NotImplemented",
                   "A header you provided implies functionality that is not implemented",
                   {{"Header", "If-None-Match"}}};
  }
  if (!c.if_match.empty()) {
    if (existing == nullptr) {
      return S3Error{404, "NoSuchKey", "The specified key does not exist.", {{"Key", std::string(key)}}};
    }
    if (!etag_matches(c.if_match, existing->etag)) return precondition_failed("If-Match");
  }
  if (!c.if_none_match.empty() && existing != nullptr) return precondition_failed("If-None-Match");
  return std::nullopt;
}

}  // namespace api::s3
