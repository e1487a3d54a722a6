# Global options and usage errors.
run "--help" 0 --help
expect_out "--help lists plan check" "plan check FILE"
expect_out "--help gives exit codes" "64 usage error"
# The add options come from the field tables: a new field is listed with no edit here.
expect_out "--help lists an item's rectification options" "[--followup-result S]"
expect_out "--help lists a meeting's list options" "[--absent NAME:REASON]..."
run "-h" 0 -h
run "--version" 0 --version
expect_out "--version names the program" "lianzheng "
run "no command, not on a terminal" 64
expect_err "no command without a terminal says so" "needs a terminal"
expect_err "usage error points to --help" "lianzheng --help"
run "unknown command" 64 frobnicate
expect_err "unknown command named" "unknown command 'frobnicate'"
run "unknown option" 64 --frob plan show
expect_err "unknown option named" "unknown option '--frob'"
run "--db without value" 64 --db

# The manual page's synopses are written from the same tables at build time: every
# option --help gives an add command is in the page, and no marker is left unexpanded.
MAN=${LIANZHENG_BUILD_ROOT:?}/tui/lianzheng.1
run "--help for the manual's check" 0 --help
if [ -s "$MAN" ] && ! grep -q '@add-usage' "$MAN"; then ok "manual page built, markers expanded"
else not_ok "manual page built, markers expanded" "$MAN missing or holds @add-usage"; fi
for kind in person meeting item risk; do
	missing=
	# The add line and the lines that continue it (indented deeper).
	opts=$(awk -v k="  $kind add" 'index($0, k) == 1 { on = 1; print; next }
		on && /^      / { print; next } { on = 0 }' "$WORK/out" | grep -o -- '--[a-z-]*' | sort -u)
	[ -n "$opts" ] || missing=" (no $kind add in --help)"
	for opt in $opts; do
		grep -qF -- "\\fB$(printf '%s' "$opt" | sed 's/-/\\-/g')\\fR" "$MAN" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then ok "manual lists every option of $kind add"
	else not_ok "manual lists every option of $kind add" "missing:$missing"; fi
done
