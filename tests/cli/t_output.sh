# Where output goes (issue 13, items 2-4): never over the database's own
# files; links, modes, pipes and devices respected; an exit status that
# tells whether the output was written and what was changed; a terminal
# that cannot show the full-screen program refused.
OUT=$WORK/out-db
newdb "$OUT"
run "output: a database" 0 --db "$OUT" meeting add --date 2022-03-01 --type special-meeting \
	--title 研究部署党风廉政建设工作
out_id=$(cat "$WORK/out")

# out_same NAME FILE COPY: FILE still has the bytes of COPY.
out_same() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 was changed"; fi
}
# out_mode NAME FILE MODE: FILE's permissions are MODE (octal, as stat %a).
out_mode() {
	local got
	got=$(stat -c %a "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "$2 has mode $got, expected $3"; fi
}
# out_type NAME FILE TYPE: stat's word for FILE's type (without following it).
out_type() {
	local got
	got=$(stat -c %F "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "$2 is a $got, expected a $3"; fi
}

# ---- item 2: no output over the database's own files ----
cp "$OUT/data.mdb" "$WORK/out-data.copy"
cp "$OUT/lock.mdb" "$WORK/out-lock.copy"
run "output: export over data.mdb is refused" 64 --db "$OUT" export csv meetings -o "$OUT/data.mdb"
expect_err "output: export over data.mdb says why" "is a file of the database in $OUT"
out_same "output: data.mdb untouched by the refused export" "$OUT/data.mdb" "$WORK/out-data.copy"
run "output: backup over data.mdb is refused" 64 --db "$OUT" backup "$OUT/data.mdb"
expect_err "output: backup over data.mdb says why" "$OUT/data.mdb is a file of the database"
out_same "output: data.mdb untouched by the refused backup" "$OUT/data.mdb" "$WORK/out-data.copy"
run "output: report over lock.mdb is refused" 64 --db "$OUT" report -o "$OUT/lock.mdb"
run "output: ics over the lock file is refused" 64 --db "$OUT" export ics -o "$OUT/lianzheng.lock"
# Other names for the same files: a symlink, a hard link, a linked directory.
ln -s "$OUT/data.mdb" "$WORK/out-link.mdb"
run "output: report through a symlink to data.mdb is refused" 64 --db "$OUT" report -o "$WORK/out-link.mdb"
ln "$OUT/data.mdb" "$WORK/out-hard.mdb"
run "output: backup onto a hard link of data.mdb is refused" 64 --db "$OUT" backup "$WORK/out-hard.mdb"
ln -s "$OUT" "$WORK/out-dblink"
run "output: export into the database through a linked directory is refused" 64 \
	--db "$OUT" export csv items --output "$WORK/out-dblink/data.mdb"
run "output: report onto the database directory is refused" 64 --db "$OUT" report -o "$OUT"
out_same "output: data.mdb untouched after every refusal" "$OUT/data.mdb" "$WORK/out-data.copy"
run "output: the database still checks" 0 --db "$OUT" db check
run "output: the meeting is still there" 0 --db "$OUT" meeting show "$out_id"

# ---- item 3: links, modes, pipes and devices ----
out_f=$WORK/out-private.txt
echo old >"$out_f"
chmod 600 "$out_f"
run "output: report onto a 0600 file" 0 --db "$OUT" report -o "$out_f"
out_mode "output: the report keeps the file's mode 0600" "$out_f" 600
if grep -q 研究部署党风廉政建设工作 "$out_f"; then ok "output: the 0600 file holds the report"; else
	not_ok "output: the 0600 file holds the report"; fi
ln -s out-private.txt "$WORK/out-sym.txt"
run "output: export through a symlink" 0 --db "$OUT" export csv meetings -o "$WORK/out-sym.txt"
out_type "output: the symlink stays a symlink" "$WORK/out-sym.txt" "symbolic link"
if grep -q 研究部署党风廉政建设工作 "$out_f"; then ok "output: the file the link points at holds the export"; else
	not_ok "output: the file the link points at holds the export"; fi
out_mode "output: the linked file keeps its mode" "$out_f" 600
ln -s out-new.ics "$WORK/out-dangling.ics"
run "output: export through a link to a file not yet there" 0 --db "$OUT" export ics -o "$WORK/out-dangling.ics"
out_type "output: that link stays a symlink" "$WORK/out-dangling.ics" "symbolic link"
if grep -q BEGIN:VCALENDAR "$WORK/out-new.ics"; then ok "output: the file it names was created"; else
	not_ok "output: the file it names was created"; fi
mkfifo "$WORK/out-fifo"
timeout 30 cat "$WORK/out-fifo" >"$WORK/out-fifo.read" &
out_reader=$!
run "output: report into a FIFO" 0 --db "$OUT" report -o "$WORK/out-fifo"
wait "$out_reader"
out_type "output: the FIFO stays a FIFO" "$WORK/out-fifo" "fifo"
if grep -q 研究部署党风廉政建设工作 "$WORK/out-fifo.read"; then ok "output: the reader got the report"; else
	not_ok "output: the reader got the report"; fi
"$LZ" --db "$OUT" export csv meetings -o /dev/fd/1 2>"$WORK/err" | grep -c 研究部署党风廉政建设工作 >"$WORK/out"
expect_out "output: -o /dev/fd/1 into a pipe" "1"
echo 'kept line' >"$WORK/out-append.txt"
"$LZ" --db "$OUT" export csv meetings -o /dev/fd/1 >>"$WORK/out-append.txt" 2>"$WORK/err"
if head -1 "$WORK/out-append.txt" | grep -q 'kept line' && grep -q 研究部署党风廉政建设工作 "$WORK/out-append.txt"; then
	ok "output: -o /dev/fd/1 appends where the shell's >> says"; else
	not_ok "output: -o /dev/fd/1 appends where the shell's >> says"; fi
run "output: a directory is refused" 64 --db "$OUT" report -o "$WORK"
expect_err "output: the directory refusal says so" "is a directory"

run "output: a new backup" 0 --db "$OUT" backup "$WORK/out-new.mdb"
out_mode "output: a new backup is private (0600)" "$WORK/out-new.mdb" 600
chmod 640 "$WORK/out-new.mdb"
run "output: a backup over an existing one" 0 --db "$OUT" backup "$WORK/out-new.mdb"
out_mode "output: the replaced backup keeps its mode" "$WORK/out-new.mdb" 640
ln -s out-new.mdb "$WORK/out-backup-link.mdb"
run "output: a backup through a symlink" 0 --db "$OUT" backup "$WORK/out-backup-link.mdb"
out_type "output: the backup's symlink stays a symlink" "$WORK/out-backup-link.mdb" "symbolic link"
run "output: a backup into a FIFO is refused" 64 --db "$OUT" backup "$WORK/out-fifo"
expect_err "output: the FIFO refusal says so" "is not a regular file"
out_type "output: the refused FIFO stays a FIFO" "$WORK/out-fifo" "fifo"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$WORK/out-new.mdb"
	run "output: root backs up over another user's file" 0 --db "$OUT" backup "$WORK/out-new.mdb"
	if [ "$(stat -c %u:%g "$WORK/out-new.mdb")" = 65534:65534 ]; then
		ok "output: the file keeps its owner"; else not_ok "output: the file keeps its owner"; fi
fi

# A file that cannot grow: the message names the file and the reason
# (a file size limit fails the write as a full disk does).
(
	trap '' XFSZ
	ulimit -f 16
	exec "$LZ" --db "$OUT" report --format html -o "$WORK/out-big.html"
) >"$WORK/out" 2>"$WORK/err"
out_rc=$?
if [ "$out_rc" -eq 74 ]; then ok "output: report over the size limit fails (exit 74)"; else
	not_ok "output: report over the size limit fails (exit 74)" "exit $out_rc"; fi
expect_err "output: the message names the path and the reason" "cannot write $WORK/out-big.html: File too large"
if ls "$WORK"/out-big.html* >/dev/null 2>&1; then not_ok "output: no partial report is left"; else
	ok "output: no partial report is left"; fi

# ---- item 4: standard output that cannot be written ----
if [ -w /dev/full ]; then
	# out_full NAME WANT ARGS...: lianzheng with standard output on a full device.
	out_full() {
		local name=$1 want=$2 got
		shift 2
		"$LZ" "$@" >/dev/full 2>"$WORK/err"
		got=$?
		: >"$WORK/out"
		if [ "$got" -eq "$want" ]; then ok "$name (exit $want)"; else
			not_ok "$name" "expected exit $want, got $got: lianzheng $*"; fi
	}
	# A read command: exit 74, and it says so.
	out_read() {
		out_full "output: $1 >/dev/full" 74 "${@:2}"
		expect_err "output: $1 >/dev/full says why" "cannot write to standard output: No space left on device"
	}
	out_read "--help" --help
	out_read "person --help" person --help
	out_read "--version" --version
	out_read "plan show" plan show
	out_read "plan show --tsv" plan show --tsv
	out_read "plan check" plan check "$SRC/config/plan-2022.yaml"
	out_read "status" --db "$OUT" status --date 2022-06-01
	out_read "status --tsv" --db "$OUT" status --date 2022-06-01 --tsv
	out_read "remind" --db "$OUT" remind --date 2022-12-20 --days 30
	out_read "search" --db "$OUT" search 研究
	out_read "db check" --db "$OUT" db check
	out_read "schedule --dry-run" --db "$OUT" schedule --date 2022-01-05 --dry-run
	out_read "meeting list" --db "$OUT" meeting list
	out_read "meeting show" --db "$OUT" meeting show "$out_id"
	out_read "item matrix" --db "$OUT" item matrix
	out_read "history" --db "$OUT" history "$out_id"
	out_read "log" --db "$OUT" log
	out_read "audit verify" --db "$OUT" audit verify
	out_read "report" --db "$OUT" report
	out_read "export csv" --db "$OUT" export csv meetings
	out_read "export ics" --db "$OUT" export ics
	out_read "export csv -o -" --db "$OUT" export csv meetings -o -

	# A write command: the change is made and kept; the failure says which.
	out_full "output: meeting add >/dev/full" 74 --db "$OUT" meeting add --date 2022-03-02 \
		--type special-meeting --title 'added with no output'
	expect_err "output: meeting add says what was added" "was added, but standard output could not be written: No space left on device"
	out_new=$(sed -n 's/.*meeting \([0-9]*\) was added.*/\1/p' "$WORK/err")
	run "output: the meeting it names is there" 0 --db "$OUT" meeting show "${out_new:-0}"
	expect_out "output: ... with its title" "added with no output"
	out_full "output: person add >/dev/full" 74 --db "$OUT" person add --name 张三
	expect_err "output: person add says what was added" "was added, but standard output"
	out_read "person list" --db "$OUT" person list
	out_full "output: item add >/dev/full" 74 --db "$OUT" item add --task 1 --title 整改
	expect_err "output: item add says what was added" "was added, but standard output"
	out_item=$(sed -n 's/.* \([0-9]*\) was added.*/\1/p' "$WORK/err")
	out_full "output: risk add >/dev/full" 74 --db "$OUT" risk add --post 财务岗 --link 报销 \
		--desc 审核不严 --level 高
	expect_err "output: risk add says what was added" "was added, but standard output"
	out_risk=$(sed -n 's/.* \([0-9]*\) was added.*/\1/p' "$WORK/err")
	# Commands that print nothing succeed whatever standard output is.
	out_full "output: item edit prints nothing, exit 0" 0 --db "$OUT" item edit "${out_item:-0}" --owner 张三
	out_full "output: item note prints nothing, exit 0" 0 --db "$OUT" item note "${out_item:-0}" --text 已整改 --date 2022-03-05
	out_full "output: risk review prints nothing, exit 0" 0 --db "$OUT" risk review "${out_risk:-0}" --date 2022-03-05 --result 正常
	out_full "output: meeting rm prints nothing, exit 0" 0 --db "$OUT" meeting rm "${out_new:-0}"
	out_full "output: undo >/dev/full" 74 --db "$OUT" undo
	expect_err "output: undo says what was undone" "was undone, but standard output"
	run "output: the undone removal is back" 0 --db "$OUT" meeting show "${out_new:-0}"
	out_full "output: schedule >/dev/full" 74 --db "$OUT" schedule --date 2022-01-05
	expect_err "output: schedule says what it added" "planned meetings were added (#"
	run "output: schedule run again adds nothing" 0 --db "$OUT" schedule --date 2022-01-05
	expect_out "output: ... since the first run's meetings are there" "nothing to add"
	out_full "output: backup >/dev/full" 74 --db "$OUT" backup "$WORK/out-full.mdb"
	expect_err "output: backup says the file was written" "the backup was written to $WORK/out-full.mdb, but"
	if [ -s "$WORK/out-full.mdb" ]; then ok "output: ... and it was"; else not_ok "output: ... and it was"; fi
	out_full "output: init >/dev/full" 74 --db "$WORK/out-init" init
	expect_err "output: init says the plan was stored" "the plan for 2022 was stored in $WORK/out-init, but"
	run "output: meetings for an import" 0 --db "$OUT" export csv meetings -o "$WORK/out-import.csv"
	out_full "output: import >/dev/full" 74 --db "$WORK/out-init" import csv meetings "$WORK/out-import.csv"
	expect_err "output: import says what was imported" "rows were imported from $WORK/out-import.csv, but"
	out_full "output: restore >/dev/full" 74 --db "$WORK/out-restored" restore "$WORK/out-full.mdb"
	expect_err "output: restore says what was restored" "was restored from $WORK/out-full.mdb"
	run "output: the restored database checks" 0 --db "$WORK/out-restored" db check
else
	echo "# no writable /dev/full: the standard output checks are skipped"
fi

# A reader gone before the id is printed (a closed pipe): the add is not
# killed silently by SIGPIPE; it succeeds, or fails saying what it added.
run "output: meetings before the pipe" 0 --db "$OUT" meeting list --tsv
out_before=$(wc -l <"$WORK/out")
"$LZ" --db "$OUT" meeting add --date 2022-03-03 --type special-meeting --title 'into a closed pipe' \
	2>"$WORK/err" | :
out_rc=${PIPESTATUS[0]}
: >"$WORK/out"
case $out_rc in
0) ok "output: meeting add into a closed pipe (the id got through)" ;;
74) ok "output: meeting add into a closed pipe (exit 74)"
	expect_err "output: ... saying what was added" "was added, but standard output could not be written: Broken pipe" ;;
*) not_ok "output: meeting add into a closed pipe" "exit $out_rc" ;;
esac
run "output: meetings after the pipe" 0 --db "$OUT" meeting list --tsv
if [ "$(wc -l <"$WORK/out")" -eq $((out_before + 1)) ]; then ok "output: exactly one meeting was added"; else
	not_ok "output: exactly one meeting was added"; fi

# ---- the full-screen program on a terminal that cannot show it ----
if command -v script >/dev/null; then
	# out_term NAME TERM: the full-screen program on a pseudo-terminal.
	out_term() {
		local got
		TERM=$2 timeout -k 5 20 script -qec "'$LZ' --db '$WORK/out-term'" /dev/null \
			</dev/null >"$WORK/err" 2>&1
		got=$?
		: >"$WORK/out"
		if [ "$got" -eq 64 ]; then ok "$1 (exit 64)"; else not_ok "$1" "expected exit 64, got $got"; fi
	}
	out_term "output: TERM=dumb is refused" dumb
	expect_err "output: TERM=dumb says why" "'dumb' cannot move the cursor"
	out_term "output: an unknown TERM is refused" no-such-terminal-xyz
	expect_err "output: an unknown TERM says why" "'no-such-terminal-xyz' is not known here"
	if [ -e "$WORK/out-term" ]; then not_ok "output: no database was created for a refused terminal"; else
		ok "output: no database was created for a refused terminal"; fi
fi
