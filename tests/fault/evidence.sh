#!/usr/bin/env bash
# The evidence store (issue 17) when things go wrong behind the program's
# back or under it: a stored file removed, a stored file altered (with its
# size kept, and not), one replaced by a link, and the disk full while a
# file is added — on a 4 MiB tmpfs when this runs as root and may mount
# one, and always under RLIMIT_FSIZE (SIGXFSZ ignored, so the write fails
# with EFBIG).  `evidence verify` and `audit verify` must both name the
# record and the file; a failed add must leave no file under a hash name,
# no temporary, and the record as it was.
set -u
. "$(dirname "$0")/lib.sh"
trap '' XFSZ
trap 'umount "$WORK/tmpfs" 2>/dev/null; rm -rf "$WORK"' EXIT
trap 'exit 143' TERM INT HUP

DB=$WORK/db
new_db "$DB"
lz --db "$DB" meeting add --date 2022-06-15 --type special-meeting --title 二季度专题会议 --status planned
succeeded "a meeting"
M=$(cat "$WORK/out")
printf '%%PDF-1.4\n签到表 scan\n' >"$WORK/签到表.pdf"
printf '承诺书\n' >"$WORK/承诺书.txt"
PDF=$(sha256sum "$WORK/签到表.pdf" | cut -d' ' -f1)
TXT=$(sha256sum "$WORK/承诺书.txt" | cut -d' ' -f1)
lz --db "$DB" evidence add "$M" "$WORK/签到表.pdf" "$WORK/承诺书.txt"
succeeded "two files added"
healthy "with its evidence" "$DB"

# both_catch NAME WHAT: evidence verify and audit verify fail, each naming
# meeting M's file 签到表.pdf and what is wrong with it.
both_catch() {
	lz --db "$DB" evidence verify
	reported "$1: evidence verify fails" 65 out "^meeting $M, evidence 1: 签到表.pdf (sha256 $PDF): $2"
	lz --db "$DB" audit verify
	reported "$1: audit verify fails" 65 out "^audit FAILED: meeting $M, evidence 1 签到表.pdf (sha256 $PDF): $2"
	lz --db "$DB" evidence open "$M" 1
	reported "$1: evidence open refuses it" 65 err "evidence 1 (签到表.pdf, sha256 $PDF): $2"
}

# (a) removed
mv "$DB/evidence/$PDF" "$WORK/kept"
both_catch "a removed file" "missing from the evidence store"
# Adding the file again puts it back; the record does not list it twice.
lz --db "$DB" evidence add "$M" "$WORK/签到表.pdf"
reported "adding the removed file again" 0 out "already evidence 1 of meeting $M; not added again"
if cmp -s "$DB/evidence/$PDF" "$WORK/签到表.pdf"; then ok "the removed file is back in the store"; else
	not_ok "the removed file is back in the store"; fi
healthy "after the file came back" "$DB"

# (b) altered, its size kept: only the hash tells
printf 'X' | dd of="$DB/evidence/$PDF" bs=1 seek=3 conv=notrunc status=none
both_catch "an altered file (same size)" "altered: its content no longer matches its hash"
# (c) altered and grown
cp "$WORK/签到表.pdf" "$DB/evidence/$PDF"
printf 'appended\n' >>"$DB/evidence/$PDF"
both_catch "an altered file (grown)" "altered: its content no longer matches its hash"
# (d) replaced by a link to the right content: not the store's file
rm "$DB/evidence/$PDF"
ln -s "$WORK/签到表.pdf" "$DB/evidence/$PDF"
both_catch "a file replaced by a symbolic link" "cannot be read"
rm "$DB/evidence/$PDF"
cp "$WORK/签到表.pdf" "$DB/evidence/$PDF"
healthy "after the file was put right" "$DB"
lz --db "$DB" evidence verify
reported "evidence verify passes again" 0 out "evidence verify passed: 2 evidence files of 1 record"

# (e) the disk full while adding.
# add_fails NAME DIR PATTERN FILE: adding FILE to meeting $M in DIR fails
# cleanly (exit 74, PATTERN in the message), leaves no file under FILE's
# hash and no temporary, and the record as it was.
add_fails() {
	local name=$1 dir=$2 why=$3 file=$4 hash before
	hash=$(sha256sum "$file" | cut -d' ' -f1)
	lz --db "$dir" history "$M" --tsv
	before=$(wc -l <"$WORK/out")
	limited "$LIMIT" "$LZ" --db "$dir" evidence add "$M" "$WORK/承诺书.txt" "$file"
	clean_error "$name: adding onto the full disk fails cleanly" 74
	if grep -qE "$why" "$WORK/err" && grep -q "nothing was added" "$WORK/err"; then
		ok "$name: the message says why, and that nothing was added"
	else not_ok "$name: the message says why, and that nothing was added"; fi
	if [ ! -e "$dir/evidence/$hash" ]; then ok "$name: no file under its hash"; else
		not_ok "$name: no file under its hash" "$(ls -l "$dir/evidence/$hash")"; fi
	if [ -z "$(find "$dir/evidence" -name '.incoming*')" ]; then ok "$name: no temporary file left"; else
		not_ok "$name: no temporary file left" "$(ls -a "$dir/evidence")"; fi
	lz --db "$dir" history "$M" --tsv
	if [ "$(wc -l <"$WORK/out")" -eq "$before" ]; then ok "$name: the record is unchanged (no log entry)"; else
		not_ok "$name: the record is unchanged (no log entry)"; fi
	healthy "$name: after the failed add" "$dir"
}

limited() {
	local kib=$1
	shift
	(
		[ -z "$kib" ] || ulimit -f "$kib"
		exec timeout -k 5 "$LZ_TIMEOUT" "$@"
	) >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

mkdir "$WORK/tmpfs"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=4m,mode=0700 lz-ev-fault "$WORK/tmpfs" 2>/dev/null; then
	LIMIT=
	cp -a "$DB" "$WORK/tmpfs/db"
	head -c 6M /dev/urandom >"$WORK/big.bin"
	add_fails "tmpfs" "$WORK/tmpfs/db" 'disk is full' "$WORK/big.bin"
	# A file that fits still goes in.
	lz --db "$WORK/tmpfs/db" evidence add "$M" "$WORK/承诺书.txt"
	reported "tmpfs: the disk full did not keep the record from what it had" 0 out "already evidence 2"
	umount "$WORK/tmpfs"
else
	echo "# no tmpfs (not root, or mounting is not allowed): RLIMIT_FSIZE only"
fi

# A file size limit (no privilege needed): the copy stops at 64 KiB.
LIMIT=64
head -c 300K /dev/urandom >"$WORK/big.bin"
add_fails "fsize" "$DB" 'too large|disk is full' "$WORK/big.bin"
LIMIT=
lz --db "$DB" evidence add "$M" "$WORK/big.bin"
reported "fsize: the same file without the limit is added" 0 out "added evidence 3 to meeting $M: big.bin"
healthy "fsize: afterwards" "$DB"

# (f) damaged backups with evidence (a tar bundle): each refused with one
# message, the database and its store left exactly as they were, nothing
# unpacked left behind; into a new directory, no directory at all.
lz --db "$DB" backup "$WORK/good.bak"
succeeded "a backup with evidence"
mkdir "$WORK/unpacked"
tar -xf "$WORK/good.bak" -C "$WORK/unpacked"
# bundle NAME MEMBERS...: a tar archive of the unpacked members.
bundle() {
	local name=$1
	shift
	tar --format=ustar -C "$WORK/unpacked" -cf "$WORK/$name.bak" "$@"
}
size=$(stat -c %s "$WORK/good.bak")
head -c $((size - 1024 - 512 - 100)) "$WORK/good.bak" >"$WORK/cut-inside.bak"
head -c $((size - 1024)) "$WORK/good.bak" >"$WORK/no-end.bak"
# An evidence file's content altered: it no longer hashes to its name.
cp "$WORK/unpacked/evidence/$TXT" "$WORK/txt.orig"
printf '改过的承诺书\n' >"$WORK/unpacked/evidence/$TXT"
bundle altered-member data.mdb "evidence/$PDF" "evidence/$TXT"
cp "$WORK/txt.orig" "$WORK/unpacked/evidence/$TXT"
# A member a backup never holds, before or after the evidence.
printf 'x' >"$WORK/unpacked/notes.txt"
bundle foreign-member data.mdb notes.txt
ln -s /etc/passwd "$WORK/unpacked/evidence/$(printf '%064d' 0)"
bundle link-member data.mdb "evidence/$(printf '%064d' 0)"
# data.mdb that is no database.
mkdir "$WORK/junk" "$WORK/junk/evidence"
head -c 8192 /dev/urandom >"$WORK/junk/data.mdb"
cp "$WORK/unpacked/evidence/$PDF" "$WORK/junk/evidence/"
tar --format=ustar -C "$WORK/junk" -cf "$WORK/junk-data.bak" data.mdb "evidence/$PDF"
# A header whose checksum no longer matches (its mtime changed).
cp "$WORK/good.bak" "$WORK/bad-checksum.bak"
second=$((512 + ($(stat -c %s "$WORK/unpacked/data.mdb") + 511) / 512 * 512))
printf '7' | dd of="$WORK/bad-checksum.bak" bs=1 seek=$((second + 136)) conv=notrunc status=none

state() { (cd "$DB" && sha256sum data.mdb && ls -a evidence); }
state >"$WORK/state-before"
for bad in cut-inside no-end altered-member foreign-member link-member junk-data bad-checksum; do
	lz --db "$DB" restore "$WORK/$bad.bak"
	reported "restore refuses the $bad backup" 65 err "^lianzheng: .*$bad.bak"
	if [ "$(wc -l <"$WORK/err")" -eq 1 ]; then ok "$bad: one message"; else
		not_ok "$bad: one message" "$(cat "$WORK/err")"; fi
	state >"$WORK/state-after"
	if cmp -s "$WORK/state-before" "$WORK/state-after"; then
		ok "$bad: the database and its store are as they were, nothing unpacked is left"
	else not_ok "$bad: the database and its store are as they were" "$(diff "$WORK/state-before" "$WORK/state-after")"; fi
	lz --db "$WORK/fresh-$bad" restore "$WORK/$bad.bak"
	if [ "$RC" -eq 65 ] && [ ! -e "$WORK/fresh-$bad" ]; then ok "$bad: into a new directory, nothing is left"; else
		not_ok "$bad: into a new directory, nothing is left" "exit $RC; $(ls -aR "$WORK/fresh-$bad" 2>&1 | head -5)"; fi
done
grep -q "does not match its hash" <(lz --db "$DB" restore "$WORK/altered-member.bak"; cat "$WORK/err") &&
	ok "the altered member is named as such" || not_ok "the altered member is named as such" "$(cat "$WORK/err")"
lz --db "$DB" restore "$WORK/good.bak"
succeeded "the good backup restores"
healthy "after restoring the good backup" "$DB"
finish
