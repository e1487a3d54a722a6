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

# ---- item 10: records add would refuse, written with the library ----
# Each backup holds one such record; the chain is intact (the library logs
# what it writes), so only checking the records as add does can refuse it.
hostile_case=0
# refused NAME WANT KIND FIELD=VALUE...: a backup with that one record is
# refused by restore, the message naming the record and WANT; the target
# database is left as it was.
refused() {
	local name=$1 want=$2
	shift 2
	hostile_case=$((hostile_case + 1))
	local src=$WORK/hostile$hostile_case
	new_db "$src"
	local id
	id=$("$CRAFT" "$src" "$@") || { not_ok "$name: craft" "lz-fault-craft $*"; return; }
	lz --db "$src" backup "$WORK/hostile$hostile_case.mdb"
	lz --db "$src" audit verify
	if [ "$RC" -ne 0 ]; then not_ok "$name: the forged chain is consistent" "audit verify: exit $RC"; fi
	lz --db "$DB" restore "$WORK/hostile$hostile_case.mdb"
	local label=$1
	[ "$label" = risk ] && label="risk point"
	reported "restore refuses a backup with $name" 65 err "is not a usable backup: $label $id: $want"
	if [ "$(cksum <"$DB/data.mdb")" = "$db_sum" ] && ! ls "$DB" | grep -q '\.bak$'; then
		ok "the refused backup with $name left the database as it was"
	else
		not_ok "the refused backup with $name left the database as it was"
	fi
}
db_sum=$(cksum <"$DB/data.mdb")
refused "an escape sequence in a title" "title contains the control character U+001B" \
	meeting "title=$(printf '\033[2J\033]0;pwned\007')"
refused "a C1 control in a summary" "summary contains the control character U+009B" \
	meeting "summary=$(printf 'a\302\2331mb')"
refused "invalid UTF-8 in a location" "location is not valid UTF-8" \
	meeting "location=$(printf 'x\233y')"
refused "an unknown meeting type" "unknown meeting type 'nosuch'" meeting type=nosuch
refused "task 9999" "task 9999 is not in the 2022 plan" item task=9999
refused "an unknown item status" "unknown item status 'bogus'" item status=bogus
refused "an unknown risk level" "unknown risk level 'extreme'" risk level=extreme
refused "likelihood 77" "likelihood must be between 1 and 5, not 77" risk likelihood=77
refused "a BEL in a person's name" "name contains the control character U+0007" \
	person "name=$(printf '\007张三')"

# A revised plan is refused while a record would point at what it lacks;
# with --map the record is carried over, and the backup after the change
# restores.
ORPHAN=$WORK/orphan
new_db "$ORPHAN"
lz --db "$ORPHAN" meeting add --date 2022-06-15 --type heart-talk --title 谈心谈话
awk '
	/^  - id: heart-talk$/ { skip = 1; next }
	skip && (/^  - / || /^[^ ]/) { skip = 0 }
	!skip { print }
' "$SRC/config/plan-2022.yaml" >"$WORK/revised.yaml"
lz --db "$ORPHAN" init --plan "$WORK/revised.yaml"
reported "a revised plan without the meeting type of a stored meeting is refused" 65 err "map it with --map"
lz --db "$ORPHAN" init --plan "$WORK/revised.yaml" --map type:heart-talk=special-meeting
succeeded "the revised plan with the meeting mapped"
lz --db "$ORPHAN" backup "$WORK/orphan.mdb"
lz --db "$WORK/orphan-restored" restore "$WORK/orphan.mdb"
succeeded "a backup after the plan change restores"
lz --db "$ORPHAN" meeting add --date 2022-06-16 --type heart-talk --title 新的谈心谈话
reported "add under the revised plan still refuses the type" 65 err "unknown meeting type"

# The same records in a live database (written with the library): no
# output of any command holds a control character or a byte that is not
# UTF-8.  db check names them.
LIVE=$WORK/live
new_db "$LIVE"
M=$("$CRAFT" "$LIVE" meeting "title=$(printf '\033[31m红\033]0;x\007')" \
	"summary=$(printf '\302\2332J')" "location=$(printf '\233\377')" "host=$(printf '\007')")
I=$("$CRAFT" "$LIVE" item "title=$(printf '\033[2J事项')" "owner=$(printf '\302\233张')" \
	"source=$(printf '巡察\033c')")
R=$("$CRAFT" "$LIVE" risk "post=$(printf '\033[5m财务')" "desc=$(printf '\007\033[2J')" likelihood=77)
P=$("$CRAFT" "$LIVE" person "name=$(printf '\033[1m李四')" "post=$(printf '\302\235')")
if [ -n "$M" ] && [ -n "$I" ] && [ -n "$R" ] && [ -n "$P" ]; then ok "hostile records injected"; else
	not_ok "hostile records injected"; fi
# raw_controls FILE: the first control character or invalid byte in FILE.
raw_controls() {
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    print(f"byte {e.start}: not UTF-8 ({data[e.start]:#04x})")
    sys.exit(0)
for i, ch in enumerate(text):
    c = ord(ch)
    if (c < 0x20 and ch not in '\t\n\r') or 0x7f <= c < 0xa0 or 0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069:
        print(f"character {i}: U+{c:04X}")
        break
PY
}
for cmd in "meeting list" "meeting list --tsv" "meeting show $M" "item list" "item list --tsv" \
	"item show $I" "risk list" "risk list --tsv" "risk show $R" "person list" "person list --tsv" \
	"search 红" "search --tsv 红" "log" "log --tsv" "history $M" "history --tsv $I" \
	"history $R" "history $P" "item matrix" "item matrix --tsv" "status --date 2022-03-01" \
	"remind --date 2022-02-27" "export csv meetings" "export csv items" "export csv risks" \
	"export csv people" "export ics" "report --format txt" "report --format md" \
	"report --format html"; do
	# shellcheck disable=SC2086
	lz --db "$LIVE" $cmd
	found=$(raw_controls "$WORK/out")
	if [ "$RC" -ne 0 ]; then
		not_ok "$cmd on hostile records" "exit $RC"
	elif [ -n "$found" ]; then
		not_ok "$cmd on hostile records: nothing raw" "$found"
	else
		ok "$cmd on hostile records: no control character or invalid byte reaches the output"
	fi
done
lz --db "$LIVE" meeting list --tsv
if grep -qF '\x1b[31m红\x1b]0;x\x07' "$WORK/out"; then ok "TSV writes an escape sequence as \\x1b"; else
	not_ok "TSV writes an escape sequence as \\x1b"; fi
lz --db "$LIVE" db check
reported "db check names a record add would refuse" 65 out "^risk point $R: post contains the control character U+001B"

# ---- item 11: the compiled plan edited inside the database ----
PLANDB=$WORK/plandb
new_db "$PLANDB"
lz --db "$PLANDB" status --tsv --date 2022-12-31
if grep -q "^special-meeting	2022	4	" "$WORK/out"; then ok "the plan asks for 4 special meetings"; else
	not_ok "the plan asks for 4 special meetings"; fi
lz --db "$PLANDB" backup "$WORK/plan-good.mdb"
if "$TAMPER" "$PLANDB" planmin special-meeting 1 >"$WORK/out" 2>"$WORK/err"; then
	ok "the compiled plan's minimum lowered from 4 to 1 behind the program's back"
else
	not_ok "the compiled plan's minimum lowered" "$(cat "$WORK/err")"
fi
# The compiled plan is chained beside its text: the edited one is not run
# on, so the dashboard keeps the plan's real quota.
lz --db "$PLANDB" status --tsv --date 2022-12-31
reported "status keeps the real minimum of 4 (the edited compiled plan is not used)" 0 out "^special-meeting	2022	4	"
lz --db "$PLANDB" report --format txt --date 2022-12-31
if grep -q "党风廉政建设专题会议 (≥1 per year)" "$WORK/out" ||
	! grep -q "党风廉政建设专题会议 (≥4 per year)" "$WORK/out"; then
	not_ok "the report does not show the lowered quota"
else ok "the report does not show the lowered quota"; fi
lz --db "$PLANDB" audit verify
reported "audit verify finds the edited compiled plan" 65 out "^audit FAILED: the compiled plan for 2022 differs from its text"
lz --db "$PLANDB" db check
reported "db check finds the edited compiled plan" 65 out "^meta: the compiled plan for 2022 differs from its text"
lz --db "$PLANDB" backup "$WORK/plan-edited.mdb"
lz --db "$DB" restore "$WORK/plan-edited.mdb"
reported "restore refuses a backup with an edited compiled plan" 65 err "plan-edited.mdb is not a usable backup: meta: the compiled plan for 2022 differs"
lz --db "$WORK/plan-restored" restore "$WORK/plan-good.mdb"
succeeded "the backup taken before the edit restores"

# ---- item 8: the backup swapped for another file while restore runs ----
# A good backup and an altered one (a byte of a record changed: the audit
# refuses it) take turns under one name, renamed in as fast as the shell
# can.  Restore reads what it checks: whatever it installs is the good
# backup, byte for byte; a refusal leaves nothing behind.
SWAP=$WORK/swap
new_db "$SWAP"
"$WRITER" "$SWAP" --count 200 --batch 50 >/dev/null
lz --db "$SWAP" backup "$WORK/swap-good.mdb"
cp -a "$SWAP" "$WORK/swap-bad"
"$TAMPER" "$WORK/swap-bad" flip meetings 3 "$(($("$TAMPER" "$SWAP" len meetings 3) / 2))"
lz --db "$WORK/swap-bad" backup "$WORK/swap-bad.mdb"
lz --db "$WORK/swap-check" restore "$WORK/swap-bad.mdb"
reported "the altered backup alone is refused" 65 err "is not a usable backup"
(
	while :; do
		ln -f "$WORK/swap-good.mdb" "$WORK/swap.tmp" && mv -f "$WORK/swap.tmp" "$WORK/swap.mdb"
		ln -f "$WORK/swap-bad.mdb" "$WORK/swap.tmp" && mv -f "$WORK/swap.tmp" "$WORK/swap.mdb"
	done
) &
swapper=$!
installed_good=0 refused_swap=0 installed_other=0
for i in $(seq 1 12); do
	target=$WORK/swap-target$i
	lz --db "$target" restore "$WORK/swap.mdb"
	if [ "$RC" -eq 0 ] && cmp -s "$target/data.mdb" "$WORK/swap-good.mdb"; then
		installed_good=$((installed_good + 1))
	elif [ "$RC" -eq 65 ] && [ ! -e "$target" ]; then
		refused_swap=$((refused_swap + 1))
	else
		installed_other=$((installed_other + 1))
		echo "# restore $i: exit $RC, $(head -1 "$WORK/err")"
	fi
done
kill "$swapper"
wait "$swapper" 2>/dev/null
if [ "$installed_other" -eq 0 ]; then
	ok "12 restores while the file is swapped: $installed_good installed the good backup, $refused_swap refused, none installed anything else"
else
	not_ok "restores while the file is swapped never install what was not checked" \
		"$installed_other of 12 installed other bytes ($installed_good good, $refused_swap refused)"
fi
mkfifo "$WORK/fifo.mdb"
lz --db "$DB" restore "$WORK/fifo.mdb"
reported "restore refuses a FIFO without waiting for a writer" 66 err "fifo.mdb: not a regular file"
lz --db "$DB" restore "$WORK"
reported "restore refuses a directory" 66 err "not a regular file"

# ---- item 9: damaged backups and databases ----
# A node offset pointed past the page in each leaf page of a backup in
# turn: LMDB follows such offsets unchecked.  Restore must end with a
# message (exit 65) and leave the database alone; db check and audit
# verify on such a data.mdb must report it, never crash.
DMG=$WORK/dmg
new_db "$DMG"
"$WRITER" "$DMG" --count 60 --batch 10 >/dev/null
lz --db "$DMG" backup "$WORK/dmg-good.mdb"
python3 - "$WORK/dmg-good.mdb" "$WORK" <<'PY'
import struct, sys, os
src, work = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
ps = os.sysconf('SC_PAGESIZE')
n = 0
for page in range(2, len(data) // ps):
    flags = struct.unpack_from('<H', data, page * ps + 10)[0]
    if flags != 0x02:  # P_LEAF
        continue
    b = bytearray(data)
    struct.pack_into('<H', b, page * ps + 16, 0xfff0)
    n += 1
    open(f"{work}/dmg-{n}.mdb", 'wb').write(b)
print(f"# {n} leaf pages damaged")
PY
damaged_files=$(ls "$WORK"/dmg-[0-9]*.mdb 2>/dev/null | wc -l)
dmg_sum=$(cksum <"$DB/data.mdb")
crash_reported=0 dmg_bad=0
for f in "$WORK"/dmg-[0-9]*.mdb; do
	lz --db "$DB" restore "$f"
	if crashed "$WORK/err" || [ "$RC" -ne 65 ] || ! grep -q '^lianzheng: ' "$WORK/err"; then
		dmg_bad=$((dmg_bad + 1))
		echo "# restore $(basename "$f"): $(describe_rc "$RC"): $(head -1 "$WORK/err")"
	fi
	grep -q "damaged backup: $f: " "$WORK/err" && crash_reported=$((crash_reported + 1))
	rm -rf "$WORK/dmglive"
	mkdir -m 700 "$WORK/dmglive"
	cp "$f" "$WORK/dmglive/data.mdb"
	for cmd in "db check" "audit verify"; do
		# shellcheck disable=SC2086
		lz --db "$WORK/dmglive" $cmd
		if crashed "$WORK/err" || [ "$RC" -ge 124 ] || { [ "$RC" -ne 0 ] && [ ! -s "$WORK/err" ] && [ ! -s "$WORK/out" ]; }; then
			dmg_bad=$((dmg_bad + 1))
			echo "# $cmd on $(basename "$f"): $(describe_rc "$RC"): $(head -1 "$WORK/err")"
		fi
	done
done
if [ "$damaged_files" -gt 0 ] && [ "$dmg_bad" -eq 0 ]; then
	ok "$damaged_files damaged backups: restore, db check and audit verify end with a message, never a crash ($crash_reported crashed the reading child)"
else
	not_ok "damaged backups end with a message, never a crash" "$dmg_bad of $damaged_files went wrong"
fi
if [ "$(cksum <"$DB/data.mdb")" = "$dmg_sum" ] && ! ls "$DB" | grep -q '\.bak$\|restoring'; then
	ok "the refused damaged backups left the database as it was, no copy behind"
else
	not_ok "the refused damaged backups left the database as it was"
fi
if [ "$crash_reported" -gt 0 ]; then ok "a backup that crashes LMDB is reported as 'damaged backup:'"; else
	not_ok "a backup that crashes LMDB is reported as 'damaged backup:'" "none of $damaged_files crashed the reader"; fi

finish
