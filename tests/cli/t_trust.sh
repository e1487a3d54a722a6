# Trust holes of issue 13: a database made only on purpose, undo of a
# whole transaction, the operator's name in the log, and messages that
# name the real cause.

# ------------------------------------------ item 7: no database by accident
TR=$WORK/trust
mkdir -p "$TR"
run "trust: --db '' is a usage error" 64 --db '' status
expect_err "trust: --db '' says the name is empty" "not an empty name"
run "trust: --db= is a usage error too" 64 --db= meeting list
for cmd in "meeting list" "status" "search x" "item list" "risk list" "person list" "log" \
	"audit verify" "db check" "history 1" "remind" "report --format txt" "export csv meetings" \
	"meeting add --date 2022-03-01 --type theme-day --title x" "undo"; do
	# shellcheck disable=SC2086
	run "trust: $cmd on a mistyped --db exits 66" 66 --db "$TR/typo" $cmd
	expect_err "trust: $cmd names the missing database" "$TR/typo"
done
if [ -e "$TR/typo" ]; then not_ok "trust: nothing was created at the mistyped path"
else ok "trust: nothing was created at the mistyped path"; fi
mkdir -p "$TR/empty-dir"
run "trust: an empty directory is no database" 66 --db "$TR/empty-dir" meeting list
expect_err "trust: the empty directory is named" "there is no database in $TR/empty-dir"
if [ -e "$TR/empty-dir/data.mdb" ]; then not_ok "trust: nothing written into the empty directory"
else ok "trust: nothing written into the empty directory"; fi
(unset LIANZHENG_DB; XDG_DATA_HOME=$TR/xdg "$LZ" status >"$WORK/out" 2>"$WORK/err"; echo $? >"$WORK/rc")
if [ "$(cat "$WORK/rc")" = 66 ] && [ ! -e "$TR/xdg/lianzheng" ]; then
	ok "trust: the default database is not created by a command either"
else not_ok "trust: the default database is not created by a command either"; fi
run "trust: init creates it" 0 --db "$TR/typo" init
run "trust: then commands work" 0 --db "$TR/typo" meeting list

# ------------------------------------------------- messages naming causes
printf 'x\n' >"$TR/a-file"
run "trust: --db FILE" 74 --db "$TR/a-file" meeting list
expect_err "trust: --db FILE says it is a file" "is a file, not a database directory"
DBL=$TR/lockdir
newdb "$DBL"
rm -f "$DBL/lianzheng.lock"
mkdir "$DBL/lianzheng.lock"
run "trust: a directory named lianzheng.lock" 74 --db "$DBL" meeting list
expect_err "trust: the lock file is named, not a restore" "cannot use the lock file $DBL/lianzheng.lock"
rmdir "$DBL/lianzheng.lock"
run "trust: with the lock file back it works" 0 --db "$DBL" meeting list
if [ "$(id -u)" != 0 ]; then
	DRO=$TR/ro-file
	newdb "$DRO"
	chmod 0400 "$DRO/data.mdb"
	run "trust: a read-only data.mdb refuses writes" 74 --db "$DRO" meeting add --date 2022-03-01 --type theme-day --title x
	expect_err "trust: the file is blamed, not the directory" "database file $DRO/data.mdb cannot be written"
	chmod 0600 "$DRO/data.mdb"
else
	# root may write any file; the same check as another user, who must
	# be able to reach the directory.
	chmod 0755 "$WORK" "$TR"
	DRO=$TR/ro-file
	newdb "$DRO"
	chown -R 4242:4242 "$DRO"
	chmod 0400 "$DRO/data.mdb"
	setpriv --reuid 4242 --regid 4242 --clear-groups "$LZ" --db "$DRO" meeting add \
		--date 2022-03-01 --type theme-day --title x >"$WORK/out" 2>"$WORK/err"
	if [ $? -eq 74 ]; then ok "trust: a read-only data.mdb refuses writes"
	else not_ok "trust: a read-only data.mdb refuses writes"; fi
	expect_err "trust: the file is blamed, not the directory" "database file $DRO/data.mdb cannot be written"
fi

# ------------------------------------ item 6: one transaction, one undo
DBU=$TR/undo
newdb "$DBU"
run "trust: a meeting before the import" 0 --db "$DBU" meeting add --date 2022-02-01 --type theme-day --title 导入之前
SRCDB=$TR/undo-src
newdb "$SRCDB"
for d in 2022-03-01 2022-03-02 2022-03-03; do
	run "trust: source meeting $d" 0 --db "$SRCDB" meeting add --date "$d" --type theme-day --title "导入 $d"
done
run "trust: export the three" 0 --db "$SRCDB" export csv meetings -o "$TR/three.csv"
run "trust: import the three" 0 --db "$DBU" import csv meetings "$TR/three.csv"
run "trust: undo the import" 0 --db "$DBU" undo
expect_out "trust: undo names the three changes" "3 changes made together"
run "trust: after the undo" 0 --db "$DBU" meeting list --tsv
expect_lines "trust: no imported meeting is left" 0 "导入 2022"
expect_lines "trust: the earlier meeting stays" 1 "导入之前"
run "trust: audit after undoing the import" 0 --db "$DBU" audit verify
run "trust: db check after undoing the import" 0 --db "$DBU" db check
run "trust: schedule" 0 --db "$DBU" schedule --year 2022 --date 2022-01-05
run "trust: meetings after schedule" 0 --db "$DBU" meeting list --tsv
scheduled=$(grep -c "	planned	" "$WORK/out")
if [ "$scheduled" -gt 1 ]; then ok "trust: schedule drafted $scheduled meetings"
else not_ok "trust: schedule drafted $scheduled meetings"; fi
run "trust: undo the schedule" 0 --db "$DBU" undo
expect_out "trust: undo names all of them" "$scheduled changes made together"
run "trust: after undoing the schedule" 0 --db "$DBU" meeting list --tsv
expect_lines "trust: no planned meeting is left" 0 "	planned	"
expect_lines "trust: the earlier meeting still stays" 1 "导入之前"
run "trust: the next undo takes back the earlier add" 0 --db "$DBU" undo
expect_out "trust: one add" "undid #"
run "trust: audit after the undos" 0 --db "$DBU" audit verify

# --------------------------------- item 13: the operator's name in the log
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 0755 "$WORK" "$TR"
	DBN=$TR/names
	newdb "$DBN"
	chown -R 54321:54321 "$DBN"
	asuser() { setpriv --reuid 54321 --regid 54321 --clear-groups env "$@"; }
	asuser USER=$'evil\e[31m\a' "$LZ" --db "$DBN" meeting add --date 2022-03-01 --type theme-day \
		--title 无名 >"$WORK/out" 2>"$WORK/err"
	asuser USER=mallory "$LZ" --db "$DBN" meeting add --date 2022-03-02 --type theme-day \
		--title 自称 >>"$WORK/out" 2>>"$WORK/err"
	"$LZ" --db "$DBN" log --tsv >"$WORK/out" 2>"$WORK/err"
	if grep -q $'\e\|\a' "$WORK/out"; then not_ok "trust: no control character from \$USER in the log"
	else ok "trust: no control character from \$USER in the log"; fi
	expect_out "trust: an invalid \$USER is recorded as the uid" "	uid 54321	add	meeting"
	expect_out "trust: a \$USER name comes with the uid" "	mallory (uid 54321)	add	meeting"
	run "trust: audit with those names" 0 --db "$DBN" audit verify
else
	ok "trust: operator names # SKIP needs root and setpriv"
fi
