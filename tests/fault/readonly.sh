#!/usr/bin/env bash
# Read-only directory: a copy of a database in a directory of mode 0555
# with files of mode 0444, with and without LMDB's lock file.  Reading
# works and shows the same as the original; a write is refused with a clear
# message and exit 74 and changes nothing.  Root ignores permissions, so as
# root the commands run as an unprivileged user (setpriv or runuser); the
# test is skipped only when there is no way to drop privileges.
set -u
. "$(dirname "$0")/lib.sh"

# AS: how to run a command as someone permissions bind.
AS=()
if [ "$(id -u)" -ne 0 ]; then
	:
elif setpriv --reuid=65534 --regid=65534 --clear-groups -- "$LZ" --version >/dev/null 2>&1; then
	AS=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
elif runuser -u nobody -- "$LZ" --version >/dev/null 2>&1; then
	AS=(runuser -u nobody --)
else
	echo "1..0 # SKIP running as root and cannot run $LZ as an unprivileged user"
	exit 0
fi
echo "# running as: ${AS[*]:-$(id -un)}"

DB=$WORK/db
new_db "$DB"
for i in 1 2 3; do
	lz --db "$DB" meeting add --date "2022-05-0$i" --type special-meeting --title "只读测试 $i"
done
succeeded "three meetings added"
lz --db "$DB" meeting list --tsv
cp "$WORK/out" "$WORK/original.list"

# as ARGS...: lianzheng ARGS as that user.
as() {
	timeout -k 5 "$LZ_TIMEOUT" "${AS[@]}" "$LZ" "$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

# The copies live where that user may enter, outside the private $WORK.
SHARED=$(mktemp -d)
chmod 0755 "$SHARED"
mkdir -m 1777 "$SHARED/out"
trap 'chmod -R u+w "$SHARED" 2>/dev/null; rm -rf "$SHARED" "$WORK"' EXIT

for variant in "with lock file" "without lock file"; do
	ro=$SHARED/${variant// /-}
	mkdir "$ro"
	cp "$DB/data.mdb" "$ro/"
	[ "$variant" = "with lock file" ] && cp "$DB/lock.mdb" "$ro/"
	chmod 0444 "$ro"/*
	chmod 0555 "$ro"
	sum=$(cksum <"$ro/data.mdb")
	files=$(ls -A "$ro")

	as --db "$ro" meeting list --tsv
	if [ "$RC" -eq 0 ] && ! crashed "$WORK/err" && cmp -s "$WORK/out" "$WORK/original.list"; then
		ok "$variant: meeting list reads the meetings"
	else
		not_ok "$variant: meeting list reads the meetings" "$(describe_rc "$RC")"
	fi
	as --db "$ro" meeting show 2
	succeeded "$variant: meeting show"
	as --db "$ro" audit verify
	succeeded "$variant: audit verify"
	as --db "$ro" db check
	succeeded "$variant: db check"

	as --db "$ro" meeting add --date 2022-05-09 --type special-meeting --title "不应写入"
	clean_error "$variant: meeting add is refused" 74
	if grep -q 'read-only' "$WORK/err"; then ok "$variant: the refusal says the database is read-only"; else
		not_ok "$variant: the refusal says the database is read-only" "no 'read-only' in the message"; fi
	as --db "$ro" meeting edit 1 --title "不应修改"
	clean_error "$variant: meeting edit is refused" 74
	as --db "$ro" undo
	clean_error "$variant: undo is refused" 74
	if [ "$(cksum <"$ro/data.mdb")" = "$sum" ] && [ "$(ls -A "$ro")" = "$files" ]; then
		ok "$variant: the directory and data.mdb are unchanged"
	else
		not_ok "$variant: the directory and data.mdb are unchanged"
	fi
	# A read-only database can still be backed up, to where that user may write.
	copy=$SHARED/out/${variant// /-}.mdb
	as --db "$ro" backup "$copy"
	succeeded "$variant: backup of the read-only database"
	lz --db "$WORK/restored-${variant// /-}" restore "$copy"
	succeeded "$variant: the backup restores"
	meeting_ids "$WORK/restored-${variant// /-}" "$WORK/have"
	if cut -f1 "$WORK/original.list" | LC_ALL=C sort | cmp -s - "$WORK/have"; then
		ok "$variant: the restored backup holds the meetings"
	else
		not_ok "$variant: the restored backup holds the meetings"
	fi
done
finish
