#pragma once

#include <cstddef>

namespace api::server {

// Makes room for `connections` sockets plus `spare` other descriptors (the listening socket,
// logs, training processes' pipes) by raising this process's soft limit on open files up to
// its hard limit. Debian's default soft limit of 1,024 would otherwise stop accept() before
// the connection cap is reached, so the longest-idle connection would never make room for a
// newcomer. Returns how many connections fit: `connections`, or fewer under a low hard limit.
std::size_t fit_open_files(std::size_t connections, std::size_t spare);

}  // namespace api::server
