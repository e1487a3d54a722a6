# The change log through the real binary: history, log, audit verify,
# undo, backup and restore, and their exit codes.  The clock is pinned so
# times in the log are known.
_aud_now_set=${LIANZHENG_NOW+1} _aud_now_old=${LIANZHENG_NOW-}
_aud_tz_set=${TZ+1} _aud_tz_old=${TZ-}
export LIANZHENG_NOW=1668000000 TZ=UTC

AUD=$WORK/audit-db
newdb "$AUD"
run "audit: add a meeting" 0 --db "$AUD" meeting add --date 2022-03-01 --type special-meeting \
	--title 研究部署党风廉政建设工作 --status planned
aud_id=$(cat "$WORK/out")
run "audit: mark it held" 0 --db "$AUD" meeting edit "$aud_id" --status held --host 王五 \
	--expected 9 --present 8
run "history of the meeting" 0 --db "$AUD" history "$aud_id"
expect_out "history shows the add" "#2  2022-11-09 13:20:00"
expect_out "history names the change" "changed meeting $aud_id"
expect_out "history shows the new host" "王五"
expect_out "history shows the status after the change" "→         held"
run "history --tsv" 0 --db "$AUD" history "$aud_id" --tsv
expect_lines "history --tsv: one line per change" 2 "	meeting	$aud_id	0	"
expect_out "history --tsv: operation, kind, id" "	update	meeting	$aud_id	0	"
run "history of an unknown id" 65 --db "$AUD" history 999
expect_err "history of an unknown id says so" "no record with id 999"
run "history without an id" 64 --db "$AUD" history
run "history with a bad id" 65 --db "$AUD" history abc

run "log" 0 --db "$AUD" log
expect_out "log starts with the plan import" "#1  2022-11-09 13:20:00"
expect_lines "log: one line per entry" 3 "^#"
run "log --tsv" 0 --db "$AUD" log --tsv
expect_out "log --tsv: the plan entry" "	plan	plan	0	0	"
run "log --from after the entries" 0 --db "$AUD" log --from 2022-11-10
expect_no_out "log --from after the entries lists nothing"
run "log with a bad date" 65 --db "$AUD" log --from 2022-02-30
run "log with an operand" 64 --db "$AUD" log extra

run "audit verify on an intact database" 0 --db "$AUD" audit verify
# One record, in the singular (issue 16, bug 15).
expect_out "audit verify passes" "audit passed: 3 log entries, 1 record matches its history"
expect_out "audit verify prints the chain head" "chain head: #3 "
run "audit without subcommand" 64 --db "$AUD" audit
run "audit with an unknown subcommand" 64 --db "$AUD" audit check

run "undo the status change" 0 --db "$AUD" undo
expect_out "undo says what it took back" "undid #3: changed meeting $aud_id"
run "the meeting is planned again" 0 --db "$AUD" meeting list --tsv
expect_out "status restored by undo" "	planned	研究部署党风廉政建设工作"
run "undo the add" 0 --db "$AUD" undo
run "the meeting is gone" 0 --db "$AUD" meeting list --tsv
expect_no_out "undo of an add removes the record"
run "nothing left to undo" 65 --db "$AUD" undo
expect_err "nothing to undo says so" "no change to undo"
run "undo is logged and audit still passes" 0 --db "$AUD" audit verify
expect_out "audit counts the undos" "audit passed: 5 log entries"

run "audit: add again" 0 --db "$AUD" meeting add --date 2022-04-01 --type special-meeting --title 二季度专题会议
aud_id2=$(cat "$WORK/out")
run "backup" 0 --db "$AUD" backup "$WORK/audit.bak"
expect_out "backup names the file and the chain head" "backup written to $WORK/audit.bak (chain head at the time: #6 "
run "change after the backup" 0 --db "$AUD" meeting edit "$aud_id2" --title 备份之后改的标题
run "restore the backup" 0 --db "$AUD" restore "$WORK/audit.bak"
expect_out "restore says where the old database went" "the database it replaced is kept as $AUD/data.mdb."
run "the restored title" 0 --db "$AUD" meeting list --tsv
expect_out "restore brought the backup's content back" "二季度专题会议"
run "audit after restore" 0 --db "$AUD" audit verify
run "db check after restore" 0 --db "$AUD" db check
run "restore a missing file" 66 --db "$AUD" restore "$WORK/no-such.bak"
printf 'not a database' >"$WORK/junk.bak"
run "restore a file that is no database" 65 --db "$AUD" restore "$WORK/junk.bak"
expect_err "restore refuses a bad copy" "not a usable backup"
run "the database is untouched by the refused restore" 0 --db "$AUD" meeting list --tsv
expect_out "content survives a refused restore" "二季度专题会议"
run "restore without a file" 64 --db "$AUD" restore
run "backup without a file" 64 --db "$AUD" backup
run "backup into a missing directory" 74 --db "$AUD" backup "$WORK/no/such/dir/x.bak"
expect_err "backup failure is explained" "cannot write $WORK/no/such/dir/x.bak"

if [ -n "$_aud_now_set" ]; then export LIANZHENG_NOW=$_aud_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_aud_tz_set" ]; then export TZ=$_aud_tz_old; else unset TZ; fi
