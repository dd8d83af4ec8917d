#include "api/signed_chunks.h"

#include "api/auth/chunk_signatures.h"
#include "api/auth/sigv4_params.h"
#include "api/s3/aws_chunked.h"

namespace api {
namespace {

using auth::ChunkSignatureChain;

auth::Rejection mismatch(std::string access_key, std::string string_to_sign, std::string provided) {
  auth::Rejection rejection;
  rejection.problem = auth::Problem::bad_signature;
  rejection.access_key = std::move(access_key);
  rejection.string_to_sign = std::move(string_to_sign);
  rejection.signature_provided = std::move(provided);
  return rejection;
}

// The trailer x-amz-trailer-signature's value, empty when the client sent none.
std::string trailer_signature(const s3::DecodedBody& body) {
  for (const auto& [name, value] : body.trailers) {
    if (name == "x-amz-trailer-signature") return value;
  }
  return {};
}

}  // namespace

std::optional<auth::Rejection> refuse_signed_chunks(const server::HttpRequest& request,
                                                    const auth::SecretOf& secret_of) {
  const auto payload = request.header("x-amz-content-sha256");
  const bool with_trailer = payload == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  if (!with_trailer && payload != "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") return std::nullopt;
  if (auth::signature_form_of(request) != auth::SignatureForm::header) return std::nullopt;
  // Whatever stops the check here, the header check before or S3 after has refused already.
  const auto params = auth::header_params(request);
  if (!params) return std::nullopt;
  const auto secret = secret_of(params->access_key);
  if (!secret) return std::nullopt;
  auto body = s3::decode_aws_chunked(request.body, s3::AwsChunkedDecoder::KeepChunks::yes);
  if (!body) return std::nullopt;

  ChunkSignatureChain chain(*secret, params->scope, params->amz_date, params->signature);
  std::string_view rest = body->bytes;
  for (const auto& chunk : body->chunks) {
    const auto data = rest.substr(0, chunk.size);
    rest.remove_prefix(data.size());
    auto to_sign = chain.chunk_string_to_sign(data);
    if (!chain.accept(to_sign, chunk.signature)) return mismatch(params->access_key, to_sign, chunk.signature);
  }
  if (!with_trailer) return std::nullopt;
  auto to_sign = chain.trailer_string_to_sign(body->trailers);
  const auto provided = trailer_signature(*body);
  if (!chain.accept(to_sign, provided)) return mismatch(params->access_key, to_sign, provided);
  return std::nullopt;
}

}  // namespace api
