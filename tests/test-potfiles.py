#!/usr/bin/env python3
"""Check that po/POTFILES.in names every file with translatable strings.

    test-potfiles.py SOURCE_ROOT          check the project
    test-potfiles.py --self-test          check that the scanner finds what it must and only that

A file left out of POTFILES.in is never extracted, so its strings stay English in every
language without anyone noticing; a file listed that does not exist breaks the .pot update.
"""

import os
import re
import sys
import tempfile

GETTEXT_CALL = re.compile(
    r"(?<![A-Za-z0-9_])"
    r"(?:_|N_|C_|NC_|Q_|ngettext|dngettext|g_dngettext|g_dgettext|g_dpgettext|g_dpgettext2|dgettext|gettext)"
    r"\s*\("
)
UI_TRANSLATABLE = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""", re.IGNORECASE)
SCHEMA_TRANSLATABLE = re.compile(r"<(?:summary|description)\b")


def strip_c_comments_and_strings(text):
    """Return C source with comments removed and string/char literal contents blanked.

    A comment that mentions N_() or a string that contains "_(" is not a translatable string.
    """
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            end = text.find("\n", i + 2)
            i = n if end < 0 else end
        elif c in "\"'":
            quote = c
            out.append(quote)
            i += 1
            while i < n and text[i] != quote and text[i] != "\n":
                i += 2 if text[i] == "\\" else 1
            out.append(quote)
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def has_translatable_strings(root, relpath):
    path = os.path.join(root, relpath)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if relpath.endswith((".c", ".h")):
        return GETTEXT_CALL.search(strip_c_comments_and_strings(text)) is not None
    if relpath.endswith(".ui"):
        return UI_TRANSLATABLE.search(text) is not None
    if relpath.endswith(".gschema.xml"):
        return SCHEMA_TRANSLATABLE.search(text) is not None
    if relpath.endswith((".desktop.in", ".metainfo.xml.in", ".appdata.xml.in")):
        return True
    return False


def candidate_files(root):
    """Every file of the kinds that can carry translatable strings, relative to root."""
    found = []

    def walk(top, suffixes):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(suffixes):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))

    walk("src", (".c", ".h"))
    walk(os.path.join("data", "ui"), (".ui",))
    data = os.path.join(root, "data")
    if os.path.isdir(data):
        for name in sorted(os.listdir(data)):
            if name.endswith((".desktop.in", ".metainfo.xml.in", ".appdata.xml.in", ".gschema.xml")):
                found.append(os.path.join("data", name))
    return [p.replace(os.sep, "/") for p in found]


def read_list(path):
    """Paths of a POTFILES.in or POTFILES.skip: comments, blank lines and [encoding: …] skipped."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("[encoding"):
                continue
            if line.startswith("[type:"):
                line = line.split("]", 1)[1].strip()
            entries.append(line)
    return entries


def problems(root):
    """Human-readable problems with po/POTFILES.in, empty when it is complete and correct."""
    listed = read_list(os.path.join(root, "po", "POTFILES.in"))
    skipped = set(read_list(os.path.join(root, "po", "POTFILES.skip")))
    found = []

    duplicates = sorted({p for p in listed if listed.count(p) > 1})
    for path in duplicates:
        found.append("po/POTFILES.in lists %s more than once" % path)

    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            found.append("po/POTFILES.in lists %s, which does not exist" % path)

    listed_set = set(listed)
    for path in candidate_files(root):
        if path in listed_set or path in skipped:
            continue
        if has_translatable_strings(root, path):
            found.append("%s has translatable strings but is not in po/POTFILES.in" % path)
    return found


def write(root, relpath, text):
    path = os.path.join(root, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def self_test():
    """The scanner must flag what is missing and nothing else."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="potfiles-") as root:
        write(root, "src/core/listed.c", 'x = _ ("Listed");\n')
        write(root, "src/core/missing.c", 'g_set_error (e, d, 0, _("Missing %s"), s);\n')
        write(root, "src/core/plural.c", 'p = g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n);\n')
        write(root, "src/core/marked.h", '#define LABEL N_("Marked")\n')
        write(root, "src/core/comment.h", "const char *name; /* English name, marked N_() */\n// _( here\n")
        write(root, "src/core/string.c", 'puts ("call _(x) like this"); my_(1); g_(2);\n')
        write(root, "data/ui/missing.ui", '<property name="label" translatable="yes">Save</property>\n')
        write(root, "data/ui/plain.ui", '<property name="label">x</property>\n')
        write(root, "data/x.desktop.in", "[Desktop Entry]\nName=X\n")
        write(root, "data/x.gschema.xml", "<schemalist><schema><key><summary>S</summary></key></schema></schemalist>\n")
        write(root, "po/POTFILES.in", "# comment\nsrc/core/listed.c\ndata/x.gschema.xml\nsrc/gone.c\n")

        got = set(problems(root))
        expected = {
            "src/core/missing.c has translatable strings but is not in po/POTFILES.in",
            "src/core/plural.c has translatable strings but is not in po/POTFILES.in",
            "src/core/marked.h has translatable strings but is not in po/POTFILES.in",
            "data/ui/missing.ui has translatable strings but is not in po/POTFILES.in",
            "data/x.desktop.in has translatable strings but is not in po/POTFILES.in",
            "po/POTFILES.in lists src/gone.c, which does not exist",
        }
        for line in sorted(expected - got):
            failures.append("not reported: " + line)
        for line in sorted(got - expected):
            failures.append("reported wrongly: " + line)

        write(root, "po/POTFILES.in", "src/core/listed.c\nsrc/core/listed.c\n")
        if "po/POTFILES.in lists src/core/listed.c more than once" not in problems(root):
            failures.append("not reported: a path listed twice")
    return failures


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        failures = self_test()
        for line in failures:
            print("FAIL: " + line)
        print("self-test: %s" % ("failed" if failures else "the scanner reports exactly what it must"))
        return 1 if failures else 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2

    root = argv[1]
    if not os.path.isfile(os.path.join(root, "po", "POTFILES.in")):
        print("%s has no po/POTFILES.in" % root, file=sys.stderr)
        return 2
    found = problems(root)
    for line in found:
        print("FAIL: " + line)
    if found:
        print("po/POTFILES.in is incomplete: %d problem(s)" % len(found))
        return 1
    print("po/POTFILES.in names all %d files with translatable strings" % len(read_list(os.path.join(root, "po", "POTFILES.in"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
