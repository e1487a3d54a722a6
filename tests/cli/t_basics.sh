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

# CMD --help and CMD SUB --help (issue 16): the command's lines of --help,
# exit 0, for every command --help lists, without opening a database.
run "--help for its command list" 0 --help
_bs_cmds=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$WORK/out")
[ -n "$_bs_cmds" ] || not_ok "--help lists the commands" "no Commands: section"
for _bs_c in $_bs_cmds; do
	run "$_bs_c --help" 0 --db "$WORK/no-such-db" "$_bs_c" --help
	expect_out "$_bs_c --help names the command" "lianzheng $_bs_c: "
	if grep -qE "^  ($_bs_c |.*, $_bs_c |.*\| $_bs_c( |\$))" "$WORK/out"; then ok "$_bs_c --help shows its synopsis"; else
		not_ok "$_bs_c --help shows its synopsis" "no line of $_bs_c's usage"; fi
	expect_no_err "$_bs_c --help: nothing on stderr"
done
if [ -e "$WORK/no-such-db" ]; then not_ok "CMD --help opens no database"; else ok "CMD --help opens no database"; fi
run "person --help" 0 person --help
expect_out "person --help: the add options from the field table" "  person add --name S [--post S] [--dept S] [--role ROLE[:SCOPE]]..."
expect_out "person --help: list, show, edit, rm" "  person list [--tsv] | show ID | edit ID [OPTIONS] | rm ID"
if grep -q "meeting add" "$WORK/out"; then not_ok "person --help: no other command's lines"; else
	ok "person --help: no other command's lines"; fi
run "person add --help" 0 person add --help
expect_out "person add --help: the person synopsis" "  person add --name S"
run "-h after a subcommand" 0 person list -h
expect_out "-h after a subcommand: the same help" "  person list [--tsv]"
run "meeting edit ID --help" 0 meeting edit 12 --help
expect_out "meeting edit ID --help: the meeting lines" "  meeting show ID | edit ID [OPTIONS] | rm ID"
run "import csv --help" 0 import csv --help
expect_out "import csv --help: the tables it takes" "import csv meetings|items|risks|people FILE"
run "plan show --help" 0 plan show --help
expect_out "plan show --help: every plan subcommand" "  plan new --year Y [--from YEAR] [-o FILE]"
run "log --help: a line shared by several commands" 0 log --help
expect_out "log --help: the shared line" "  history ID [--tsv] [--include-sensitive] | log [--from D]"
run "item --help: the list options shared with risk and meeting" 0 item --help
expect_out "item --help: the shared line" "  item list --overdue, risk list --review-due"
# After an option, --help is that option's value: the title here.
DB_BS="$WORK/bs-help"
newdb "$DB_BS"
run "--help as an option's value" 0 --db "$DB_BS" person add --name --help
run "--help as a value: stored as the name" 0 --db "$DB_BS" person list --tsv
expect_out "--help as a value: the person is named --help" "	--help	"
run "a bad subcommand still a usage error" 64 person frob

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
