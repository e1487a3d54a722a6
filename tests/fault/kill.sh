#!/usr/bin/env bash
# Kill test: a writer commits numbered meetings, one per transaction, and
# prints each id once its commit has returned; it is killed with SIGKILL at
# a random moment, again and again on the same database.  After every kill
# the database must open, pass `db check` and `audit verify`, and hold
# every acknowledged id; at most one commit per run may be there without
# its acknowledgement (killed between the commit and the print), and no id
# may ever be handed out twice.
#
# The moments come from a fixed seed, printed, so a failure reproduces:
# LIANZHENG_FAULT_SEED=N and LIANZHENG_FAULT_KILLS=N override them.
set -u
. "$(dirname "$0")/lib.sh"

SEED=${LIANZHENG_FAULT_SEED:-8008}
KILLS=${LIANZHENG_FAULT_KILLS:-200}
RANDOM=$SEED
echo "# seed $SEED, $KILLS kills"
# The checks after each kill run the same commands many times over; their
# leaks are looked for once, before and after the loop.
LOOP_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

DB=$WORK/db
new_db "$DB"
ACKED=$WORK/acked
: >"$ACKED"
mkfifo "$WORK/ready"

runs_with_commits=0 unacked=0
for ((k = 1; k <= KILLS; k++)); do
	delay=$((5 + RANDOM % 56))
	before=$(wc -l <"$ACKED")
	# The writer signals once it runs (a sanitizer makes starting slow);
	# the kill is timed from there, so it lands while the store is opened
	# or while transactions commit.
	ASAN_OPTIONS=$LOOP_ASAN "$WRITER" "$DB" --ready 3 --tag "k$k-" \
		3>"$WORK/ready" >>"$ACKED" 2>"$WORK/writer.err" &
	pid=$!
	read -r _ <"$WORK/ready"
	sleep "0.0$(printf %02d "$delay")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	wrc=$?
	got=$(($(wc -l <"$ACKED") - before))
	[ "$got" -gt 0 ] && runs_with_commits=$((runs_with_commits + 1))
	what="kill $k after ${delay} ms ($got acknowledged)"
	if [ "$wrc" -ne 137 ]; then
		n=$((n + 1)) failed=$((failed + 1))
		echo "not ok $n - $what: the writer ended by itself, $(describe_rc "$wrc")"
		sed 's/^/#   /' "$WORK/writer.err" | head -5
		continue
	fi

	problem=
	ASAN_OPTIONS=$LOOP_ASAN lz --db "$DB" db check
	if [ "$RC" -ne 0 ] || crashed "$WORK/err"; then
		problem="db check: $(describe_rc "$RC")"
	else
		ASAN_OPTIONS=$LOOP_ASAN lz --db "$DB" audit verify
		if [ "$RC" -ne 0 ] || crashed "$WORK/err"; then
			problem="audit verify: $(describe_rc "$RC")"
		elif ! ASAN_OPTIONS=$LOOP_ASAN meeting_ids "$DB" "$WORK/have"; then
			problem="meeting list: $(describe_rc "$RC")"
		fi
	fi
	if [ -z "$problem" ]; then
		LC_ALL=C sort "$ACKED" >"$WORK/want"
		missing=$(LC_ALL=C comm -23 "$WORK/want" "$WORK/have" | head -5 | tr '\n' ' ')
		twice=$(uniq -d "$WORK/want" | head -5 | tr '\n' ' ')
		extra=$(($(wc -l <"$WORK/have") - $(wc -l <"$WORK/want")))
		if [ -n "$missing" ]; then
			problem="acknowledged ids missing: $missing"
		elif [ -n "$twice" ]; then
			problem="ids acknowledged twice: $twice"
		elif [ "$extra" -lt "$unacked" ] || [ "$extra" -gt $((unacked + 1)) ]; then
			problem="$extra meetings were never acknowledged, $unacked before this run"
		fi
		unacked=$extra
	fi
	if [ -z "$problem" ]; then
		ok "$what: db check and audit verify pass, all $(wc -l <"$ACKED") acknowledged ids present"
	else
		n=$((n + 1)) failed=$((failed + 1))
		echo "not ok $n - $what: $problem"
		echo "# stdout:"; sed 's/^/#   /' "$WORK/out" | head -10
		echo "# stderr:"; sed 's/^/#   /' "$WORK/err" | head -10
		# The same failure would repeat on every later kill.
		break
	fi

	# A writer killed inside a transaction held LMDB's write lock: the
	# next program must get it (the mutex is robust), not wait forever.
	if [ $((k % 25)) -eq 0 ]; then
		LZ_TIMEOUT=30 lz --db "$DB" meeting add --date 2022-06-01 \
			--type special-meeting --title "after kill $k"
		if [ "$RC" -eq 0 ]; then cat "$WORK/out" >>"$ACKED"; fi
		succeeded "after kill $k a meeting add gets the write lock and commits"
	fi
done

total=$(wc -l <"$ACKED")
echo "# $runs_with_commits of $KILLS runs acknowledged commits; $total acknowledged, $unacked committed unacknowledged"
# Were the kills mostly before the first commit, the test would prove
# little: most runs must have written.
if [ "$runs_with_commits" -ge $((KILLS / 2)) ]; then
	ok "kills landed among commits in $runs_with_commits of $KILLS runs"
else
	not_ok "kills landed among commits in only $runs_with_commits of $KILLS runs"
fi
healthy "after $KILLS kills, with leak checks" "$DB"
finish
