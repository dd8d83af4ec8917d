#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace api::sts {

// Who an assumed-role session is (GetCallerIdentity's answer for its key).
struct Session {
  std::string account;  // the role's account
  std::string arn;      // arn:aws:sts::<account>:assumed-role/<role>/<session>
  std::string user_id;  // <role id>:<session>
  std::string secret;   // the issued secret access key, which signs the session's requests
  std::string token;    // the issued session token, which every request of the session carries
  // When the credentials expire, on the wall clock (STS's Expiration): sessions are no part of
  // the simulation, so its virtual clock has no say.
  std::chrono::sys_seconds expires{};
};

// The sessions AssumeRole started, by access key. Kept in memory for the life of the process
// (POST /_emulator/reset leaves them: credentials are no part of the simulated world), at most
// kCapacity of them: the oldest goes first, so a client assuming roles in a loop cannot grow the
// emulator without bound. With --auth sigv4 the secret, the token and the expiry are checked.
class SessionBook {
 public:
  static constexpr std::size_t kCapacity = 10000;

  void add(std::string access_key, Session session);
  const Session* find(std::string_view access_key) const;
  // Oldest first, as a state folder replays them.
  void for_each(const std::function<void(const std::string& access_key, const Session&)>& visit) const;

 private:
  std::map<std::string, Session, std::less<>> sessions_;
  std::deque<std::string> order_;  // keys, oldest first
};

}  // namespace api::sts
