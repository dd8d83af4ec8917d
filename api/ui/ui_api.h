#pragma once

#include <string_view>

#include "api/server/http_types.h"

namespace api::ui {

// Whether a path is the dashboard's: /_emulator/ui and everything under /_emulator/ui/.
bool is_ui_path(std::string_view path);

// GET /_emulator/ui (the page) and /_emulator/ui/<file> (its scripts and style), from the
// files compiled into the binary. The page reads everything else through the SageMaker API
// and the control plane, as any client would (docs/dashboard.md).
server::HttpResponse serve(const server::HttpRequest& request);

}  // namespace api::ui
