#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/query/form.h"
#include "api/server/http_types.h"
#include "api/sts/session_book.h"

namespace api::sts {

inline constexpr std::string_view kApiVersion = "2011-06-15";
inline constexpr std::string_view kXmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

// STS over the query protocol (wire-protocols.md §5): GetCallerIdentity and AssumeRole. The
// caller is the access key of the SigV4 credential scope (with --auth sigv4 the router checked
// its signature first); no role or trust policy exists to refuse anyone.
class StsApi {
 public:
  // A form-encoded request the router sent to STS.
  server::HttpResponse handle(const server::HttpRequest& request, const query::Form& form);
  // The account of a key AssumeRole issued (its role's), nullopt for any other key: SageMaker
  // calls signed with it land in that account.
  std::optional<std::string> issued_account(std::string_view access_key) const;
  // The session AssumeRole issued with that key, nullptr for any other key (--auth sigv4
  // checks its secret, token and expiry).
  const Session* issued_session(std::string_view access_key) const { return sessions_.find(access_key); }
  // The form's Action when STS serves it, for /metrics.
  static std::optional<std::string_view> served_operation(const query::Form& form);

  // A state folder keeps the sessions: it hears of each new one, and hands them back on restart.
  using SessionListener = std::function<void(const std::string& access_key, const Session&)>;
  void on_new_session(SessionListener listener) { on_new_session_ = std::move(listener); }
  void restore_session(std::string access_key, Session session) {
    sessions_.add(std::move(access_key), std::move(session));
  }
  const SessionBook& sessions() const { return sessions_; }

 private:
  server::HttpResponse get_caller_identity(std::string_view access_key) const;
  server::HttpResponse assume_role(const query::Form& form);

  SessionBook sessions_;
  SessionListener on_new_session_;
};

}  // namespace api::sts
