#!/usr/bin/env python3
"""The tree's layers, checked include by include (issue 14).

    layering.py ROOT       check the sources under ROOT/core and ROOT/tui
    layering.py --self-test  plant one violation per rule in a temporary
                           tree and expect each to be reported, alone

Each problem is printed as FILE:LINE: message; the exit status is 1 when
there is one.  The rules:

- lmdb.h only in core/store, yaml.h only in core/plan/plan_yaml.c, curses
  (curses.h, ncurses*.h, term.h and the other curses headers) only in
  tui/screen: each library stays behind the one layer that wraps it.
- Nothing under core/ includes a header that lives under tui/.
- tui/cli and tui/screen do not include each other's headers: the two
  front ends share only core.
- A private header (NAME_internal.h) is included only from its own folder.
- A core layer includes only its own headers and those of the layers
  listed before it in the README's "Layout" block; a folder of core/ that
  the block does not list is a problem too, so the order has one home and
  a new layer is placed in it before it is used.

An include is resolved to the folder its header lives in (relative to the
including file, else by its path's tail anywhere under core/ and tui/);
one that resolves to no file of the tree is a system header.
"""
import fnmatch
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
SCANNED = ("core", "tui")
CURSES = ("curses.h", "ncurses*.h", "term.h", "termcap.h", "unctrl.h",
          "panel.h", "menu.h", "form.h", "eti.h")
YAML_READER = "core/plan/plan_yaml.c"


def core_layers(root):
    """The core/ folders in the order of the README's Layout block."""
    try:
        with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return []
    m = re.search(r"^## Layout\n.*?^```\n(.*?)^```", text, re.M | re.S)
    if not m:
        return []
    return re.findall(r"^(core/[\w-]+)\s", m.group(1), re.M)


def sources(root):
    for top in SCANNED:
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, name), root)


def folder(path):
    return os.path.dirname(path).replace(os.sep, "/")


def resolve(root, headers, src, inc):
    """The tree's path of the header src includes as inc, or None."""
    near = os.path.normpath(os.path.join(os.path.dirname(src), inc))
    if near in headers:
        return near
    tail = "/" + inc.lstrip("./")
    found = [h for h in headers if ("/" + h).endswith(tail)]
    same = [h for h in found if folder(h) == folder(src)]
    if same or len(found) == 1:
        return (same or found)[0]
    return None


def under(path, top):
    return path == top or path.startswith(top + "/")


def check(root):
    """Every problem as (file, line, rule, message)."""
    files = list(sources(root))
    headers = {f for f in files if f.endswith(".h")}
    layers = core_layers(root)
    problems = []
    unlisted = set()
    for src in files:
        sdir = folder(src)
        slayer = "/".join(sdir.split("/")[:2]) if under(sdir, "core") else None
        if slayer and slayer != "core" and slayer not in layers and slayer not in unlisted:
            unlisted.add(slayer)
            problems.append((src, 1, "unlisted",
                             f"{slayer} is not in README.md's Layout list of layers; "
                             "add it there, in its place"))
        with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        for no, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            target = resolve(root, headers, src, inc)
            if target is None:
                problems += system_rule(src, no, inc)
                continue
            tdir = folder(target)
            # A module's private header (store_internal.h) is for its own files.
            if target.endswith("_internal.h") and sdir != tdir:
                problems.append((src, no, "private",
                                 f"includes {target}: a private header of {tdir}"))
            if under(sdir, "core") and under(tdir, "tui"):
                problems.append((src, no, "core-tui",
                                 f"includes {target}: core never includes the front ends"))
            for a, b in (("tui/cli", "tui/screen"), ("tui/screen", "tui/cli")):
                if under(sdir, a) and under(tdir, b):
                    problems.append((src, no, "cli-screen",
                                     f"includes {target}: {a} and {b} share only core"))
            tlayer = "/".join(tdir.split("/")[:2])
            if (slayer in layers and tlayer in layers and
                    layers.index(tlayer) > layers.index(slayer)):
                problems.append((src, no, "order",
                                 f"includes {target}: {slayer} comes before {tlayer} in "
                                 "README.md's Layout and may use only the layers above it"))
    return problems


def system_rule(src, no, inc):
    name = inc.rsplit("/", 1)[-1]
    if name == "lmdb.h" and not under(folder(src), "core/store"):
        return [(src, no, "lmdb", "includes lmdb.h: only core/store may")]
    if name == "yaml.h" and src != YAML_READER:
        return [(src, no, "yaml", f"includes yaml.h: only {YAML_READER} may")]
    cursed = any(fnmatch.fnmatch(name, p) for p in CURSES) or inc.startswith(("ncurses/", "ncursesw/"))
    if cursed and not under(folder(src), "tui/screen"):
        return [(src, no, "curses", f"includes {inc}: only tui/screen may use curses")]
    return []


# ---------------------------------------------------------------- self-test

CLEAN = {
    "README.md": "## Layout\n\n```\ncore/base      x\ncore/plan      y\n"
                 "core/store     z\ntui/cli        w\n```\n",
    "core/base/lz_a.h": "#include <stddef.h>\n",
    "core/base/lz_a.c": '#include "lz_a.h"\n',
    "core/plan/plan_yaml.c": '#include <yaml.h>\n#include "lz_a.h"\n',
    "core/plan/lz_p.h": '#include "lz_a.h"\n',
    "core/store/lz_s.h": '#include "lz_p.h"\n',
    "core/store/lz_s.c": '#include <lmdb.h>\n#include "lz_s.h"\n#include "../base/lz_a.h"\n'
                         '#include "s_internal.h"\n',
    "core/store/s_internal.h": '#include "lz_s.h"\n',
    "tui/main.c": '#include "cli.h"\n#include "ui.h"\n',
    "tui/cli/cli.h": '#include "lz_s.h"\n',
    "tui/cli/cmd.c": '#include <getopt.h>\n#include "cli.h"\n',
    "tui/screen/ui.h": '#include <curses.h>\n#include "lz_s.h"\n',
    "tui/screen/ui_term.c": '#include <term.h>\n#include <ncursesw/panel.h>\n#include "ui.h"\n',
}

# (file, text appended, rule expected on the file's new last line)
PLANTED = [
    ("core/plan/lz_p.c", "#include <lmdb.h>\n", "lmdb"),
    ("tui/cli/cmd.c", "#include <lmdb.h>\n", "lmdb"),
    ("core/store/lz_s.c", "#include <yaml.h>\n", "yaml"),
    ("core/plan/lz_p.c", "  #  include \"yaml.h\"\n", "yaml"),
    ("tui/cli/cmd.c", "#include <curses.h>\n", "curses"),
    ("core/base/lz_a.c", "#include <ncursesw/ncurses.h>\n", "curses"),
    ("tui/main.c", "#include <term.h>\n", "curses"),
    ("core/base/lz_a.c", '#include "cli.h"\n', "core-tui"),
    ("core/store/lz_s.h", '#include "../../tui/screen/ui.h"\n', "core-tui"),
    ("tui/cli/cmd.c", '#include "ui.h"\n', "cli-screen"),
    ("tui/screen/ui.h", '#include "cli.h"\n', "cli-screen"),
    ("core/base/lz_a.c", '#include "lz_p.h"\n', "order"),
    ("core/plan/lz_p.h", '#include "lz_s.h"\n', "order"),
    ("core/records/lz_r.c", '#include "lz_a.h"\n', "unlisted"),
    ("tui/cli/cmd.c", '#include "s_internal.h"\n', "private"),
]


def self_test():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        def tree(extra=None):
            base = os.path.join(tmp, "tree")
            shutil.rmtree(base, ignore_errors=True)
            for path, text in CLEAN.items():
                os.makedirs(os.path.join(base, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(base, path), "w") as f:
                    f.write(text)
            if extra:
                path, text = extra
                full = os.path.join(base, path)
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "a") as f:
                    f.write(text)
                with open(full) as f:
                    return base, f.read().count("\n")
            return base, 0

        base, _ = tree()
        got = check(base)
        print(("ok" if not got else "not ok") + " 1 - the clean tree passes")
        for p in got:
            print(f"#   {p[0]}:{p[1]}: {p[3]}")
        failures += bool(got)
        for i, (path, text, rule) in enumerate(PLANTED, 2):
            base, line = tree((path, text))
            got = check(base)
            want = [(path, line, rule)]
            ok = [(p[0], p[1], p[2]) for p in got] == want
            print(f"{'ok' if ok else 'not ok'} {i} - {rule}: {text.strip()} in {path} reported")
            if not ok:
                print(f"#   expected {want}")
                for p in got:
                    print(f"#   got {p[0]}:{p[1]}: [{p[2]}] {p[3]}")
            failures += not ok
        print(f"1..{len(PLANTED) + 1}")
    return 1 if failures else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 64
    root = argv[1]
    layers = core_layers(root)
    if not layers:
        print(f"{root}/README.md: no core/ layers found in the Layout block")
        return 1
    problems = check(root)
    for src, no, _, message in problems:
        print(f"{src}:{no}: {message}")
    if problems:
        print(f"layering: {len(problems)} problem(s); the rules are in tests/layering.py")
        return 1
    print(f"layering: {len(list(sources(root)))} files follow the layers "
          f"{' < '.join(layers)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
