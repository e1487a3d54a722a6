# Helpers for the full-screen program's end-to-end tests.  Each test runs
# the real binary on a fresh database in a private tmux server (its own
# socket, lz-test-PID, so a user's tmux is never touched), types with
# send-keys, reads the screen with capture-pane, and checks the database
# afterwards through the command line.  Output is TAP, as in tests/cli.
#
# Waiting is by polling the screen for an expected text (wait_for), never
# by fixed sleeps alone; LZ_TUI_WAIT (seconds, default 5) bounds each wait.
LZ=${1:?usage: run.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject}
INJECT=${2:?usage: run.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WAIT=${LZ_TUI_WAIT:-5}
COLS=100 ROWS=30
NOW=1655280000  # 2022-06-15 08:00 UTC, a Wednesday

. "$HERE/../ci.sh"
need_tools 0 tmux
# Without python3 the checks of widths and columns are skipped, except
# in CI, which installs it.
in_ci && need_tools 0 python3
# The interpreter itself, not a wrapper script in front of it (a version
# manager's shim costs half a second a call).
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
HAVE_PY=1
[ -n "$PY" ] || HAVE_PY=0

# Our own server: never inherit a surrounding tmux session.
unset TMUX TMUX_PANE
SOCK=lz-test-$$
WORK=$(mktemp -d)
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
# Every program started, so none outlives the tests (a program that
# ignores its terminal closing would otherwise keep running).
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		grep -qs lianzheng "/proc/$p/cmdline" && kill -KILL "$p" 2>/dev/null
	done
	tm kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

export LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC LIANZHENG_NOW=$NOW
unset COLUMNS LIANZHENG_DB

n=0
failed=0
TDIR=$WORK
SESSION=
DB=
PID=

ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok NAME [DETAIL...]: a failed check, with the details and the last
# screen captured.
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
	if [ -s "$TDIR/screen" ]; then
		echo "# screen:"
		sed 's/^/#   |/' "$TDIR/screen"
	fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check NAME COMMAND...: ok when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }

q() { printf '%q ' "$@"; }

# tui_new_test: a fresh directory $TDIR for a test, its database to be $DB
# (created by whatever opens it first).
t_count=0
s_count=0
tui_new_test() {
	t_count=$((t_count + 1))
	TDIR=$WORK/t$t_count
	mkdir -p "$TDIR"
	DB=$TDIR/db
	: >"$TDIR/screen"
}
# tui_start [VAR=VALUE...]: the program on $DB in a new tmux session
# $SESSION, COLS×ROWS, with the variables added to its environment.  It
# runs in a subshell that records its pid ($PID) and execs it; the shell
# around it first sets the pane title to "lz-test-title", and prints
# EXITED:<status> when the program ends, then waits, so the screen after
# exit can still be read.  Returns once the key bar shows.
tui_start() {
	s_count=$((s_count + 1))
	SESSION=s$s_count
	rm -f "$TDIR/pid"
	{
		echo "printf '\\033]2;lz-test-title\\033\\\\'"
		echo "( echo \$BASHPID >$(q "$TDIR/pid"); exec env $(q TERM=screen "$@") $(q "$LZ") --db $(q "$DB") )"
		echo 'echo "EXITED:$?"'
		echo 'exec sleep 600'
	} >"$TDIR/run"
	tm new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" "bash $(q "$TDIR/run")"
	local i
	for ((i = 0; i < WAIT * 10; i++)); do
		[ -s "$TDIR/pid" ] && break
		sleep 0.1
	done
	PID=$(cat "$TDIR/pid" 2>/dev/null)
	[ -n "$PID" ] && PIDS+=("$PID")
	wait_for 'F10Quit'
}
# tui_end: kills the session (and the program, if it still runs).
tui_end() {
	tm kill-session -t "$SESSION" >/dev/null 2>&1
}

capture() { tm capture-pane -p -t "$SESSION" >"$TDIR/screen" 2>/dev/null; }
screen_has() { grep -qF -- "$1" "$TDIR/screen"; }
# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT.
wait_for() {
	local tries=$(((${2:-$WAIT}) * 10)) i
	for ((i = 0; i < tries; i++)); do
		capture
		screen_has "$1" && return 0
		sleep 0.1
	done
	return 1
}
# wait_gone TEXT [SECONDS]: polls until the screen no longer shows TEXT.
wait_gone() {
	local tries=$(((${2:-$WAIT}) * 10)) i
	for ((i = 0; i < tries; i++)); do
		capture
		screen_has "$1" || return 0
		sleep 0.1
	done
	return 1
}
# settle: waits until two captures 0.2 s apart agree, so a check of what is
# absent runs on a finished drawing.
settle() {
	local prev i
	capture
	for ((i = 0; i < WAIT * 5; i++)); do
		prev=$(cat "$TDIR/screen")
		sleep 0.2
		capture
		[ "$prev" = "$(cat "$TDIR/screen")" ] && return 0
	done
}

keys() { tm send-keys -t "$SESSION" "$@"; }
# esc: Escape alone, with a pause so the next key is not read as part of
# an escape sequence.
esc() { keys Escape; sleep 0.15; }
# esc_discard: Esc on a form with typing in it, and yes to throwing it away.
esc_discard() {
	keys Escape
	wait_for "Discard what was typed" || echo "# esc_discard: not asked"
	keys y
	sleep 0.15
}
# type TEXT: literal text (Chinese too), as an input method commits it.
typ() { tm send-keys -t "$SESSION" -l -- "$1"; }

# expect_screen NAME TEXT: the screen shows TEXT within the wait.
expect_screen() {
	if wait_for "$2"; then ok "$1"; else not_ok "$1" "the screen does not show: $2"; fi
}
# expect_not_screen NAME TEXT: once the screen settled, it does not show TEXT.
expect_not_screen() {
	settle
	if screen_has "$2"; then not_ok "$1" "the screen shows: $2"; else ok "$1"; fi
}
# row N: line N (0-based) of the last capture.
row() { sed -n "$(($1 + 1))p" "$TDIR/screen"; }
# expect_row NAME N TEXT: line N of the screen contains TEXT (waits).
expect_row() {
	local i
	for ((i = 0; i < WAIT * 10; i++)); do
		capture
		case $(row "$2") in *"$3"*) ok "$1"; return ;; esac
		sleep 0.1
	done
	not_ok "$1" "line $2 lacks: $3" "line $2 is: $(row "$2")"
}
pane() { tm display -p -t "$SESSION" "$1"; }

# expect_exit NAME STATUS: the program ended with STATUS (the wrapper
# printed EXITED:STATUS).
expect_exit() {
	if wait_for "EXITED:" && screen_has "EXITED:$2"; then ok "$1"; else
		not_ok "$1" "expected the program to end with status $2"; fi
}
# pid_gone SECONDS: the program's process has ended.
pid_gone() {
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		[ -n "$PID" ] && [ ! -e "/proc/$PID" ] && return 0
		sleep 0.1
	done
	return 1
}

# cpu_ticks PID: user + system CPU time the process used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# cli ARGS...: the command line on this test's database; output in
# $TDIR/out, errors in $TDIR/err; returns its status.
# cli ARGS...: a command on $DB; a database not there yet is first made
# with init, as the secretary's first start would have made it.
cli() {
	[ -e "$DB/data.mdb" ] || "$LZ" --db "$DB" init >/dev/null 2>&1
	"$LZ" --db "$DB" "$@" >"$TDIR/out" 2>"$TDIR/err"
}
out_is() {
	if [ "$(cat "$TDIR/out")" = "$2" ]; then ok "$1"; else
		not_ok "$1" "expected output:" "$(printf '%s' "$2" | sed 's/^/  /')" "got:" \
			"$(sed 's/^/  /' "$TDIR/out")"; fi
}
out_has() {
	if grep -qF -- "$2" "$TDIR/out"; then ok "$1"; else
		not_ok "$1" "output lacks: $2" "got:" "$(sed 's/^/  /' "$TDIR/out")"; fi
}
# db_clean NAME: `db check` finds no problem.
db_clean() {
	if cli db check && grep -q ': consistent (' "$TDIR/out"; then ok "$1"; else
		not_ok "$1" "db check:" "$(cat "$TDIR/out" "$TDIR/err")"; fi
}

# Screen geometry, by display column (tests/tui/screen.py).
scr() { "$PY" "$HERE/screen.py" "$@"; }

# line_with TEXT: the first line of the last capture that contains TEXT.
line_with() { grep -F -- "$1" "$TDIR/screen" | head -1; }
# expect_line NAME TEXT WANT...: a line of the screen holds TEXT and each
# WANT (waits).
expect_line() {
	local name=$1 text=$2 i w l all
	shift 2
	for ((i = 0; i < WAIT * 10; i++)); do
		capture
		l=$(line_with "$text")
		all=1
		[ -n "$l" ] || all=0
		for w in "$@"; do case $l in *"$w"*) ;; *) all=0 ;; esac; done
		if [ "$all" = 1 ]; then ok "$name"; return; fi
		sleep 0.1
	done
	not_ok "$name" "no line holds '$text' and each of: $*" "line: $(line_with "$text")"
}
# fits NAME COLS: once the screen settled, no line is wider than COLS.
fits() {
	if [ "$HAVE_PY" = 0 ]; then skip "$1" "python3 missing"; return; fi
	settle
	local bad
	bad=$(scr width "$TDIR/screen" "$2" | tail -n +2 | tr '\n' ' ')
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1" "lines wider than $2 (row:width): $bad"; fi
}
# seed KIND ARGS...: `lianzheng KIND add ARGS`, the new id in $ID.
seed() {
	local kind=$1
	shift
	if cli "$kind" add "$@"; then ID=$(cat "$TDIR/out"); else
		echo "# seeding a $kind failed: $(cat "$TDIR/err")"; ID=; fi
}
# tsv_of KIND ID: the record's line of `lianzheng KIND list --tsv`, in
# $TDIR/out.
tsv_of() {
	cli "$1" list --tsv
	grep "^$2	" "$TDIR/out" >"$TDIR/out.line"
	mv "$TDIR/out.line" "$TDIR/out"
}
# bounce W H: the window shrunk to W×H a moment, then back to COLS×ROWS.
bounce() {
	tm resize-window -t "$SESSION" -x "$1" -y "$2"
	sleep 0.3
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
}
# expect_vline NAME X FROM TO: column X holds │ on rows FROM..TO-1.
expect_vline() {
	if [ "$HAVE_PY" = 0 ]; then skip "$1" "python3 missing"; return; fi
	local broken
	broken=$(scr vline "$TDIR/screen" "$2" "$3" "$4" "│")
	if [ -z "$broken" ]; then ok "$1"; else not_ok "$1" "rows without │ at column $2: $broken"; fi
}
