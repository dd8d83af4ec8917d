#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/object_store/multipart_uploads.h"
#include "api/object_store/object_store.h"
#include "api/server/http_types.h"

namespace api::s3 {

// S3 over REST-XML (wire-protocols.md §7) on the emulator's port, served from the store folder
// (--s3-dir): buckets, objects with Range and checksums, listings, copies and multipart
// uploads, path-style and virtual-host addressing. Signatures are not checked.
class S3Api {
 public:
  // The largest request body S3 requests may carry: a PutObject or one part. Larger objects go
  // multipart (the SDKs and the CLI switch at 8 MiB), so this bounds memory, not object size.
  static constexpr std::size_t kMaxBodyBytes = 256 * 1024 * 1024;

  // The account of an access key AssumeRole issued, nullopt for any other key.
  using IssuedAccounts = std::function<std::optional<std::string>(std::string_view access_key)>;

  // `region`: where buckets made by unsigned clients (and by training jobs) are. `issued` tells
  // the account behind a temporary key; bucket names and ListBuckets are per account.
  S3Api(object_store::ObjectStore& store, std::string region, IssuedAccounts issued = {});

  server::HttpResponse handle(const server::HttpRequest& request);
  // The answer to a request whose body is over kMaxBodyBytes, which is never read.
  static server::HttpResponse too_large(const server::HttpRequest& request);

  // The operation a request asks for ("PutObject", ...), for metrics; "unknown" when none.
  static std::string_view operation_of(const server::HttpRequest& request);

 private:
  object_store::ObjectStore& store_;
  object_store::MultipartUploads uploads_;
  std::string region_;
  std::string owner_id_;
  IssuedAccounts issued_;
};

}  // namespace api::s3
