// POST Object: an HTML form upload to a bucket (boto3's generate_presigned_post, a browser form).
// The signature and the policy's expiration are the front door's (--auth sigv4); here the form,
// the policy's conditions, the object and the answer the form asked for.
#include "api/s3/listing.h"
#include "api/s3/object_headers.h"
#include "api/s3/operations.h"
#include "api/s3/post_form.h"
#include "api/s3/post_policy.h"

namespace api::s3 {

namespace {

// The key with every ${filename} replaced by the file's name (its last path segment: old
// browsers sent the whole path).
std::string filled_key(std::string key, std::string_view filename) {
  constexpr std::string_view kFilename = "${filename}";
  filename =
      filename.substr(filename.find_last_of("/\\") == std::string_view::npos ? 0 : filename.find_last_of("/\\") + 1);
  for (auto at = key.find(kFilename); at != std::string::npos; at = key.find(kFilename, at + filename.size())) {
    key.replace(at, kFilename.size(), filename);
  }
  return key;
}

// The object's Content-Type, Cache-Control, ..., x-amz-meta-* come from the form's fields, read
// as the headers a PutObject would carry.
object_store::ObjectAttributes form_attributes(const PostForm& form, const S3Request& request) {
  server::HttpRequest as_headers{"POST", request.http->target, form.fields, ""};
  S3Request fields = request;
  fields.http = &as_headers;
  return attributes_of(fields);
}

// success_action_redirect: 303 to the page with the new object's bucket, key and ETag appended.
std::optional<HttpResponse> redirect_reply(const PostForm& form, const S3Request& request, const std::string& key,
                                           const std::string& etag) {
  auto target = form.field("success_action_redirect");
  if (!target) target = form.field("redirect");
  if (!target || !(target->starts_with("http://") || target->starts_with("https://"))) return std::nullopt;
  auto response = empty_reply(303);
  response.headers.emplace_back("Location", *target + (target->find('?') == std::string::npos ? "?" : "&") +
                                                "bucket=" + url_encode(request.bucket) + "&key=" + url_encode(key) +
                                                "&etag=" + url_encode(quoted_etag(etag)));
  return response;
}

}  // namespace

HttpResponse post_object(S3Context& s3, const S3Request& request) {
  auto form = parse_post_form(request.header("Content-Type"), request.http->body);
  if (!form) {
    return error_reply(
        {400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.", {}},
        false);
  }
  const auto key_field = form->field("key");
  if (!key_field) {
    return error_reply(invalid_argument("Bucket POST must contain a field named 'key'.  If it is specified, please "
                                        "check the order of the fields.",
                                        "key", ""),
                       false);
  }
  if (!form->has_file) {
    return error_reply(invalid_argument("POST requires exactly one file upload per request.", "file", "0"), false);
  }
  if (auto text = form->field("policy"); text && !text->empty()) {
    auto policy = read_policy(*text);
    if (!policy) return error_reply(policy.error(), false);
    if (auto broken = policy_violation(*policy, *form, request.bucket)) return error_reply(*broken, false);
  }
  const std::string key = filled_key(*key_field, form->filename);
  if (key.empty())
    return error_reply(invalid_argument("User key must have a length greater than 0.", "key", ""), false);
  auto put = s3.store.put_object(request.bucket, key, form->file, form_attributes(*form, request));
  if (!put) return error_reply(error_of(put.error(), request.bucket, key), false);
  if (auto redirect = redirect_reply(*form, request, key, put->etag)) return *redirect;
  const std::string location =
      "http://" + std::string(request.header("Host")) + "/" + url_encode(request.bucket) + "/" + url_encode(key);
  const std::string status = form->field("success_action_status").value_or("");
  HttpResponse response = empty_reply(status == "200" ? 200 : 204);
  if (status == "201") {
    query::XmlWriter xml;
    xml.open("PostResponse").leaf("Location", location).leaf("Bucket", request.bucket).leaf("Key", key);
    xml.leaf("ETag", quoted_etag(put->etag));
    response = xml_reply(std::move(xml), 201);
  }
  response.headers.emplace_back("ETag", quoted_etag(put->etag));
  response.headers.emplace_back("Location", location);
  return response;
}

}  // namespace api::s3
