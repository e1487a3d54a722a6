# Helpers for the fault tests (issue 8), on top of the command-line tests'
# TAP helpers.  Every script is run as SCRIPT LIANZHENG WRITER TAMPER.
. "$(dirname "$0")/../cli/lib.sh"
WRITER=${2:?usage: SCRIPT PATH-TO-lianzheng PATH-TO-lz-fault-writer PATH-TO-lz-fault-tamper}
TAMPER=${3:?usage: SCRIPT PATH-TO-lianzheng PATH-TO-lz-fault-writer PATH-TO-lz-fault-tamper}
export TZ=UTC
# The audit and the consistency check decode every record into a fresh
# arena chunk; with AddressSanitizer's default 256 MiB quarantine each of
# those is a new mapping, and checking a few thousand records takes
# seconds (75 ms with 1 MiB).  A small quarantine still catches a use
# after a recent free.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

# Every command is bounded: a lock left behind by a killed process must
# show as a failure, not as a test that never ends.
LZ_TIMEOUT=${LZ_TIMEOUT:-60}

# lz ARGS...: runs lianzheng with a time limit; out/err in $WORK, status in $RC.
lz() {
	timeout -k 5 "$LZ_TIMEOUT" "$LZ" "$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

# crashed FILE: the file holds a sanitizer report or a crash message.
crashed() {
	grep -qE 'Sanitizer|runtime error:|Segmentation fault|core dumped|Aborted' "$1"
}

# describe_rc RC: why a command ended.
describe_rc() {
	case $1 in
	124) echo "timed out after ${LZ_TIMEOUT}s" ;;
	12[5-9] | 1[3-9][0-9] | 2[0-9][0-9]) echo "killed by signal $(($1 - 128))" ;;
	*) echo "exit $1" ;;
	esac
}

# clean_error NAME WANT: the last lz command failed with status WANT and a
# message of its own ("lianzheng: ..."), without a crash or sanitizer report.
clean_error() {
	if crashed "$WORK/err"; then
		not_ok "$1" "crash or sanitizer report ($(describe_rc "$RC"))"
	elif [ "$RC" -ne "$2" ]; then
		not_ok "$1" "expected exit $2, got $(describe_rc "$RC")"
	elif ! grep -q '^lianzheng: ' "$WORK/err"; then
		not_ok "$1" "no 'lianzheng: ' message on stderr"
	else
		ok "$1 (exit $2: $(head -1 "$WORK/err"))"
	fi
}

# succeeded NAME: the last lz command exited 0 without a sanitizer report.
succeeded() {
	if [ "$RC" -eq 0 ] && ! crashed "$WORK/err"; then ok "$1"; else
		not_ok "$1" "expected exit 0, got $(describe_rc "$RC")"; fi
}

# healthy NAME DIR: the database in DIR passes `db check` and `audit
# verify`; on success $WORK/out holds the audit's report.
healthy() {
	lz --db "$2" db check
	if [ "$RC" -ne 0 ] || crashed "$WORK/err"; then
		not_ok "$1: db check" "db check: $(describe_rc "$RC")"
		return 1
	fi
	lz --db "$2" audit verify
	if [ "$RC" -ne 0 ] || crashed "$WORK/err" || ! grep -q '^audit passed' "$WORK/out"; then
		not_ok "$1: audit verify" "audit verify: $(describe_rc "$RC")"
		return 1
	fi
	ok "$1: db check and audit verify pass"
}

# meeting_ids DIR FILE: the ids of the meetings in DIR, sorted as text
# (for comm), into FILE; 1 when the list fails.
meeting_ids() {
	timeout -k 5 "$LZ_TIMEOUT" "$LZ" --db "$1" meeting list --tsv >"$WORK/list" 2>"$WORK/err"
	RC=$?
	cut -f1 "$WORK/list" | LC_ALL=C sort >"$2"
	[ "$RC" -eq 0 ] && ! crashed "$WORK/err"
}

# new_db DIR: a database with the bundled plan.
new_db() {
	lz --db "$1" init
	succeeded "init $(basename "$1")"
}
