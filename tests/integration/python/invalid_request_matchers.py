"""What an error message of an invalid request must say, for the tables of invalid requests
(invalid_request_table.py): Coral items ("N validation error(s) detected: Value … at '<path>'
failed to satisfy constraint: …", sagemaker-api.md §1.5), a member named (At), a substring or
pattern (Has), an exact text (Exactly), and the constraint texts of the model.
"""

import re

CORAL_PREFIX = re.compile(r"^\d+ validation errors? detected: ")
CORAL_ITEM = re.compile(r"Value (?:null|'(?:[^']|'(?! at '))*') at '([^']*)' failed to satisfy "
                        r"constraint: (.*?)(?=; Value |$)", re.S)


def normalise_path(path):
    """'a.instanceConfigs.1.member.instanceType' / 'a.instanceConfigs[0].instanceType' ->
    'a.instanceConfigs.instanceType' (list indices and 'member' dropped)."""
    path = re.sub(r"\[\d+\]", "", path)
    return ".".join(p for p in path.split(".") if p and not p.isdigit() and p != "member")


class Coral:
    """The message holds a Coral item for this member path whose constraint text starts with
    `constraint` (sagemaker-api.md §1.5)."""

    def __init__(self, path, constraint):
        self.path, self.constraint = path, constraint

    def problem(self, message):
        if not CORAL_PREFIX.match(message):
            return "does not start with 'N validation error(s) detected: '"
        items = [(normalise_path(p), c) for p, c in CORAL_ITEM.findall(message)]
        for path, constraint in items:
            if path == self.path and constraint.startswith(self.constraint):
                return None
        return "no item \"at '%s' failed to satisfy constraint: %s…\" (items: %r)" % (
            self.path, self.constraint, items)

    def __repr__(self):
        return "Coral(%r, %r)" % (self.path, self.constraint)


class At:
    """The message names the member path (e.g. a SerializationException for a wrong JSON
    type): "at '<path>'" or the path itself, list indices ignored."""

    def __init__(self, path):
        self.path = path

    def problem(self, message):
        quoted = [normalise_path(p) for p in re.findall(r"'([^']*)'", message)]
        if self.path in quoted or self.path in message:
            return None
        leaf = self.path.rsplit(".", 1)[-1]
        if re.search(r"\b%s\b" % re.escape(leaf), message, re.I):
            return None
        return "does not name the member %s" % self.path

    def __repr__(self):
        return "At(%r)" % self.path


class Has:
    """Case-insensitive substring, or a regex when given a compiled pattern."""

    def __init__(self, text):
        self.text = text

    def problem(self, message):
        if isinstance(self.text, re.Pattern):
            return None if self.text.search(message) else "does not match /%s/" % self.text.pattern
        return None if self.text.lower() in message.lower() else "does not contain %r" % self.text

    def __repr__(self):
        return "Has(%r)" % (self.text if isinstance(self.text, str) else self.text.pattern)


class Exactly:
    def __init__(self, text):
        self.text = text

    def problem(self, message):
        return None if message == self.text else "is not exactly %r" % self.text


NOT_NULL = "Member must not be null"
ENUM = "Member must satisfy enum value set"
PATTERN = "Member must satisfy regular expression pattern"


def len_max(n):
    return "Member must have length less than or equal to %d" % n


def len_min(n):
    return "Member must have length greater than or equal to %d" % n


def val_min(n):
    return "Member must have value greater than or equal to %d" % n


def val_max(n):
    return "Member must have value less than or equal to %d" % n
