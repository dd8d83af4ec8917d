#include "api/service_model/pattern.h"

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "api/service_model/pattern_syntax.h"
#include "api/service_model/unicode_classes.h"

namespace api::service_model {

using pattern_syntax::CharClass;
using pattern_syntax::Node;

// ---------------------------------------------------------------------------------------------
// Compiled form: a Thompson NFA

namespace {

constexpr std::size_t kMaxStates = 200000;

enum class Op { kChar, kSplit, kMatch, kBegin, kEnd, kLookbehind };

struct State {
  Op op = Op::kMatch;
  int arg = -1;  // kChar: class index; kLookbehind: look-behind index
  int out = -1;
  int out1 = -1;  // kSplit only
};

}  // namespace

struct Pattern::Program {
  struct Lookbehind {
    std::shared_ptr<const Program> program;
    std::size_t width = 0;
    bool negative = false;
  };
  std::vector<CharClass> classes;
  std::vector<State> states;
  std::vector<Lookbehind> lookbehinds;
  int start = -1;

  bool run(std::u32string_view text) const;
  bool lookbehind_holds(const Lookbehind& lb, std::u32string_view text, std::size_t pos) const {
    const bool matched = pos >= lb.width && lb.program->run(text.substr(pos - lb.width, lb.width));
    return matched != lb.negative;
  }
};

bool Pattern::Program::run(std::u32string_view text) const {
  std::vector<int> current, next, stack;
  std::vector<std::size_t> mark(states.size(), SIZE_MAX);
  bool matched = false;
  // Adds the epsilon closure of `s` at position `pos` to `list`.
  auto add = [&](std::vector<int>& list, int s, std::size_t pos) {
    stack.push_back(s);
    while (!stack.empty()) {
      const int id = stack.back();
      stack.pop_back();
      if (mark[id] == pos) continue;
      mark[id] = pos;
      const State& st = states[id];
      switch (st.op) {
        case Op::kSplit:
          stack.push_back(st.out1);
          stack.push_back(st.out);
          break;
        case Op::kBegin:
          if (pos == 0) stack.push_back(st.out);
          break;
        case Op::kEnd:
          if (pos == text.size()) stack.push_back(st.out);
          break;
        case Op::kLookbehind:
          if (lookbehind_holds(lookbehinds[st.arg], text, pos)) stack.push_back(st.out);
          break;
        case Op::kMatch:
          if (pos == text.size()) matched = true;
          break;
        case Op::kChar:
          list.push_back(id);
          break;
      }
    }
  };
  add(current, start, 0);
  for (std::size_t i = 0; i < text.size() && !current.empty(); ++i) {
    next.clear();
    for (int id : current) {
      const State& st = states[id];
      if (classes[st.arg].matches(text[i])) add(next, st.out, i + 1);
    }
    current.swap(next);
  }
  return matched;
}

// ---------------------------------------------------------------------------------------------
// Syntax tree → NFA

namespace {

// AST → NFA, built back to front: emit(node, next) returns the entry state of `node`, whose
// exit continues at `next`.
class Compiler {
 public:
  Compiler(const std::vector<Node>& nodes, const std::vector<CharClass>& classes) : nodes_(nodes) {
    program_.classes = classes;
  }

  std::shared_ptr<const Pattern::Program> compile(int root, std::string& error) {
    const int match = state(Op::kMatch);
    program_.start = emit(root, match, error);
    if (!error.empty()) return nullptr;
    return std::make_shared<const Pattern::Program>(std::move(program_));
  }

 private:
  int state(Op op, int arg = -1, int out = -1, int out1 = -1) {
    if (program_.states.size() >= kMaxStates) throw std::length_error("pattern expands to too many NFA states");
    program_.states.push_back(State{op, arg, out, out1});
    return static_cast<int>(program_.states.size()) - 1;
  }

  int emit(int id, int next, std::string& error) {
    const Node& n = nodes_[id];
    switch (n.kind) {
      case Node::kEmpty: return next;
      case Node::kClass: return state(Op::kChar, n.cls, next);
      case Node::kBegin: return state(Op::kBegin, -1, next);
      case Node::kEnd: return state(Op::kEnd, -1, next);
      case Node::kConcat: {
        int cont = next;
        for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) cont = emit(*it, cont, error);
        return cont;
      }
      case Node::kAlt: {
        int cont = emit(n.children.back(), next, error);
        for (auto it = n.children.rbegin() + 1; it != n.children.rend(); ++it) {
          const int branch = emit(*it, next, error);
          cont = state(Op::kSplit, -1, branch, cont);
        }
        return cont;
      }
      case Node::kRepeat: {
        int cont = next;
        if (n.max < 0) {
          const int loop = state(Op::kSplit, -1, -1, next);
          const int body = emit(n.children[0], loop, error);
          program_.states[loop].out = body;
          cont = loop;
        } else {
          for (int k = n.min; k < n.max; ++k) {
            const int body = emit(n.children[0], cont, error);
            cont = state(Op::kSplit, -1, body, next);
          }
        }
        for (int k = 0; k < n.min; ++k) cont = emit(n.children[0], cont, error);
        return cont;
      }
      case Node::kLookbehind: {
        const long width = pattern_syntax::fixed_width(nodes_, n.children[0]);
        if (width < 0) {
          error = "look-behind must have a fixed width";
          return next;
        }
        Compiler sub(nodes_, program_.classes);
        auto program = sub.compile(n.children[0], error);
        if (!program) return next;
        program_.lookbehinds.push_back({std::move(program), static_cast<std::size_t>(width), n.negative});
        return state(Op::kLookbehind, static_cast<int>(program_.lookbehinds.size()) - 1, next);
      }
    }
    return next;
  }

  const std::vector<Node>& nodes_;
  Pattern::Program program_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

Pattern::Pattern(std::string source, std::shared_ptr<const Program> program)
    : source_(std::move(source)), program_(std::move(program)) {}

capacity_model::Result<Pattern, std::string> Pattern::compile(std::string_view java_regex) {
  auto parsed = pattern_syntax::parse(decode_utf8(java_regex));
  if (!parsed) return "invalid pattern '" + std::string(java_regex) + "': " + parsed.error();
  const auto& syntax = *parsed;
  std::string error;
  std::shared_ptr<const Program> program;
  try {
    program = Compiler(syntax.nodes, syntax.classes).compile(syntax.root, error);
  } catch (const std::length_error& e) {
    error = e.what();
  }
  if (!program) return "invalid pattern '" + std::string(java_regex) + "': " + error;
  return Pattern(std::string(java_regex), std::move(program));
}

bool Pattern::full_match(std::u32string_view text) const { return program_->run(text); }

bool Pattern::full_match_utf8(std::string_view text) const { return program_->run(decode_utf8(text)); }

}  // namespace api::service_model
