#!/usr/bin/env bash
# Disk full: the database on a filesystem of 4 MiB (a tmpfs, when running
# as root and mounting works) and, always, under a 4 MiB RLIMIT_FSIZE
# (`ulimit -f`; SIGXFSZ ignored, so a write past the limit fails with EFBIG
# as on a full disk instead of killing the program).  Meetings are added, big
# ones first, then smaller and smaller, until writes fail.  Every failure
# must be a clean message with exit 74; every meeting acknowledged before
# must still be there and nothing else; `db check` and `audit verify` must
# pass; a backup or a report onto the full disk must fail cleanly, say so
# and leave no file.
set -u
. "$(dirname "$0")/lib.sh"
trap '' XFSZ
trap 'umount "$WORK/tmpfs" 2>/dev/null; rm -rf "$WORK"' EXIT
# Killed by the harness's timeout, still unmount.
trap 'exit 143' TERM INT HUP

# text N: N times six CJK characters (18 bytes); 1111 times is 19,998
# bytes, just under a long field's limit.
text() { printf '廉政风险防控%.0s' $(seq "$1"); }
BIG=$(text 1111) MID=$(text 277) SMALL=$(text 55)

# add_meeting DIR N SIZE: meeting add with about SIZE bytes of text
# (SIZE: 200k, 40k, 20k, 5k, 1k), files limited to $LIMIT KiB if set.
add_meeting() {
	local extra=()
	case $3 in
	200k) extra=(--summary "$BIG"); for _ in 1 2 3 4 5 6 7 8 9; do extra+=(--decision "$BIG"); done ;;
	40k) extra=(--summary "$BIG" --decision "$BIG") ;;
	20k) extra=(--summary "$BIG") ;;
	5k) extra=(--summary "$MID") ;;
	1k) extra=(--summary "$SMALL") ;;
	esac
	limited "$LIMIT" "$LZ" --db "$1" meeting add --date 2022-04-01 \
		--type special-meeting --title "full disk $2 ($3)" "${extra[@]}"
}

# limited KIB ARGS...: runs ARGS with files limited to KIB KiB (none when
# KIB is empty), out/err in $WORK, status in $RC.
limited() {
	local kib=$1
	shift
	(
		[ -z "$kib" ] || ulimit -f "$kib"
		exec timeout -k 5 "$LZ_TIMEOUT" "$@"
	) >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

# full_error NAME PATTERN: the last command failed cleanly with exit 74,
# and its message matches PATTERN (it says why, so the user knows what to
# do: "Input/output error" does not tell of a full disk).
full_error() {
	clean_error "$1" 74
	if grep -qE "$2" "$WORK/err"; then ok "$1: the message says why"; else
		not_ok "$1: the message says why" "the message does not match /$2/"; fi
}

# fill NAME DIR PATTERN: adds meetings into DIR until writes fail.  The biggest
# fill the disk (4 MiB takes about ten); each smaller size is then tried
# until it fails too, at most 8 times (LMDB reuses freed pages, so small
# writes may go on for long).
fill() {
	local name=$1 dir=$2 why=$3 size tries max failures=0 i=0
	: >"$WORK/acked"
	for size in 200k 40k 20k 5k 1k; do
		max=8
		[ "$size" = 200k ] && max=40
		for ((tries = 0; tries < max; tries++)); do
			i=$((i + 1))
			add_meeting "$dir" "$i" "$size"
			if [ "$RC" -eq 0 ] && ! crashed "$WORK/err"; then
				cat "$WORK/out" >>"$WORK/acked"
				continue
			fi
			failures=$((failures + 1))
			full_error "$name: add $i ($size) on the full disk fails cleanly" "$why"
			break
		done
	done
	echo "# $name: $(wc -l <"$WORK/acked") meetings acknowledged, $failures adds refused"
	if [ "$failures" -gt 0 ]; then ok "$name: writes failed once the disk was full"; else
		not_ok "$name: the disk never filled"; fi
}

# survived NAME DIR: every acknowledged meeting is there, nothing else,
# and the database is consistent.
survived() {
	local name=$1 dir=$2
	if meeting_ids "$dir" "$WORK/have"; then ok "$name: the meetings can be listed"; else
		not_ok "$name: the meetings can be listed" "$(describe_rc "$RC")"; fi
	LC_ALL=C sort "$WORK/acked" >"$WORK/want"
	if cmp -s "$WORK/want" "$WORK/have"; then
		ok "$name: exactly the $(wc -l <"$WORK/want") acknowledged meetings are there"
	else
		not_ok "$name: exactly the acknowledged meetings are there" \
			"acknowledged but missing: $(comm -23 "$WORK/want" "$WORK/have" | tr '\n' ' ')" \
			"there but refused: $(comm -13 "$WORK/want" "$WORK/have" | tr '\n' ' ')"
	fi
	healthy "$name" "$dir"
	# The last acknowledged meeting still shows in full.
	lz --db "$dir" meeting show "$(tail -1 "$WORK/acked")"
	succeeded "$name: the last acknowledged meeting shows"
}

# no_backup_left NAME FILE: neither FILE nor its temporary remains.
no_backup_left() {
	local left
	left=$(ls -d "$2"* 2>/dev/null | tr '\n' ' ')
	if [ -z "$left" ]; then ok "$1: no partial backup file is left"; else
		not_ok "$1: no partial backup file is left" "found: $left"; fi
}

# A filesystem of its own, when this runs as root and may mount one.
mkdir "$WORK/tmpfs"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=4m,mode=0700 lz-fault "$WORK/tmpfs" 2>/dev/null; then
	LIMIT=
	DB=$WORK/tmpfs/db
	new_db "$DB"
	fill "tmpfs" "$DB" 'disk is full'
	survived "tmpfs" "$DB"
	# An edit that needs more room than there is: refused whole, or made.
	lz --db "$DB" meeting edit "$(head -1 "$WORK/acked")" --summary "$BIG" --decision "$BIG"
	if [ "$RC" -eq 0 ]; then succeeded "tmpfs: a big edit on the full disk"; else
		full_error "tmpfs: a big edit on the full disk fails cleanly" 'disk is full'; fi
	healthy "tmpfs: after the edit" "$DB"
	lz --db "$DB" backup "$WORK/tmpfs/backup.mdb"
	full_error "tmpfs: backup onto the full disk fails cleanly" 'disk is full'
	no_backup_left "tmpfs" "$WORK/tmpfs/backup.mdb"
	# A report onto the full disk names the file and the reason.
	lz --db "$DB" report --format html -o "$WORK/tmpfs/report.html"
	full_error "tmpfs: report onto the full disk fails cleanly" \
		"cannot write $WORK/tmpfs/report.html: No space left on device"
	no_backup_left "tmpfs: report" "$WORK/tmpfs/report.html"
	# The same database backs up fine where there is room.
	lz --db "$DB" backup "$WORK/room.mdb"
	succeeded "tmpfs: backup where there is room"
	lz --db "$WORK/restored" restore "$WORK/room.mdb"
	succeeded "tmpfs: that backup restores"
	survived "tmpfs: restored" "$WORK/restored"
	umount "$WORK/tmpfs"
else
	echo "# no tmpfs (not root, or mounting is not allowed): RLIMIT_FSIZE only"
fi

# The same with a file size limit, which needs no privilege.
DB=$WORK/fsize
LIMIT=
new_db "$DB"
LIMIT=4096
# Past the limit a write fails with EFBIG: "File too large".
fill "fsize" "$DB" 'disk is full|too large|size this account may write'
survived "fsize" "$DB"
lz --db "$DB" backup "$WORK/fsize.mdb"
succeeded "fsize: backup without the limit"
# The copy is bigger than 64 KiB: the limit stops it midway.
limited 64 "$LZ" --db "$DB" backup "$WORK/small.mdb"
full_error "fsize: backup over the size limit fails cleanly" 'disk is full|too large|size this account may write'
no_backup_left "fsize" "$WORK/small.mdb"
healthy "fsize: after the failed backup" "$DB"
finish
