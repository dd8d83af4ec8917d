#include "api/sts/session_book.h"

namespace api::sts {

void SessionBook::add(std::string access_key, Session session) {
  // A key comes back when a state is imported into the emulator that exported it.
  if (const auto known = sessions_.find(access_key); known != sessions_.end()) {
    known->second = std::move(session);
    return;
  }
  if (sessions_.size() >= kCapacity) {
    sessions_.erase(order_.front());
    order_.pop_front();
  }
  order_.push_back(access_key);
  sessions_.insert_or_assign(std::move(access_key), std::move(session));
}

void SessionBook::for_each(const std::function<void(const std::string&, const Session&)>& visit) const {
  for (const auto& key : order_) visit(key, sessions_.find(key)->second);
}

const Session* SessionBook::find(std::string_view access_key) const {
  const auto it = sessions_.find(access_key);
  return it == sessions_.end() ? nullptr : &it->second;
}

}  // namespace api::sts
