#!/usr/bin/env bash
# Checks that the zh_CN translation covers every message of the current
# sources, the way the build would see it:
#   1. the template is regenerated with xgettext as meson's i18n module does
#      for this project (preset 'glib' plus --from-code=UTF-8), from the files
#      listed in po/POTFILES, into a temporary directory;
#   2. it is merged with msgmerge into a temporary copy of po/zh_CN.po;
#   3. the merged catalogue must have no untranslated and no fuzzy message,
#      and must pass 'msgfmt --check';
#   4. every source file that calls _() or N_() must be listed in po/POTFILES.
# Usage: check.sh [SOURCE-ROOT]   (default: $LIANZHENG_SOURCE_ROOT)
# Nothing in the source tree is modified.  Exit 0 when all checks pass,
# 1 when one fails, 77 (skip) when the gettext tools are missing (under CI,
# tests/ci.sh, 1).
set -u

SRC=${1:-${LIANZHENG_SOURCE_ROOT:-}}
if [ -z "$SRC" ] || [ ! -d "$SRC/po" ]; then
	echo "usage: $0 SOURCE-ROOT (or set LIANZHENG_SOURCE_ROOT)" >&2
	exit 1
fi
SRC=$(cd "$SRC" && pwd)
PKG=lianzheng
LANG_CODE=zh_CN
PO="$SRC/po/$LANG_CODE.po"

. "$(dirname "$0")/../ci.sh"
need_tools 77 xgettext msgmerge msgfmt msgattrib

# Plain C messages from the tools, whatever the caller's locale.
export LC_ALL=C LANGUAGE=

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	shift
	for line in "$@"; do echo "# $line"; done
}
# Prints a file's lines as TAP comments.
comment() { sed 's/^/#   /' "$1"; }

# The list meson reads: POTFILES.in when present, else POTFILES.
POTFILES="$SRC/po/POTFILES.in"
[ -f "$POTFILES" ] || POTFILES="$SRC/po/POTFILES"

echo "1..5"

# ---- 1. template ----
# Same command line as 'meson --internal gettext pot' with
# i18n.gettext('lianzheng', preset : 'glib', args : ['--from-code=UTF-8']).
# shellcheck disable=SC2054  # the commas belong to the keyword specs
GLIB_PRESET=(
	--from-code=UTF-8 --add-comments
	--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
	--keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
	--flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
	--flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
	--flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
	--flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
	--flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format
	--flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format
	--flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
)
POT="$WORK/$PKG.pot"
if [ ! -f "$POTFILES" ]; then
	not_ok "template regenerated" "no po/POTFILES in $SRC"
elif xgettext --package-name="$PKG" -p "$WORK" -f "$POTFILES" -D "$SRC" -k_ \
	-o "$POT" "${GLIB_PRESET[@]}" --from-code=UTF-8 >"$WORK/xgettext.log" 2>&1 &&
	[ -s "$POT" ]; then
	ok "template regenerated from po/POTFILES ($(grep -c '^msgid ' "$POT") entries with header)"
else
	not_ok "template regenerated" "xgettext failed:"
	comment "$WORK/xgettext.log"
fi

# ---- 2. merge ----
MERGED="$WORK/$LANG_CODE.po"
if [ ! -f "$PO" ]; then
	not_ok "po/$LANG_CODE.po merged" "po/$LANG_CODE.po does not exist"
elif [ ! -s "$POT" ]; then
	not_ok "po/$LANG_CODE.po merged" "no template to merge with"
elif msgmerge -q -o "$MERGED" "$PO" "$POT" >"$WORK/msgmerge.log" 2>&1; then
	ok "po/$LANG_CODE.po merged with the fresh template"
else
	not_ok "po/$LANG_CODE.po merged" "msgmerge failed:"
	comment "$WORK/msgmerge.log"
fi

# ---- 3. completeness and validity ----
# entries FILE: the entries of a catalogue without its header, one blank line
# between them.
entries() {
	awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)msgid ""\nmsgstr ""\n"/ || /(^|\n)msgid "[^"]/' "$1"
}
if [ -s "$MERGED" ]; then
	msgattrib --untranslated --no-obsolete --no-wrap -o "$WORK/untranslated.po" "$MERGED" 2>/dev/null
	msgattrib --only-fuzzy --no-obsolete --no-wrap -o "$WORK/fuzzy.po" "$MERGED" 2>/dev/null
	: >>"$WORK/untranslated.po"
	: >>"$WORK/fuzzy.po"
	entries "$WORK/untranslated.po" >"$WORK/untranslated.txt"
	entries "$WORK/fuzzy.po" >"$WORK/fuzzy.txt"
	nu=$(grep -c '^msgid ' "$WORK/untranslated.txt")
	nf=$(grep -c '^msgid ' "$WORK/fuzzy.txt")
	if [ "$nu" -eq 0 ] && [ "$nf" -eq 0 ]; then
		ok "every message is translated, none fuzzy"
	else
		not_ok "every message is translated, none fuzzy" \
			"$nu untranslated, $nf fuzzy; update po/$LANG_CODE.po (ninja lianzheng-update-po)"
		if [ "$nu" -gt 0 ]; then
			echo "# untranslated:"
			comment "$WORK/untranslated.txt"
		fi
		if [ "$nf" -gt 0 ]; then
			echo "# fuzzy:"
			comment "$WORK/fuzzy.txt"
		fi
	fi
	if msgfmt --check --statistics -o /dev/null "$MERGED" >"$WORK/msgfmt.log" 2>&1; then
		ok "msgfmt --check: $(grep -v 'header field' "$WORK/msgfmt.log" | tail -1)"
	else
		not_ok "msgfmt --check" "msgfmt reports:"
		grep -v 'header field' "$WORK/msgfmt.log" | sed "s|$WORK/||" >"$WORK/msgfmt.txt"
		comment "$WORK/msgfmt.txt"
	fi
else
	not_ok "every message is translated, none fuzzy" "nothing was merged"
	not_ok "msgfmt --check" "nothing was merged"
fi

# ---- 4. POTFILES covers every translated source ----
# Source files: C sources and headers of the tree, leaving out build
# directories (any directory holding meson-private), .git and subprojects.
prune=(-path "$SRC/.git" -o -path "$SRC/subprojects")
while IFS= read -r d; do
	prune+=(-o -path "$(dirname "$d")")
done < <(find "$SRC" -mindepth 2 -maxdepth 3 -type d -name meson-private 2>/dev/null)
listed="$WORK/listed"
if [ -f "$POTFILES" ]; then
	sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$POTFILES" |
		sort -u >"$listed"
else
	: >"$listed"
fi
: >"$WORK/unlisted"
while IFS= read -r f; do
	rel=${f#"$SRC"/}
	# A call of _() or N_(): the name not glued to a longer identifier
	# (so __attribute__((...)) does not count); the macros' own
	# definitions do not count either.
	if grep -vE '^[[:space:]]*#[[:space:]]*define[[:space:]]+N?_\(' "$f" |
		grep -qE '(^|[^A-Za-z0-9_])N?_\('; then
		grep -qxF -- "$rel" "$listed" || echo "$rel" >>"$WORK/unlisted"
	fi
done < <(find "$SRC" \( "${prune[@]}" \) -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print | sort)
if [ ! -s "$WORK/unlisted" ]; then
	ok "every source file calling _() or N_() is in po/$(basename "$POTFILES")"
else
	not_ok "every source file calling _() or N_() is in po/$(basename "$POTFILES")" \
		"missing from po/$(basename "$POTFILES"):"
	comment "$WORK/unlisted"
fi

[ "$failed" -eq 0 ] || exit 1
exit 0
