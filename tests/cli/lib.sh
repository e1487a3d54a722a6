# Helpers for command-line tests: each test runs the real binary and checks
# its exit status and output.  Output is TAP so meson shows every check.
LZ=${1:?usage: run.sh PATH-TO-lianzheng}
. "$(dirname "${BASH_SOURCE[0]}")/../ci.sh"
SRC=${LIANZHENG_SOURCE_ROOT:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	shift
	for line in "$@"; do echo "# $line"; done
	echo "# stdout:"; sed 's/^/#   /' "$WORK/out" | head -20
	echo "# stderr:"; sed 's/^/#   /' "$WORK/err" | head -20
}

# run NAME EXPECTED-STATUS ARGS... : runs lianzheng, keeps out/err in $WORK.
run() {
	local name=$1 want=$2
	shift 2
	"$LZ" "$@" >"$WORK/out" 2>"$WORK/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok "$name (exit $want)"; else
		not_ok "$name" "expected exit $want, got $got: lianzheng $*"; fi
}

# expect_out/expect_err NAME FIXED-STRING: the last run's output contains it.
expect_out() { if grep -qF -- "$2" "$WORK/out"; then ok "$1"; else not_ok "$1" "stdout lacks: $2"; fi; }
expect_err() { if grep -qF -- "$2" "$WORK/err"; then ok "$1"; else not_ok "$1" "stderr lacks: $2"; fi; }
expect_no_out() { if [ ! -s "$WORK/out" ]; then ok "$1"; else not_ok "$1" "stdout should be empty"; fi; }
expect_no_err() { if [ ! -s "$WORK/err" ]; then ok "$1"; else not_ok "$1" "stderr should be empty"; fi; }
# expect_count NAME N COMMAND...: the pipeline on stdout prints N.
expect_lines() {
	local name=$1 want=$2 pattern=$3
	local got
	got=$(grep -c -- "$pattern" "$WORK/out")
	if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name" "expected $want lines matching '$pattern', got $got"; fi
}

# newdb DIR: a new database, as a secretary starts one (only init and the
# full-screen program's first start create a database).
newdb() { "$LZ" --db "$1" init >/dev/null 2>&1 || echo "# newdb $1 failed"; }

finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }
