#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace api::query {

// An `application/x-www-form-urlencoded` body as query-protocol clients send it
// (wire-protocols.md §6): `+` is a space, `%XX` a byte; a broken escape stays as sent, because
// the body is the client's text, not ours to refuse. Fields keep their order and repeats.
class Form {
 public:
  static Form parse(std::string_view body);

  // The first value of `name` (a client never repeats a scalar; if one does, the first wins).
  std::optional<std::string_view> value(std::string_view name) const;
  // A list of scalars, `name.member.N=v`, in the order of N (1, 2, ...; gaps are skipped).
  std::vector<std::string> list(std::string_view name) const;
  // A list of structures, `name.member.N.field=v`: one Form of `field=v` per N, in the order of N.
  std::vector<Form> structures(std::string_view name) const;
  // A nested structure, `name.field=v`: the Form of its `field=v` (empty when none is sent).
  Form nested(std::string_view name) const;
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace api::query
