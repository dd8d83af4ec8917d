// Buckets: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
#include <algorithm>

#include "api/aws/credential_scope.h"
#include "api/checksums/encoding.h"
#include "api/s3/operations.h"
#include "api/s3/xml_reader.h"

namespace api::s3 {

namespace {

// The region a signed request was made for, from its credential scope.
std::string client_region(const S3Request& request) {
  const auto credential = aws::credential_of(request.header("Authorization"));
  return credential ? credential->region : std::string();
}

// ListBuckets continues after the bucket its token names (hex, so it stays URL-safe).
std::string after_token(const std::string& token) { return checksums::from_hex(token).value_or(std::string()); }

// S3 answers this when a bucket belongs to another account (no policy grants the caller).
S3Error access_denied() { return {403, "AccessDenied", "Access Denied", {}}; }

}  // namespace

HttpResponse list_buckets(S3Context& s3, const S3Request& request) {
  auto buckets = s3.store.buckets(s3.region);
  if (!buckets) return error_reply(error_of(buckets.error(), ""), false);
  const std::string prefix = request.param("prefix").value_or("");
  const auto region = request.param("bucket-region");
  const auto token = request.param("continuation-token");
  std::size_t max = 10000;
  if (auto given = request.param("max-buckets")) {
    const bool numeric =
        !given->empty() && given->size() < 6 && given->find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || std::stoul(*given) < 1 || std::stoul(*given) > 10000) {
      return error_reply(invalid_argument("Invalid max-buckets value: " + *given, "max-buckets", *given), false);
    }
    max = std::stoul(*given);
  }
  query::XmlWriter xml;
  xml.open("ListAllMyBucketsResult", kXmlns);
  xml.open("Owner").leaf("ID", s3.owner_id).leaf("DisplayName", "amt-emulator").close();
  xml.open("Buckets");
  std::size_t listed = 0;
  std::string last;
  bool truncated = false;
  for (const auto& bucket : *buckets) {
    if (!bucket.owned_by(s3.account) || !bucket.name.starts_with(prefix) || (region && bucket.region != *region)) {
      continue;
    }
    if (token && bucket.name <= after_token(*token)) continue;
    if (listed == max) {
      truncated = true;
      break;
    }
    xml.open("Bucket").leaf("Name", bucket.name).leaf("CreationDate", iso_time(bucket.created_ms));
    xml.leaf("BucketRegion", bucket.region).close();
    last = bucket.name;
    ++listed;
  }
  xml.close();
  if (truncated) xml.leaf("ContinuationToken", checksums::hex(last));
  if (request.has("prefix")) xml.leaf("Prefix", prefix);
  return xml_reply(std::move(xml));
}

HttpResponse create_bucket(S3Context& s3, const S3Request& request) {
  const std::string signed_for = client_region(request);
  std::string region = signed_for.empty() ? s3.region : signed_for;
  if (!request.http->body.empty()) {
    auto document = parse_xml(request.http->body);
    if (!document || document->name != "CreateBucketConfiguration") return error_reply(malformed_xml(), false);
    const auto* constraint = document->child("LocationConstraint");
    const std::string wanted = constraint ? constraint->text : std::string();
    if (wanted == "us-east-1" || (!signed_for.empty() && !wanted.empty() && wanted != signed_for)) {
      const bool east = wanted == "us-east-1";
      return error_reply({400,
                          east ? "InvalidLocationConstraint" : "IllegalLocationConstraintException",
                          east ? "The specified location-constraint is not valid"
                               : "The " + wanted +
                                     " location constraint is incompatible for the region specific endpoint this "
                                     "request was sent to.",
                          {{"LocationConstraint", wanted}}},
                         false);
    }
    if (!wanted.empty()) region = wanted;
  } else if (!signed_for.empty() && signed_for != "us-east-1") {
    return error_reply({400,
                        "IllegalLocationConstraintException",
                        "The unspecified location constraint is incompatible for the region specific endpoint this "
                        "request was sent to.",
                        {}},
                       false);
  }
  if (auto made = s3.store.create_bucket(request.bucket, region, s3.account); !made) {
    return error_reply(error_of(made.error(), request.bucket), false);
  }
  auto response = empty_reply();
  response.headers.emplace_back("Location", "/" + request.bucket);
  return response;
}

HttpResponse head_bucket(S3Context& s3, const S3Request& request) {
  auto bucket = s3.store.bucket(request.bucket, s3.region);
  if (!bucket) return error_reply(error_of(bucket.error(), request.bucket), true);
  // The SDKs' ExpectedBucketOwner: a bucket another account owns is refused, as S3 does.
  const auto expected = request.header("x-amz-expected-bucket-owner");
  if (!expected.empty() && !bucket->owned_by(expected)) return error_reply(access_denied(), true);
  auto response = empty_reply();
  response.headers.emplace_back("x-amz-bucket-region", bucket->region);
  response.headers.emplace_back("x-amz-access-point-alias", "false");
  return response;
}

// Objects stay open to every account (no IAM), but a bucket is deleted only by its owner.
HttpResponse delete_bucket(S3Context& s3, const S3Request& request) {
  if (auto bucket = s3.store.bucket(request.bucket, s3.region); bucket && !bucket->owned_by(s3.account)) {
    return error_reply(access_denied(), false);
  }
  if (auto deleted = s3.store.delete_bucket(request.bucket); !deleted) {
    return error_reply(error_of(deleted.error(), request.bucket), false);
  }
  return empty_reply(204);
}

// us-east-1 answers with an empty LocationConstraint, as S3 does.
HttpResponse get_bucket_location(S3Context& s3, const S3Request& request) {
  auto bucket = s3.store.bucket(request.bucket, s3.region);
  if (!bucket) return error_reply(error_of(bucket.error(), request.bucket), false);
  query::XmlWriter xml;
  xml.open("LocationConstraint", kXmlns).raw(query::xml_escape(bucket->region == "us-east-1" ? "" : bucket->region));
  return xml_reply(std::move(xml));
}

}  // namespace api::s3
