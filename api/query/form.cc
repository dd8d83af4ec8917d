#include "api/query/form.h"

#include <map>

#include "api/server/form_decode.h"

namespace api::query {
namespace {

// "12" → 12; anything but 1 to 9 decimal digits (no sign, no leading zero) is not a member index.
std::optional<unsigned> member_index(std::string_view digits) {
  if (digits.empty() || digits.size() > 9 || digits[0] == '0') return std::nullopt;
  unsigned index = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + unsigned(c - '0');
  }
  return index;
}

// For a key "name.member.N<rest>": N and <rest>; nullopt for every other key.
std::optional<std::pair<unsigned, std::string_view>> split_member(std::string_view key, std::string_view name) {
  constexpr std::string_view kMember = ".member.";
  if (key.size() <= name.size() + kMember.size() || key.substr(0, name.size()) != name ||
      key.substr(name.size(), kMember.size()) != kMember) {
    return std::nullopt;
  }
  const auto tail = key.substr(name.size() + kMember.size());
  const auto dot = tail.find('.');
  const auto index = member_index(tail.substr(0, dot));
  if (!index) return std::nullopt;
  return std::pair{*index, dot == std::string_view::npos ? std::string_view() : tail.substr(dot)};
}

}  // namespace

Form Form::parse(std::string_view body) {
  Form form;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      form.fields_.emplace_back(
          server::form_decode(pair.substr(0, eq)),
          eq == std::string_view::npos ? std::string() : server::form_decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return form;
}

std::optional<std::string_view> Form::value(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Form::list(std::string_view name) const {
  std::map<unsigned, std::string> members;
  for (const auto& [key, value] : fields_) {
    const auto member = split_member(key, name);
    if (member && member->second.empty()) members.try_emplace(member->first, value);
  }
  std::vector<std::string> out;
  for (auto& [index, value] : members) out.push_back(std::move(value));
  return out;
}

std::vector<Form> Form::structures(std::string_view name) const {
  std::map<unsigned, Form> members;
  for (const auto& [key, value] : fields_) {
    const auto member = split_member(key, name);
    if (member && member->second.size() > 1) {
      members[member->first].fields_.emplace_back(std::string(member->second.substr(1)), value);
    }
  }
  std::vector<Form> out;
  for (auto& [index, form] : members) out.push_back(std::move(form));
  return out;
}

Form Form::nested(std::string_view name) const {
  Form out;
  for (const auto& [key, value] : fields_) {
    if (key.size() > name.size() + 1 && key.compare(0, name.size(), name) == 0 && key[name.size()] == '.') {
      out.fields_.emplace_back(key.substr(name.size() + 1), value);
    }
  }
  return out;
}

}  // namespace api::query
