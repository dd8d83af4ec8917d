#pragma once

namespace api {

// CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID). On the io thread, which
// serves every request and runs the simulation, it measures work the way a journal replay
// would redo it: a busy machine's other threads do not count.
double thread_cpu_seconds();

}  // namespace api
