#!/usr/bin/env bash
# The manual pages and the Chinese user guide as the build makes and
# installs them (issue 16, "For the secretary to read"), as TAP:
#   man.sh BUILD-ROOT SOURCE-ROOT
# The Chinese page (doc/lianzheng.zh_CN.1.in) is a translation of the
# English one (tui/lianzheng.1.in) built by the same generator: both have
# their synopses expanded, the same synopses and the same entries (the tag
# of every .TP, which names a command, an option or an exit status), so a
# command documented in one and not the other fails here.  Both render
# without a warning from groff and man-db (skipped without them: CI does
# not install them), and meson installs the page and the guide where man
# and a reader look for them.
set -u
BUILD=$1 SRC=$2
EN=$BUILD/tui/lianzheng.1 ZH=$BUILD/doc/lianzheng.1
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)) failed=1
	echo "not ok $n - $1"
	[ -z "${2-}" ] || printf '%s\n' "$2" | sed 's/^/# /'
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { if [ -z "$2" ]; then ok "$1"; else not_ok "$1" "$2"; fi; }

for page in "$EN" "$ZH"; do
	if [ -s "$page" ] && ! grep -q '@add-usage' "$page"; then ok "$page built, synopses expanded"
	else not_ok "$page built, synopses expanded" "missing, empty or holding @add-usage"; fi
done

# An add synopsis: its first line and the optional options that follow it.
synopses() { awk '/^\\fB[a-z]+ add\\fR/ { on = 1; print; next } on && /^\\%\[/ { print; next } { on = 0 }' "$1"; }
tags() { awk 'prev == ".TP" { print } { prev = $0 }' "$1"; }
[ -n "$(synopses "$ZH")" ] || not_ok "the Chinese page has the add synopses" "none found"
check "both pages give the same add synopses" "$(diff <(synopses "$EN") <(synopses "$ZH"))"
check "the Chinese page has every entry of the English one" "$(diff <(tags "$EN") <(tags "$ZH"))"
check "the Chinese page has as many sections as the English one" \
	"$(diff <(grep -c '^\.SH' "$EN") <(grep -c '^\.SH' "$ZH"))"

if command -v groff >/dev/null 2>&1; then
	for page in "$EN" "$ZH"; do
		# -k: the text is UTF-8 (preconv); -ww: every warning.
		err=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
		check "groff renders $page without a warning" "$err"
	done
else
	skip "groff renders the pages without a warning" "groff is not installed"
fi

if command -v man >/dev/null 2>&1 && locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	for width in 80 200; do
		out=$(LC_ALL=zh_CN.UTF-8 LANGUAGE= MANWIDTH=$width MAN_KEEP_FORMATTING= \
			man --warnings -l "$ZH" 2>"$BUILD/man-zh.err")
		check "man -l renders the Chinese page at $width columns without a warning" \
			"$(cat "$BUILD/man-zh.err")"
	done
	case $out in
	*名称*全屏程序*命令*退出状态*) ok "man shows the Chinese sections" ;;
	*) not_ok "man shows the Chinese sections" "$(printf '%s\n' "$out" | head -20)" ;;
	esac
	rm -f "$BUILD/man-zh.err"
else
	skip "man -l renders the Chinese page" "man or the zh_CN.UTF-8 locale is missing"
fi

# Where meson installs them, from its own record of the build.
installed=$(python3 - "$BUILD/meson-info/intro-installed.json" <<'PY'
import json, sys
for src, dest in json.load(open(sys.argv[1], encoding="utf-8")).items():
    print(f"{src}\t{dest}")
PY
)
wants() {
	if printf '%s\n' "$installed" | grep -qF -- "$1	" &&
		printf '%s\n' "$installed" | grep -F -- "$1	" | grep -q -- "$2\$"; then ok "$3"
	else not_ok "$3" "$(printf '%s\n' "$installed" | grep -F -- "$1" || echo "$1 is not installed")"; fi
}
wants "$ZH" "/share/man/zh_CN/man1/lianzheng.1" "the Chinese page goes to share/man/zh_CN/man1"
wants "$EN" "/share/man/man1/lianzheng.1" "the English page goes to share/man/man1"
wants "$SRC/doc/使用说明.md" "/share/doc/lianzheng/使用说明.md" "the guide goes to share/doc/lianzheng"

echo "1..$n"
exit $failed
