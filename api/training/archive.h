#pragma once

#include <filesystem>
#include <string>

#include "capacity_model/result.h"

// tar.gz without an external program: model.tar.gz and output.tar.gz out of a job folder,
// and sourcedir.tar.gz (as the SageMaker Python SDK packs it) into a code folder.
namespace api::training {

// Packs every directory and regular file under `folder` into `archive`. Members are named
// relative to `folder` ("model.pth", "sub/", no "./" and no folder name, as SageMaker's
// model.tar.gz and SDK local mode have them), sorted by name, with mtime, uid and gid 0 and
// the file's permission bits, in ustar format with pax records for names over 100 bytes, so
// the same content always gives the same bytes. Symbolic links are left out. `archive` must
// not lie inside `folder`; on failure no archive is left behind.
capacity_model::Status<std::string> pack_tar_gz(const std::filesystem::path& folder,
                                                const std::filesystem::path& archive);

// Unpacks a gzip- (or zlib-) compressed tar in ustar, GNU or pax format (what Python's tarfile
// and GNU tar write) into `into`, created if missing: regular files and directories, with long
// names from pax "path" records or GNU 'L' headers; links and special files are skipped. A
// member whose name is absolute or climbs out with ".." stops the unpacking with an error
// before anything is written for it, so nothing lands outside `into`.
capacity_model::Status<std::string> unpack_tar_gz(const std::filesystem::path& archive,
                                                  const std::filesystem::path& into);

}  // namespace api::training
