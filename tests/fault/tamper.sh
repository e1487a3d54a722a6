#!/usr/bin/env bash
# Tamper: one byte of a stored record or log entry changed, a record or a
# log entry deleted, all behind the program's back (lz-fault-tamper opens
# the LMDB file directly): `audit verify` must exit 65 and name the record
# or the log entry.  Then bytes flipped anywhere in data.mdb, and foreign
# files in its place: every command must end with a clear message or, for a
# byte nothing reads, with the data unchanged — never a crash.
#
# The random offsets come from a fixed seed, printed, so a failure
# reproduces; LIANZHENG_FAULT_SEED=N overrides it.
set -u
. "$(dirname "$0")/lib.sh"

SEED=${LIANZHENG_FAULT_SEED:-1108}
# A fixed clock: the same entries, so the same file layout, on every run.
export LIANZHENG_NOW=1668000000
RANDOM=$SEED
echo "# seed $SEED"

# The database to tamper with: meetings added, one edited, one removed.
BASE=$WORK/base
new_db "$BASE"
for i in 1 2 3 4 5 6; do
	lz --db "$BASE" meeting add --date "2022-03-0$i" --type special-meeting \
		--title "第${i}次专题会议" --summary "研究部署党风廉政建设工作，听取第${i}项汇报。"
done
succeeded "six meetings added"
lz --db "$BASE" meeting edit 2 --title "第2次专题会议（改）"
succeeded "meeting 2 edited"
lz --db "$BASE" meeting rm 6
succeeded "meeting 6 removed"
healthy "the untouched database" "$BASE"
lz --db "$BASE" log --tsv
cp "$WORK/out" "$WORK/log.tsv"
# seq_of OP ID: the log entry of that change.
seq_of() { awk -F'\t' -v op="$1" -v id="$2" '$4 == op && $6 == id {print $1}' "$WORK/log.tsv"; }
ADD3=$(seq_of add 3) ADD5=$(seq_of add 5) EDIT2=$(seq_of update 2) PLAN=$(seq_of plan 0)
HEAD=$(tail -1 "$WORK/log.tsv" | cut -f1)
if [ -n "$ADD3" ] && [ -n "$ADD5" ] && [ -n "$EDIT2" ] && [ -n "$PLAN" ] && [ -n "$HEAD" ]; then
	ok "the log shows the changes (add 3: #$ADD3, add 5: #$ADD5, edit 2: #$EDIT2, head: #$HEAD)"
else
	not_ok "the log shows the changes" "log --tsv lacks an entry"
fi

case_no=0
# tampered NAME HOW...: a copy of the base database, changed by
# lz-fault-tamper HOW; its directory is left in $CASE.
tampered() {
	local name=$1
	shift
	case_no=$((case_no + 1))
	CASE=$WORK/case$case_no
	cp -a "$BASE" "$CASE"
	if "$TAMPER" "$CASE" "$@" >"$WORK/out" 2>"$WORK/err"; then return 0; fi
	not_ok "$name: tamper $*" "lz-fault-tamper failed"
	return 1
}

# audit_names NAME TEXT: audit verify on $CASE fails (65) and its report
# contains TEXT.
audit_names() {
	lz --db "$CASE" audit verify
	if crashed "$WORK/err"; then
		not_ok "$1" "crash or sanitizer report ($(describe_rc "$RC"))"
	elif [ "$RC" -ne 65 ]; then
		not_ok "$1" "expected exit 65, got $(describe_rc "$RC")"
	elif ! grep -q "^audit FAILED: .*$2" "$WORK/out"; then
		not_ok "$1" "the report does not name '$2'"
	else
		ok "$1: $(head -1 "$WORK/out")"
	fi
}

# still_reads NAME ARGS...: lianzheng ARGS on $CASE works or fails cleanly.
still_reads() {
	local name=$1
	shift
	lz --db "$CASE" "$@"
	if [ "$RC" -eq 0 ] && ! crashed "$WORK/err"; then ok "$name (exit 0)"
	elif [ "$RC" -eq 65 ]; then clean_error "$name" 65
	else clean_error "$name" 74; fi
}

# (a) one byte of a stored record.
len=$("$TAMPER" "$BASE" len meetings 3)
for off in 0 $((len / 2)) -1; do
	tampered "record byte $off" flip meetings 3 "$off" &&
		audit_names "a byte changed at $off in meeting 3 is found" "meeting 3 "
	still_reads "meeting show 3 after the change at $off" meeting show 3
done
tampered "edited record" flip meetings 2 -2 &&
	audit_names "a byte changed in edited meeting 2 is found" "meeting 2 "

# (b) one byte of a log entry: the body, the stored hash at its end.
for seq in "$ADD5" "$EDIT2" "$PLAN" "$HEAD"; do
	len=$("$TAMPER" "$BASE" len log "$seq")
	for off in 0 $((len / 2)) -1; do
		tampered "log byte" flip log "$seq" "$off" &&
			audit_names "a byte changed at $off in log entry $seq is found" "log entry $seq "
	done
done
still_reads "history 5 with its log entry changed" history 5

# (c) a record deleted, a log entry deleted.
tampered "deleted record" del meetings 3 &&
	audit_names "deleted meeting 3 is found" "meeting 3 was deleted"
tampered "deleted log entry" del log "$ADD3" &&
	audit_names "deleted log entry $ADD3 is found" "log entry $ADD3 "
# The last entry gone hides the latest change: the history index still
# has it, so the audit can tell which entry that was.
tampered "deleted log head" del log "$HEAD" &&
	audit_names "deleted last log entry $HEAD is found" "log entry $HEAD "

# (d) bytes flipped anywhere in the file.  LMDB keeps no checksums, so a
# byte in unused space goes unnoticed and harms nothing; a byte that
# matters must make some command fail with a message.  The meta pages
# (pages 0 and 1: magic, main root page, last page, transaction id) are
# the most fragile and always tried.  A transaction id changed in the
# older meta page makes LMDB take it for the newer: the database reads as
# it was one commit earlier, consistent throughout, which only a chain
# head printed before can reveal; that is accepted, and counted.
BIG=$WORK/big
cp -a "$BASE" "$BIG"
"$WRITER" "$BIG" --count 60 --batch 10 >/dev/null
healthy "a bigger database to damage" "$BIG"
lz --db "$BIG" meeting list --tsv
cp "$WORK/out" "$WORK/big.list"
size=$(stat -c %s "$BIG/data.mdb")
offsets=()
# LMDB's page is the system's.
for meta in 0 "$(getconf PAGESIZE)"; do
	for field in 16 128 135 136 143 151; do offsets+=($((meta + field))); done
done
while [ ${#offsets[@]} -lt 36 ]; do
	offsets+=($(((RANDOM * 32768 + RANDOM) % size)))
done
detected=0 harmless=0 rolled_back=0
FLIP_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
for off in "${offsets[@]}"; do
	rm -rf "$WORK/damaged"
	cp -a "$BIG" "$WORK/damaged"
	"$TAMPER" "$WORK/damaged/data.mdb" flipfile "$off"
	problem= failures=
	for cmd in "audit verify" "db check" "meeting list --tsv"; do
		# Leaks are looked for in the cases above; here, crashes.
		# shellcheck disable=SC2086
		ASAN_OPTIONS=$FLIP_ASAN lz --db "$WORK/damaged" $cmd
		if crashed "$WORK/err" || [ "$RC" -ge 124 ]; then
			problem="$cmd: $(describe_rc "$RC")"
			break
		elif [ "$RC" -eq 74 ] && ! grep -q '^lianzheng: ' "$WORK/err"; then
			problem="$cmd: exit 74 without a message"
			break
		elif [ "$RC" -ne 0 ] && [ ! -s "$WORK/err" ] && [ ! -s "$WORK/out" ]; then
			problem="$cmd: exit $RC without a report"
			break
		elif [ "$RC" -ne 0 ]; then
			failures="$failures ${cmd%% *}:$RC"
		fi
	done
	earlier=
	if [ -z "$problem" ] && [ -z "$failures" ] && ! cmp -s "$WORK/out" "$WORK/big.list"; then
		if [ -n "$(LC_ALL=C comm -23 <(LC_ALL=C sort "$WORK/out") <(LC_ALL=C sort "$WORK/big.list"))" ]; then
			problem="every command passed, but the meetings read differ"
		else
			earlier=$(($(wc -l <"$WORK/big.list") - $(wc -l <"$WORK/out")))
		fi
	fi
	if [ -n "$problem" ]; then
		not_ok "byte $off of data.mdb flipped" "$problem"
	elif [ -n "$failures" ]; then
		detected=$((detected + 1))
		ok "byte $off of data.mdb flipped: found ($failures) $(cat "$WORK/err" "$WORK/out" | head -1)"
	elif [ -n "$earlier" ]; then
		rolled_back=$((rolled_back + 1))
		ok "byte $off of data.mdb flipped: reads as an earlier commit ($earlier meetings fewer), consistent"
	else
		harmless=$((harmless + 1))
		ok "byte $off of data.mdb flipped: unused, the data reads unchanged"
	fi
done
echo "# ${#offsets[@]} flipped bytes: $detected found, $harmless harmless, $rolled_back an earlier commit"

# (e) something else in place of data.mdb.
foreign() {
	local name=$1
	rm -rf "$WORK/foreign"
	cp -a "$BASE" "$WORK/foreign"
	"${@:2}"
	lz --db "$WORK/foreign" meeting list
	clean_error "$name in place of data.mdb" 74
}
foreign "an empty file" truncate -s 0 "$WORK/foreign/data.mdb"
foreign "half of the file" truncate -s "$(($(stat -c %s "$BASE/data.mdb") / 2))" "$WORK/foreign/data.mdb"
foreign "a plan file" cp "$SRC/config/plan-2022.yaml" "$WORK/foreign/data.mdb"
foreign "a directory" eval 'rm "$WORK/foreign/data.mdb" && mkdir "$WORK/foreign/data.mdb"'
finish
