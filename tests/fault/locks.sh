#!/usr/bin/env bash
# Lock games (issue 13, item 5): one data.mdb reached through two
# directories, and LMDB's lock.mdb or lianzheng.lock deleted while a writer
# runs.  Each must end in a refusal with a message, never in an
# acknowledged write that is then missing.
set -u
. "$(dirname "$0")/lib.sh"

LOOP_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# start_writer DIR TAG: a writer committing meetings until stopped, its
# acknowledged ids in $WORK/acked-TAG; waits until it has committed one.
start_writer() {
	: >"$WORK/acked-$2"
	ASAN_OPTIONS=$LOOP_ASAN "$WRITER" "$1" --tag "$2-" >>"$WORK/acked-$2" \
		2>"$WORK/writer-$2.err" &
	WPID=$!
	for _ in $(seq 1 200); do
		[ -s "$WORK/acked-$2" ] && return 0
		kill -0 "$WPID" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# writer_stops NAME TAG: the writer ends by itself within 5 s, saying its
# files were deleted or replaced.
writer_stops() {
	for _ in $(seq 1 100); do kill -0 "$WPID" 2>/dev/null || break; sleep 0.05; done
	if kill -0 "$WPID" 2>/dev/null; then
		not_ok "$1" "the writer still runs"
		stop_writer
		return
	fi
	wait "$WPID"
	if grep -q "deleted or replaced" "$WORK/writer-$2.err"; then ok "$1"
	else not_ok "$1" "$(cat "$WORK/writer-$2.err")"; fi
}

stop_writer() {
	kill -TERM "$WPID" 2>/dev/null
	wait "$WPID" 2>/dev/null
}

# all_acked NAME DIR TAG: every id the writer acknowledged is in DIR.
all_acked() {
	if ! meeting_ids "$2" "$WORK/have"; then
		not_ok "$1" "meeting list failed"
		return
	fi
	LC_ALL=C sort "$WORK/acked-$3" >"$WORK/want"
	local missing
	missing=$(comm -23 "$WORK/want" "$WORK/have" | tr '\n' ' ')
	if [ -z "$missing" ]; then ok "$1 ($(wc -l <"$WORK/want") acknowledged)"
	else not_ok "$1" "acknowledged ids missing: $missing"; fi
}

# The full-screen program holds a database open without writing, as a
# secretary's open window does.
TMUX_SOCKET=lzlocks-$$
hold_open() {
	tmux -L "$TMUX_SOCKET" new-session -d -x 100 -y 30 \
		"env LANG=C.UTF-8 TERM=xterm-256color '$LZ' --db '$1'"
	for _ in $(seq 1 400); do
		tmux -L "$TMUX_SOCKET" capture-pane -p 2>/dev/null | grep -q "1 Overview" && return 0
		sleep 0.05
	done
	tmux -L "$TMUX_SOCKET" capture-pane -p 2>&1 | sed 's/^/# screen: /'
	return 1
}
release() { tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null; sleep 0.2; }
trap 'release; rm -rf "$WORK"' EXIT

# ------------------------------------- one data.mdb through two directories
A=$WORK/a
B=$WORK/b
new_db "$A"
mkdir -m 700 "$B"
ln -s "$A/data.mdb" "$B/data.mdb"
if start_writer "$A" sym; then ok "writer runs on A"; else not_ok "writer runs on A"; fi
lz --db "$B" meeting add --date 2022-05-01 --type special-meeting --title 另一路径
# Both sides look for the other's claim: the newcomer is refused, unless
# the writer met the newcomer's claim first and stopped (then the newcomer
# is alone).  Either way nobody writes beside another lock file.
sleep 0.3
if [ "$RC" -eq 0 ] && ! kill -0 "$WPID" 2>/dev/null &&
	grep -q "another path or a lock file" "$WORK/writer-sym.err"; then
	ok "the writer stopped at the newcomer's claim, which then wrote alone"
	cat "$WORK/out" >>"$WORK/acked-sym"
else
	clean_error "a write through another directory is refused" 74
	reported "the refusal says why" 74 err "another path or a lock file"
fi
stop_writer
all_acked "after the refused write, every acknowledged meeting is there" "$A" sym
healthy "A after the two-path attempt" "$A"
# A window open on A, which never writes by itself: through B, reading is
# refused as well as writing.
if hold_open "$A"; then ok "the full-screen program has A open"; else not_ok "the full-screen program has A open"; fi
lz --db "$B" meeting list --tsv
clean_error "a read through another directory is refused too" 74
lz --db "$B" meeting add --date 2022-05-01 --type special-meeting --title 另一路径
clean_error "a write through another directory is refused while a window is open" 74
release
# With nobody on A, B's own lock file is the only one: it works, and A
# then sees B's write.
lz --db "$B" meeting add --date 2022-05-02 --type special-meeting --title 另一路径
succeeded "with A closed, the other path works"
id=$(cat "$WORK/out")
lz --db "$A" meeting show "$id"
succeeded "A sees the meeting written through B"


# ------------------------------------------- lock.mdb deleted under a writer
C=$WORK/c
new_db "$C"
if start_writer "$C" lockmdb; then ok "writer runs on C"; else not_ok "writer runs on C"; fi
rm -f "$C/lock.mdb"
# The writer notices its lock file is gone before acknowledging anything
# more, and stops with a message.
writer_stops "the writer refuses to go on without its lock file" lockmdb
all_acked "every meeting the writer acknowledged is there" "$C" lockmdb
healthy "C after lock.mdb was deleted" "$C"

# A window open on the database while lock.mdb is deleted: the next
# program makes a lock file of its own, and is refused.
E=$WORK/e
new_db "$E"
if hold_open "$E"; then ok "the full-screen program has E open"; else not_ok "the full-screen program has E open"; fi
rm -f "$E/lock.mdb"
lz --db "$E" meeting add --date 2022-05-03 --type special-meeting --title 新锁文件
clean_error "a program with a fresh lock.mdb is refused while the window is open" 74
reported "the refusal says why" 74 err "another path or a lock file"
release
lz --db "$E" meeting add --date 2022-05-03 --type special-meeting --title 新锁文件
succeeded "with the window closed, writing works again"

# ------------------------------------- lianzheng.lock deleted under a window
D=$WORK/d
new_db "$D"
lz --db "$D" backup "$WORK/d.backup"
succeeded "a backup of D"
lz --db "$D" meeting add --date 2022-05-04 --type special-meeting --title 备份之后
succeeded "a meeting after the backup"
if hold_open "$D"; then ok "the full-screen program has D open"; else not_ok "the full-screen program has D open"; fi
rm -f "$D/lianzheng.lock"
lz --db "$D" restore "$WORK/d.backup"
clean_error "restore refuses while a window has the data file open" 74
reported "restore says the database is open" 74 err "open in another lianzheng"
release
lz --db "$D" meeting list --tsv
if grep -q "备份之后" "$WORK/out"; then ok "the meeting after the backup is still there"
else not_ok "the meeting after the backup is still there"; fi

# A writer whose lianzheng.lock vanished stops rather than write on.
F=$WORK/f
new_db "$F"
if start_writer "$F" uselock; then ok "writer runs on F"; else not_ok "writer runs on F"; fi
rm -f "$F/lianzheng.lock"
writer_stops "the writer stops when its lianzheng.lock is gone" uselock
all_acked "every meeting the writer acknowledged survives" "$F" uselock
healthy "F after lianzheng.lock was deleted" "$F"

finish
