#!/usr/bin/env python3
"""Reads a screen captured with `tmux capture-pane -p` by display column,
as the terminal lays it out: a wide (CJK) character takes two columns, a
combining mark none.

  screen.py width FILE            the widest line's width, then each line
                                  wider than $2 (default 100) as ROW:WIDTH
  screen.py cols FILE ROW X W     the text in columns [X, X+W) of ROW (0-based);
                                  a wide character is taken when it starts there
  screen.py find FILE ROW TEXT    the display column where TEXT starts in ROW, or -1
  screen.py end FILE ROW TEXT     the display column just after TEXT in ROW, or -1
  screen.py vline FILE X FROM TO CHAR
                                  the rows FROM..TO-1 whose column X is not CHAR
"""
import sys
import unicodedata


def cw(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(s):
    return sum(cw(c) for c in s)


def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().split("\n")


def cols(line, x, w):
    out, col = [], 0
    for ch in line:
        if x <= col < x + w:
            out.append(ch)
        col += cw(ch)
        if col >= x + w:
            break
    return "".join(out)


def main(argv):
    cmd, path = argv[1], argv[2]
    rows = lines(path)
    if cmd == "width":
        limit = int(argv[3]) if len(argv) > 3 else 100
        widths = [width(r) for r in rows]
        print(max(widths) if widths else 0)
        for i, w in enumerate(widths):
            if w > limit:
                print("%d:%d" % (i, w))
    elif cmd == "cols":
        row, x, w = int(argv[3]), int(argv[4]), int(argv[5])
        print(cols(rows[row], x, w) if row < len(rows) else "")
    elif cmd in ("find", "end"):
        row, text = int(argv[3]), argv[4]
        line = rows[row] if row < len(rows) else ""
        i = line.find(text)
        if i < 0:
            print(-1)
        else:
            start = width(line[:i])
            print(start if cmd == "find" else start + width(text))
    elif cmd == "vline":
        x, first, last, want = int(argv[3]), int(argv[4]), int(argv[5]), argv[6]
        bad = [str(r) for r in range(first, last)
               if cols(rows[r] if r < len(rows) else "", x, 1) != want]
        print(" ".join(bad))
    else:
        sys.exit("screen.py: unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
