# Evidence (佐证材料, issue 17): files added to records, listed, opened and
# verified; the store keeps each file once under its SHA-256; history,
# show, search, audit verify, backup and restore take it along.
EV=$WORK/ev-db
newdb "$EV"
run "ev: a meeting" 0 --db "$EV" meeting add --date 2022-06-15 --type special-meeting \
	--title 二季度专题会议 --status planned
ev_m=$(cat "$WORK/out")
run "ev: an item" 0 --db "$EV" item add --task 2 --title 整改经费报销手续不全问题
ev_i=$(cat "$WORK/out")
grep -qx '[0-9]*' "$WORK/out" || not_ok "ev: add prints the id"

mkdir -p "$WORK/ev-files"
printf '%%PDF-1.4\n签到表\n' >"$WORK/ev-files/签到表.pdf"
printf '\x89PNG\r\n\x1a\n....' >"$WORK/ev-files/photo.png"
printf '会议纪要\n第二行\n' >"$WORK/ev-files/纪要.txt"
pdf_hash=$(sha256sum "$WORK/ev-files/签到表.pdf" | cut -d' ' -f1)
txt_hash=$(sha256sum "$WORK/ev-files/纪要.txt" | cut -d' ' -f1)

run "ev: add two files" 0 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/签到表.pdf" \
	"$WORK/ev-files/photo.png"
expect_out "ev: add names the first file, its type and hash" \
	"added evidence 1 to meeting $ev_m: 签到表.pdf (application/pdf, 19 bytes, sha256 $pdf_hash)"
expect_out "ev: add names the second" "added evidence 2 to meeting $ev_m: photo.png (image/png"
if [ -f "$EV/evidence/$pdf_hash" ] && cmp -s "$EV/evidence/$pdf_hash" "$WORK/ev-files/签到表.pdf"; then
	ok "ev: the file is stored under its SHA-256"
else not_ok "ev: the file is stored under its SHA-256"; fi
if [ "$(find "$EV/evidence" -type f | wc -l)" -eq 2 ]; then ok "ev: two files, no temporary left"; else
	not_ok "ev: two files, no temporary left" "$(ls -a "$EV/evidence")"; fi

run "ev: the same file again" 0 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/签到表.pdf"
expect_out "ev: a file the record has is not added again" "already evidence 1 of meeting $ev_m; not added again"
run "ev: the same file to another record" 0 --db "$EV" evidence add "$ev_i" "$WORK/ev-files/签到表.pdf" \
	"$WORK/ev-files/纪要.txt"
expect_out "ev: a stored file is named, not copied again" "the file was in the store already"
if [ "$(find "$EV/evidence" -type f | wc -l)" -eq 3 ]; then ok "ev: the store holds each file once"; else
	not_ok "ev: the store holds each file once" "$(ls "$EV/evidence")"; fi

run "ev: list" 0 --db "$EV" evidence list "$ev_m"
expect_out "ev: list shows the name, type, size and hash" "签到表.pdf  application/pdf  19 bytes  $pdf_hash"
run "ev: list --tsv" 0 --db "$EV" evidence list "$ev_i" --tsv
expect_out "ev: --tsv: number, name, type, bytes, hash" "2	纪要.txt	text/plain	23	$txt_hash"
expect_lines "ev: --tsv: a row per file" 2 "	"
run "ev: a person" 0 --db "$EV" person add --name 王五
ev_p=$(cat "$WORK/out")
run "ev: list of a record without evidence" 0 --db "$EV" evidence list "$ev_p"
expect_out "ev: says there is none" "has no evidence"
run "ev: list of an unknown id" 65 --db "$EV" evidence list 999
expect_err "ev: the unknown id is named" "there is no record with id 999"

run "ev: show lists the evidence" 0 --db "$EV" meeting show "$ev_m"
expect_out "ev: show's Evidence line" "签到表.pdf  (application/pdf, 19 bytes, sha256 ${pdf_hash:0:12}…)"
run "ev: history shows the addition" 0 --db "$EV" history "$ev_m"
expect_out "ev: history's Evidence change" "photo.png  (image/png"
run "ev: search finds a file's name" 0 --db "$EV" search 纪要.txt --tsv
expect_out "ev: search names the item" "item	$ev_i"
run "ev: meeting edit keeps the evidence" 0 --db "$EV" meeting edit "$ev_m" --location 三楼会议室
run "ev: ... still listed" 0 --db "$EV" evidence list "$ev_m" --tsv
expect_lines "ev: both files after the edit" 2 "	"
run "ev: export leaves the evidence out" 0 --db "$EV" export csv meetings
if grep -q "$pdf_hash\|签到表" "$WORK/out"; then not_ok "ev: no evidence column in the CSV"; else
	ok "ev: no evidence column in the CSV"; fi
run "ev: no --evidence option" 64 --db "$EV" meeting edit "$ev_m" --evidence x

PAGER=cat run "ev: open a text file with the pager" 0 --db "$EV" evidence open "$ev_i" 2
expect_out "ev: the pager shows the text" "第二行"
run "ev: open N out of range" 65 --db "$EV" evidence open "$ev_i" 3
expect_err "ev: says how many there are" "has 2 evidence files, not 3"
DISPLAY= WAYLAND_DISPLAY= run "ev: a PDF without a display" 74 --db "$EV" evidence open "$ev_m" 1
expect_err "ev: no display is said" "there is no display to show 签到表.pdf (application/pdf)"
mkdir -p "$WORK/ev-bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >"%s"\ncmp -s "$1" "%s"\n' "$WORK/ev-opened" \
	"$WORK/ev-files/签到表.pdf" >"$WORK/ev-bin/xdg-open"
chmod +x "$WORK/ev-bin/xdg-open"
PATH="$WORK/ev-bin:$PATH" DISPLAY=:9 run "ev: with a display, xdg-open gets a copy" 0 --db "$EV" \
	evidence open "$ev_m" 1
if grep -q '/签到表.pdf$' "$WORK/ev-opened" && ! grep -q "$EV" "$WORK/ev-opened"; then
	ok "ev: the opener gets a copy under the file's name, not the stored file"
else not_ok "ev: the opener gets a copy under the file's name" "$(cat "$WORK/ev-opened" 2>&1)"; fi

run "ev: evidence verify" 0 --db "$EV" evidence verify
expect_out "ev: verify counts files and records" "evidence verify passed: 4 evidence files of 2 records"
run "ev: audit verify" 0 --db "$EV" audit verify

# Refusals leave the record as it was.
run "ev: a missing file" 66 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/nope.pdf"
expect_err "ev: the missing file is named" "cannot read $WORK/ev-files/nope.pdf"
run "ev: a directory" 65 --db "$EV" evidence add "$ev_m" "$WORK/ev-files"
expect_err "ev: a directory is no file" "is not a regular file; nothing was added"
run "ev: one good file and one missing" 66 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/纪要.txt" \
	"$WORK/ev-files/nope.pdf"
run "ev: ... the record is unchanged" 0 --db "$EV" evidence list "$ev_m" --tsv
expect_lines "ev: still two files" 2 "	"
truncate -s 200M "$WORK/ev-files/big.bin"
run "ev: a file of 200 MiB" 65 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/big.bin"
expect_err "ev: the limit is said" "evidence files must be smaller than 200 MiB"
rm -f "$WORK/ev-files/big.bin"
printf 'x' >"$WORK/ev-files/$(printf 'bad\tname.txt')"
run "ev: a name with a control character" 65 --db "$EV" evidence add "$ev_m" \
	"$WORK/ev-files/$(printf 'bad\tname.txt')"
expect_err "ev: the name is refused as text" "evidence file name contains the control character U+0009"
run "ev: an unknown id" 65 --db "$EV" evidence add 999 "$WORK/ev-files/纪要.txt"
run "ev: add without a file" 64 --db "$EV" evidence add "$ev_m"
run "ev: an option among the files" 64 --db "$EV" evidence add "$ev_m" --tsv
printf 'dash' >"$WORK/ev-files/-dash.txt"
(cd "$WORK/ev-files" && "$LZ" --db "$EV" evidence add "$ev_i" -- -dash.txt >"$WORK/out" 2>"$WORK/err")
if grep -q "added evidence 3 to item $ev_i: -dash.txt" "$WORK/out"; then ok "ev: a name with a dash after --"; else
	not_ok "ev: a name with a dash after --"; fi
run "ev: an unknown subcommand" 64 --db "$EV" evidence remove "$ev_m"
run "ev: evidence --help" 0 evidence --help
expect_out "ev: the synopsis" "evidence add ID FILE... | evidence list ID [--tsv]"

# Undo takes the addition back; the file stays (it is harmless, and
# another record may name it).
run "ev: add to undo" 0 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/纪要.txt"
run "ev: undo" 0 --db "$EV" undo
run "ev: ... the record has its two files" 0 --db "$EV" evidence list "$ev_m" --tsv
expect_lines "ev: two after the undo" 2 "	"

# A closed year's record: allowed, logged, and she is told.
_ev_now_set=${LIANZHENG_NOW+1} _ev_now_old=${LIANZHENG_NOW-}
export LIANZHENG_NOW=1767225600  # 2026-01-01
run "ev: a 2022 meeting in 2026" 0 --db "$EV" evidence add "$ev_m" "$WORK/ev-files/纪要.txt"
expect_out "ev: the closed year is said" "belongs to 2022, a closed year; the addition is logged"
run "ev: ... in its history" 0 --db "$EV" history "$ev_m" --tsv
expect_out "ev: the history's entry of 2026" "2026-01-01"
if [ -n "$_ev_now_set" ]; then export LIANZHENG_NOW=$_ev_now_old; else unset LIANZHENG_NOW; fi


# Backup and restore take the evidence along: the backup is then a tar
# archive of data.mdb and evidence/HASH (a database without evidence is
# backed up as the plain LMDB file, as before).
run "ev: backup" 0 --db "$EV" backup "$WORK/ev.bak"
expect_no_err "ev: backup with an intact store says nothing on stderr"
if tar tf "$WORK/ev.bak" >"$WORK/ev-members" 2>&1 && [ "$(head -1 "$WORK/ev-members")" = data.mdb ] &&
	grep -qx "evidence/$pdf_hash" "$WORK/ev-members" && grep -qx "evidence/$txt_hash" "$WORK/ev-members"; then
	ok "ev: the backup is a tar archive of data.mdb and the evidence files"
else not_ok "ev: the backup is a tar archive of data.mdb and the evidence files" "$(cat "$WORK/ev-members")"; fi
run "ev: restore into a new directory" 0 --db "$WORK/ev-restored" restore "$WORK/ev.bak"
expect_no_err "ev: the restore finds every file"
run "ev: the restored evidence verifies" 0 --db "$WORK/ev-restored" evidence verify
expect_out "ev: every file is back" "evidence verify passed: 6 evidence files of 2 records"
run "ev: the restored database audits" 0 --db "$WORK/ev-restored" audit verify
if cmp -s "$WORK/ev-restored/evidence/$pdf_hash" "$WORK/ev-files/签到表.pdf" &&
	[ -z "$(find "$WORK/ev-restored/evidence" -name '.*' ! -name . | head -1)" ]; then
	ok "ev: the restored store holds the files, no temporary left"
else not_ok "ev: the restored store holds the files, no temporary left" "$(ls -a "$WORK/ev-restored/evidence")"; fi
PAGER=cat run "ev: a restored file opens" 0 --db "$WORK/ev-restored" evidence open "$ev_i" 2
expect_out "ev: its content" "第二行"
# A restore over the database itself keeps its store, and adds what the
# backup brings.
rm "$EV/evidence/$txt_hash"
run "ev: backup of a store that lost a file" 0 --db "$EV" backup "$WORK/ev-lacking.bak"
expect_err "ev: the backup says what it lacks" "warning: the backup lacks 2 evidence files the records name"
run "ev: restore the full backup over it" 0 --db "$EV" restore "$WORK/ev.bak"
run "ev: the lost file is back" 0 --db "$EV" evidence verify
run "ev: restore the lacking one into a new directory" 0 --db "$WORK/ev-lacking" restore "$WORK/ev-lacking.bak"
expect_err "ev: the restore says what the database lacks" "warning: the restored database lacks 2 evidence files"
run "ev: evidence verify names them there" 65 --db "$WORK/ev-lacking" evidence verify
expect_out "ev: ... with the record" "item $ev_i, evidence 2: 纪要.txt (sha256 $txt_hash): missing from the evidence store"
# A database without evidence still backs up as LMDB's own file.
run "ev: backup without evidence" 0 --db "$WORK/ev-lacking" backup "$WORK/ev-none.bak"
newdb "$WORK/ev-plain"
run "ev: a backup of a database without evidence" 0 --db "$WORK/ev-plain" backup "$WORK/ev-plain.bak"
if tar tf "$WORK/ev-plain.bak" >/dev/null 2>&1; then not_ok "ev: without evidence the backup is the plain copy"; else
	ok "ev: without evidence the backup is the plain copy"; fi

# The ledger lists each record's evidence in a part of its own, the last
# (after part 8, the registers).
run "ev: the ledger" 0 --db "$EV" report --year 2022 --date 2022-12-31 --format md
expect_out "ev: the ledger's evidence part" "9. Evidence (佐证材料)"
expect_out "ev: ... a meeting's file" "| meeting $ev_m | 2022-06-15 | 二季度专题会议 | 1 | 签到表.pdf | application/pdf | 19 bytes | ${pdf_hash:0:16}… |"
expect_out "ev: ... the item's file" "纪要.txt"
run "ev: a ledger without evidence has no such part" 0 --db "$WORK/ev-plain" report --format md
if grep -q "佐证材料" "$WORK/out"; then not_ok "ev: no evidence part without evidence"; else
	ok "ev: no evidence part without evidence"; fi
