#!/usr/bin/env bash
# Concurrency: backups taken while another process writes 10,000 meetings
# (lz-fault-writer, 20 to a transaction).  Each backup must restore into a
# fresh directory and pass `db check` and `audit verify` there, and hold a
# snapshot: whole transactions only, exactly the first meetings the writer
# acknowledged.  Restoring over the database the writer has open must be
# refused.  Afterwards the live database holds all 10,000.
set -u
. "$(dirname "$0")/lib.sh"

TOTAL=10000 BATCH=20
DB=$WORK/db
new_db "$DB"

ACKED=$WORK/acked
"$WRITER" "$DB" --count "$TOTAL" --batch "$BATCH" >"$ACKED" 2>"$WORK/writer.err" &
pid=$!
# Start once the writer is under way, then back up as fast as possible.
i=0
while [ ! -s "$ACKED" ] && [ "$i" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
backups=0 during=0
while [ "$backups" -lt 4 ]; do
	backups=$((backups + 1))
	lz --db "$DB" backup "$WORK/b$backups.mdb"
	running=no
	kill -0 "$pid" 2>/dev/null && running=yes && during=$((during + 1))
	succeeded "backup $backups while the writer runs (still running after it: $running)"
	if [ "$backups" -eq 1 ] && [ "$running" = yes ]; then
		lz --db "$DB" restore "$WORK/b1.mdb"
		clean_error "restore over the database the writer has open is refused" 74
	fi
	[ "$running" = yes ] || break
done
wait "$pid"
wrc=$?
if [ "$wrc" -eq 0 ]; then ok "the writer committed all $TOTAL meetings"; else
	not_ok "the writer committed all $TOTAL meetings" "writer: $(describe_rc "$wrc"): $(head -3 "$WORK/writer.err")"; fi
if [ "$during" -gt 0 ]; then ok "$during backups were taken while the writer was writing"; else
	not_ok "a backup was taken while the writer was writing" "the writer finished first"; fi

for ((b = 1; b <= backups; b++)); do
	dir=$WORK/restored$b
	lz --db "$dir" restore "$WORK/b$b.mdb"
	succeeded "backup $b restores into a fresh directory"
	healthy "backup $b" "$dir" || continue
	meeting_ids "$dir" "$WORK/have"
	count=$(wc -l <"$WORK/have")
	head -n "$count" "$ACKED" | LC_ALL=C sort >"$WORK/want"
	if [ $((count % BATCH)) -eq 0 ] && cmp -s "$WORK/want" "$WORK/have"; then
		ok "backup $b holds the first $count acknowledged meetings, whole transactions only"
	else
		not_ok "backup $b holds a snapshot" "$count meetings, not the first acknowledged ones in whole transactions"
	fi
done

healthy "the live database" "$DB"
meeting_ids "$DB" "$WORK/have"
LC_ALL=C sort "$ACKED" >"$WORK/want"
if [ "$(wc -l <"$WORK/want")" -eq "$TOTAL" ] && cmp -s "$WORK/want" "$WORK/have"; then
	ok "the live database holds the $TOTAL acknowledged meetings"
else
	not_ok "the live database holds the $TOTAL acknowledged meetings" \
		"$(wc -l <"$WORK/have") meetings, $(wc -l <"$WORK/want") acknowledged"
fi
finish
