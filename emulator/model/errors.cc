#include "emulator/model/errors.h"

namespace emulator {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::ValidationException: return "ValidationException";
    case ErrorCode::ResourceNotFound: return "ResourceNotFound";
    case ErrorCode::ResourceInUse: return "ResourceInUse";
    case ErrorCode::ResourceLimitExceeded: return "ResourceLimitExceeded";
  }
  return "InternalFailure";
}

}  // namespace emulator
