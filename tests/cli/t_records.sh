# Record commands through the real binary: meeting, person, item, risk,
# search, init with a revised plan, db check, exit codes, and that a failed
# command writes nothing.
#
# The clock is pinned (2022-11-09 13:20 UTC) so "today", default statuses,
# default review dates and entry times never depend on the real date.
_rec_now_set=${LIANZHENG_NOW+1} _rec_now_old=${LIANZHENG_NOW-}
_rec_tz_set=${TZ+1} _rec_tz_old=${TZ-}
_rec_cols_set=${COLUMNS+1} _rec_cols_old=${COLUMNS-}
export LIANZHENG_NOW=1668000000 TZ=UTC
unset COLUMNS  # tables uncut: whole values into the pipe

# rec_line NAME LINE: stdout holds LINE as a whole line.
rec_line() {
	if grep -qxF -- "$2" "$WORK/out"; then ok "$1"; else not_ok "$1" "stdout lacks the line: $2"; fi
}
# rec_no_line NAME LINE: stdout does not hold LINE as a whole line.
rec_no_line() {
	if grep -qxF -- "$2" "$WORK/out"; then not_ok "$1" "stdout has the line: $2"; else ok "$1"; fi
}
# rec_show NAME LABEL VALUE: a "show" field line, label padded to 12 columns.
rec_show() {
	rec_line "$1" "$(printf '%-12s  %s' "$2" "$3")"
}
# rec_cont NAME VALUE: a continuation line of a "show" field.
rec_cont() {
	rec_line "$1" "$(printf '%14s%s' '' "$2")"
}
rec_no_out_text() {
	if grep -qF -- "$2" "$WORK/out"; then not_ok "$1" "stdout should not contain: $2"; else ok "$1"; fi
}
# rec_id NAME: stdout is one record id alone; it is left in REC_ID.
rec_id() {
	REC_ID=$(cat "$WORK/out")
	if [[ $REC_ID =~ ^[1-9][0-9]*$ ]]; then ok "$1"; else
		not_ok "$1" "stdout is not a record id alone"; REC_ID=0; fi
}
# rec_order NAME "ID ID ...": the first column of stdout's lines, in order.
rec_order() {
	local got
	got=$(cut -f1 "$WORK/out" | tr '\n' ' ')
	got=${got% }
	if [ "$got" = "$2" ]; then ok "$1"; else not_ok "$1" "expected ids '$2', got '$got'"; fi
}
# rec_nf NAME N: every line of stdout has N tab-separated fields.
rec_nf() {
	if [ -s "$WORK/out" ] && awk -F'\t' -v n="$2" 'NF != n {bad = 1} END {exit bad}' "$WORK/out"; then
		ok "$1"; else not_ok "$1" "expected $2 fields on every line"; fi
}
# rec_state: everything the lists show of the database $DB (stdout and
# exit status; messages on stderr may vary from run to run).
rec_state() {
	local what
	for what in meeting item risk person; do
		echo "== $what"
		"$LZ" --db "$DB" "$what" list --tsv 2>/dev/null
		echo "-> $?"
	done
}
rec_snap() { rec_state >"$WORK/rec_snap"; }
# rec_unchanged NAME: the lists are as at the last rec_snap and db check is clean.
rec_unchanged() {
	rec_state >"$WORK/rec_now"
	if ! cmp -s "$WORK/rec_snap" "$WORK/rec_now"; then
		not_ok "$1" "the database changed:" "$(diff "$WORK/rec_snap" "$WORK/rec_now" | head -10)"
	elif ! "$LZ" --db "$DB" db check >/dev/null 2>&1; then
		not_ok "$1" "db check fails afterwards"
	else
		ok "$1"
	fi
}
rec_long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }

# ---------------------------------------------------------------- meetings
DB="$WORK/rec-meeting"
newdb "$DB"
run "rec meeting add with every field" 0 --db "$DB" meeting add --date 2022-03-10 \
	--type 支部党员大会 --title 第一季度党员大会 --time 09:00 --end 11:30 \
	--location 三楼会议室 --host 张三 --recorder 李四 --expected 10 --present 8 \
	--attendees 张三、李四 --absent 赵六:出差 --absent 钱七：病假 --nonvoting 王五 \
	--topic 议题一 --topic 议题二 --decision 决定一 --summary $'第一行\n第二行' \
	--task 1 --task 3
rec_id "rec meeting add prints the new id alone"
# Written up in November for March: a 补记, and stderr says how to give the
# reason (issue 16, the hour of use); nothing else is said.
expect_err "rec meeting add: a late entry says how to give its reason" \
	"note: meeting $REC_ID is recorded as a late entry (补记); say why with 'lianzheng meeting edit $REC_ID --late-reason TEXT'"
if [ "$(wc -l <"$WORK/err")" -eq 1 ]; then ok "rec meeting add: that note alone on stderr"
else not_ok "rec meeting add: that note alone on stderr" "$(cat "$WORK/err")"; fi
run "rec meeting add late with its reason" 0 --db "$DB" meeting add --date 2022-03-11 \
	--type 支部党员大会 --title 补记有因 --first-topic 学习 --late-reason 记录人外出
expect_no_err "rec meeting add late with its reason: nothing to say"
run "rec meeting rm the one with its reason" 0 --db "$DB" meeting rm "$(cat "$WORK/out")"
M1=$REC_ID

run "rec meeting show full record" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting show: Chinese title" Title 第一季度党员大会
rec_show "rec meeting show: type by its name" Type 支部党员大会
# Each field on its own line, by the field table's labels.
rec_show "rec meeting show: date" Date 2022-03-10
rec_show "rec meeting show: start" Start 09:00
rec_show "rec meeting show: end" End 11:30
rec_show "rec meeting show: past date defaults to held" Status held
rec_show "rec meeting show: location" Location 三楼会议室
rec_show "rec meeting show: host" Host 张三
rec_show "rec meeting show: recorder" Recorder 李四
rec_show "rec meeting show: expected" Expected 10
rec_show "rec meeting show: present" Present 8
rec_show "rec meeting show: attendees" Attendees 张三、李四
rec_show "rec meeting show: first absentee" Absent 赵六（出差）
rec_cont "rec meeting show: absentee with a full-width colon" 钱七（病假）
rec_show "rec meeting show: non-voting" Non-voting 王五
rec_show "rec meeting show: first topic in list" Topics 议题一
rec_cont "rec meeting show: second topic" 议题二
rec_show "rec meeting show: decision" Decisions 决定一
rec_show "rec meeting show: multi-line summary first line" Summary 第一行
rec_cont "rec meeting show: multi-line summary second line" 第二行
rec_show "rec meeting show: linked tasks by number and title" Tasks "1 巩固拓展党史学习教育成果"
rec_cont "rec meeting show: the second linked task" "3 严肃党内政治生活"
rec_show "rec meeting show: id, version 1 and entry time" Record \
	"$M1, version 1, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
rec_no_out_text "rec meeting show: 8/10 is not below quorum" "below quorum"

run "rec meeting add leading-group by id with first topic" 0 --db "$DB" meeting add \
	--date 2022-02-15 --type leading-group --title 党组会议（二月） --first-topic 学习二十大精神
rec_id "rec meeting add leading-group id printed"
M2=$REC_ID
run "rec meeting add 党组会议 by name with first topic" 0 --db "$DB" meeting add \
	--date 2022-04-20 --type 党组会议 --title 党组会议（四月） --first-topic 学习党章
M3=$(cat "$WORK/out")
run "rec meeting show leading-group" 0 --db "$DB" meeting show "$M2"
rec_show "rec meeting show: first topic" "First topic" 学习二十大精神
rec_show "rec meeting show: a date without a time has no trailing blank" Date 2022-02-15

run "rec meeting add planned leading-group without first topic" 0 --db "$DB" meeting add \
	--date 2022-12-20 --type leading-group --title 年终党组会
M4=$(cat "$WORK/out")
run "rec meeting add branch-assembly 5 of 10" 0 --db "$DB" meeting add --date 2022-06-30 \
	--type branch-assembly --title 第二季度党员大会 --expected 10 --present 5
M5=$(cat "$WORK/out")
run "rec meeting add 民主生活会 6 of 9" 0 --db "$DB" meeting add --date 2022-10-28 \
	--type 民主生活会 --title 年度民主生活会 --expected 9 --present 6
M6=$(cat "$WORK/out")
run "rec meeting add dated today" 0 --db "$DB" meeting add --date 2022-11-09 \
	--type theme-day --title 十一月主题党日
M7=$(cat "$WORK/out")
run "rec meeting add dated yesterday" 0 --db "$DB" meeting add --date 2022-11-08 \
	--type theme-day --title 补记主题党日
M8=$(cat "$WORK/out")
run "rec meeting add cancelled" 0 --db "$DB" meeting add --date 2022-01-05 \
	--type party-group --title 取消的党小组会 --status cancelled
M9=$(cat "$WORK/out")

run "rec meeting list tsv" 0 --db "$DB" meeting list --tsv
rec_nf "rec meeting list tsv: 6 fields per line" 6
rec_line "rec meeting list tsv: exact columns" \
	"$M1	2022-03-10	09:00	branch-assembly	held	第一季度党员大会"
rec_line "rec meeting list tsv: 党组会议 stored as leading-group" \
	"$M3	2022-04-20		leading-group	held	党组会议（四月）"
rec_line "rec meeting list tsv: future meeting planned" \
	"$M4	2022-12-20		leading-group	planned	年终党组会"
rec_line "rec meeting list tsv: today is planned by default" \
	"$M7	2022-11-09		theme-day	planned	十一月主题党日"
rec_line "rec meeting list tsv: yesterday is held by default" \
	"$M8	2022-11-08		theme-day	held	补记主题党日"
rec_line "rec meeting list tsv: explicit cancelled" \
	"$M9	2022-01-05		party-group	cancelled	取消的党小组会"
rec_order "rec meeting list tsv: by date" "$M9 $M2 $M1 $M3 $M5 $M6 $M8 $M7 $M4"

run "rec meeting list table" 0 --db "$DB" meeting list
expect_lines "rec meeting list: one meeting below quorum" 1 "below quorum"
if grep -F "第二季度党员大会" "$WORK/out" | grep -qF "below quorum 5/10"; then
	ok "rec meeting list: 支部党员大会 5/10 flagged below quorum 5/10"
else not_ok "rec meeting list: 支部党员大会 5/10 flagged below quorum 5/10"; fi
if grep -F "年度民主生活会" "$WORK/out" | grep -qF "below quorum"; then
	not_ok "rec meeting list: 民主生活会 6/9 is exactly 2/3, not flagged"
else ok "rec meeting list: 民主生活会 6/9 is exactly 2/3, not flagged"; fi
expect_out "rec meeting list: types by Chinese name" "民主生活会"
run "rec meeting show below quorum" 0 --db "$DB" meeting show "$M5"
rec_show "rec meeting show: quorum warning (recorded months later, so also a late entry)" Warning "late entry (补记), below quorum 5/10"
# The reason for a late entry (补记原因) is a field like any other (issue 16):
# an option, a line of show beside the warning, history, CSV, search.
run "rec meeting late reason" 0 --db "$DB" meeting edit "$M5" --late-reason 记录人外出学习，返回后补记
run "rec meeting show with the late reason" 0 --db "$DB" meeting show "$M5"
rec_line "rec meeting show: the reason" "$(printf '%-21s  %s' 'Reason for late entry' 记录人外出学习，返回后补记)"
if grep -A1 -F 'Reason for late entry' "$WORK/out" | tail -1 | grep -qF 'late entry (补记)'; then
	ok "rec meeting show: the warning follows the reason"
else not_ok "rec meeting show: the warning follows the reason"; fi
run "rec meeting history names the reason" 0 --db "$DB" history "$M5"
expect_out "rec meeting history: the reason" "记录人外出学习"
run "rec meeting csv has the reason last" 0 --db "$DB" export csv meetings
expect_out "rec meeting csv: header ends with the new column" "Summary,Tasks,Reason for late entry"
expect_out "rec meeting csv: the reason in its row" ",记录人外出学习，返回后补记"
run "rec search finds the reason" 0 --db "$DB" search 外出学习 --tsv
rec_order "rec search: the meeting with that reason" "meeting"
run "rec meeting late reason of two lines" 0 --db "$DB" meeting edit "$M5" --late-reason $'记录人外出\n返回后补记'
run "rec meeting late reason over the limit" 65 --db "$DB" meeting edit "$M5" \
	--late-reason "$(head -c 20001 /dev/zero | tr '\0' x)"
expect_err "rec meeting late reason: the field named" "reason for the late entry"

run "rec meeting list range inclusive" 0 --db "$DB" meeting list --from 2022-03-10 --to 2022-06-30 --tsv
rec_order "rec meeting list --from/--to include both ends" "$M1 $M3 $M5"
run "rec meeting list --from only" 0 --db "$DB" meeting list --from 2022-11-08 --tsv
rec_order "rec meeting list --from alone" "$M8 $M7 $M4"
run "rec meeting list --to only" 0 --db "$DB" meeting list --to 2022-02-15 --tsv
rec_order "rec meeting list --to alone" "$M9 $M2"
run "rec meeting list one day" 0 --db "$DB" meeting list --from 2022-11-09 --to 2022-11-09 --tsv
rec_order "rec meeting list a single day" "$M7"
run "rec meeting list --type by id" 0 --db "$DB" meeting list --type leading-group --tsv
cp "$WORK/out" "$WORK/rec-by-id"
rec_order "rec meeting list --type leading-group" "$M2 $M3 $M4"
run "rec meeting list --type by name" 0 --db "$DB" meeting list --type 党组会议 --tsv
if cmp -s "$WORK/out" "$WORK/rec-by-id"; then ok "rec meeting list --type: name and id list the same"
else not_ok "rec meeting list --type: name and id list the same"; fi
run "rec meeting list --status planned" 0 --db "$DB" meeting list --status planned --tsv
rec_order "rec meeting list --status planned" "$M7 $M4"
run "rec meeting list --status cancelled" 0 --db "$DB" meeting list --status cancelled --tsv
rec_order "rec meeting list --status cancelled" "$M9"
run "rec meeting list --status and --type" 0 --db "$DB" meeting list --status held --type leading-group --tsv
rec_order "rec meeting list held leading-group" "$M2 $M3"
run "rec meeting list empty range" 0 --db "$DB" meeting list --from 2023-01-01 --tsv
expect_no_out "rec meeting list: nothing in an empty range"

# Every refused add leaves the database as it was.
rec_snap
run "rec meeting add 2022-02-30" 65 --db "$DB" meeting add --date 2022-02-30 --type theme-day --title x
expect_err "rec meeting add 2022-02-30 message" "--date: 2022-02-30: February has no 30th"
run "rec meeting add unknown type" 65 --db "$DB" meeting add --date 2022-03-01 --type 座谈会 --title x
expect_err "rec meeting add unknown type message" "unknown meeting type '座谈会'"
run "rec meeting add empty title" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title ''
run "rec meeting add title with a tab" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title $'a\tb'
expect_err "rec meeting add tab refused as control character" "control character U+0009"
run "rec meeting add title with a newline" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title $'a\nb'
run "rec meeting add 1001-byte title" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title "$(rec_long 1001)"
expect_err "rec meeting add 1001-byte title message" "1001 bytes, at most 1000"
run "rec meeting add 20001-byte summary" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --summary "$(rec_long 20001)"
run "rec meeting add present > expected" 65 --db "$DB" meeting add --date 2022-03-01 --type branch-committee --title x --expected 5 --present 6
run "rec meeting add held 党组会议 without first topic" 65 --db "$DB" meeting add --date 2022-03-01 --type 党组会议 --title 缺第一议题
expect_err "rec meeting add first topic message" "第一议题"
run "rec meeting add task not in plan" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --task 14
run "rec meeting add bad time" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --time 24:00
run "rec meeting add end before start" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --time 10:00 --end 09:00
run "rec meeting add absence without reason" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --absent 赵六
run "rec meeting add bad status" 65 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --status done
run "rec meeting add unknown option" 64 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --frob
expect_err "rec meeting add unknown option named" "unknown option '--frob'"
run "rec meeting add without --title" 64 --db "$DB" meeting add --date 2022-03-01 --type theme-day
run "rec meeting add --title without value" 64 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title
run "rec meeting add with --if-version" 64 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x --if-version 1
run "rec meeting add stray operand" 64 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x extra
run "rec meeting without subcommand" 64 --db "$DB" meeting
run "rec meeting bad subcommand" 64 --db "$DB" meeting frob
run "rec meeting list bad --from" 65 --db "$DB" meeting list --from 2022-13-01
run "rec meeting list bad --type" 65 --db "$DB" meeting list --type nosuch
run "rec meeting list bad --status" 65 --db "$DB" meeting list --status maybe
run "rec meeting list stray operand" 64 --db "$DB" meeting list extra
rec_unchanged "rec meeting: refused adds wrote nothing"

# Size limits are inclusive.
run "rec meeting add 1000-byte title" 0 --db "$DB" meeting add --date 2022-03-02 --type theme-day \
	--title "$(rec_long 1000)" --summary "$(rec_long 20000 b)"
MBIG=$(cat "$WORK/out")
run "rec meeting rm the 1000-byte one" 0 --db "$DB" meeting rm "$MBIG"
expect_no_out "rec meeting rm prints nothing"

# Edits: a list option replaces the stored list, other fields are kept.
run "rec meeting edit replaces topics and absentees" 0 --db "$DB" meeting edit "$M1" \
	--topic 新议题一 --topic 新议题二 --absent 孙八:培训
expect_no_out "rec meeting edit prints nothing"
run "rec meeting show after edit" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting edit: new topic list" Topics 新议题一
rec_cont "rec meeting edit: second new topic" 新议题二
rec_no_line "rec meeting edit: old topic gone" "$(printf '%-12s  %s' Topics 议题一)"
rec_no_out_text "rec meeting edit: old second topic gone" "$(printf '%14s%s' '' 议题二)"
rec_show "rec meeting edit: absentee replaced" Absent 孙八（培训）
rec_no_out_text "rec meeting edit: old absentees gone" "钱七"
rec_show "rec meeting edit: title kept" Title 第一季度党员大会
rec_show "rec meeting edit: location kept" Location 三楼会议室
rec_show "rec meeting edit: decisions kept" Decisions 决定一
rec_show "rec meeting edit: tasks kept" Tasks "1 巩固拓展党史学习教育成果"
rec_show "rec meeting edit: summary kept" Summary 第一行
rec_show "rec meeting edit: version 2" Record \
	"$M1, version 2, entered 2022-11-09 13:20, changed 2022-11-09 13:20"

LIANZHENG_NOW=1668086400 run "rec meeting edit a day later replaces tasks" 0 --db "$DB" meeting edit "$M1" --task 2
run "rec meeting show after second edit" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting edit: task list replaced" Tasks "2 着力做好县委巡察整改工作"
rec_show "rec meeting edit: version 3, entry time kept" Record \
	"$M1, version 3, entered 2022-11-09 13:20, changed 2022-11-10 13:20"

# An edit that changes nothing writes nothing (issue 16, bug 7): no log
# entry, the version kept, and the user told.
"$LZ" --db "$DB" log --tsv >"$WORK/rec_log_before"
LIANZHENG_NOW=1668172800 run "rec meeting edit to the same values" 0 --db "$DB" meeting edit "$M1" \
	--task 2 --title 第一季度党员大会
expect_err "rec meeting edit to the same values: says so" "meeting $M1: no change; nothing was written"
expect_no_out "rec meeting edit to the same values: nothing on stdout"
"$LZ" --db "$DB" log --tsv >"$WORK/rec_log_after"
if cmp -s "$WORK/rec_log_before" "$WORK/rec_log_after"; then ok "rec meeting edit to the same values: no log entry"
else not_ok "rec meeting edit to the same values: no log entry" "$(diff "$WORK/rec_log_before" "$WORK/rec_log_after" | head -5)"; fi
run "rec meeting show after an edit with no change" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting edit with no change: still version 3, time kept" Record \
	"$M1, version 3, entered 2022-11-09 13:20, changed 2022-11-10 13:20"

rec_snap
run "rec meeting stale edit" 75 --db "$DB" meeting edit "$M1" --title 改过的标题 --if-version 1
expect_err "rec meeting stale edit message" "changed by someone else"
rec_unchanged "rec meeting stale edit wrote nothing"
run "rec meeting show after stale edit" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting stale edit: title unchanged" Title 第一季度党员大会
rec_show "rec meeting stale edit: still version 3" Record \
	"$M1, version 3, entered 2022-11-09 13:20, changed 2022-11-10 13:20"
run "rec meeting edit with current version" 0 --db "$DB" meeting edit "$M1" --if-version 3 --summary $'甲\n乙'
run "rec meeting show after versioned edit" 0 --db "$DB" meeting show "$M1"
rec_show "rec meeting edit --if-version: version 4" Record \
	"$M1, version 4, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
rec_show "rec meeting edit: summary replaced" Summary 甲

rec_snap
run "rec meeting edit present > expected" 65 --db "$DB" meeting edit "$M1" --expected 3
run "rec meeting edit unknown type" 65 --db "$DB" meeting edit "$M1" --type nosuch
run "rec meeting edit empty title" 65 --db "$DB" meeting edit "$M1" --title ''
# Moved to a past day: a held meeting cannot lie ahead of today.
run "rec meeting edit to held without first topic" 65 --db "$DB" meeting edit "$M4" \
	--date 2022-11-01 --status held
expect_err "rec meeting edit to held without first topic: says why" "needs its first topic"
run "rec meeting edit unknown id" 65 --db "$DB" meeting edit 99999 --title x
expect_err "rec meeting edit unknown id message" "there is no meeting with id 99999"
run "rec meeting edit bad id" 65 --db "$DB" meeting edit abc --title x
run "rec meeting edit without id" 64 --db "$DB" meeting edit --title x
run "rec meeting edit unknown option" 64 --db "$DB" meeting edit "$M1" --frob
run "rec meeting edit --if-version 0" 65 --db "$DB" meeting edit "$M1" --if-version 0
run "rec meeting rm stale" 75 --db "$DB" meeting rm "$M8" --if-version 2
run "rec meeting rm without id" 64 --db "$DB" meeting rm
run "rec meeting rm bad id" 65 --db "$DB" meeting rm abc
run "rec meeting show without id" 64 --db "$DB" meeting show
run "rec meeting show bad id" 65 --db "$DB" meeting show 0
rec_unchanged "rec meeting: refused edits and removals wrote nothing"

run "rec meeting edit moves the date" 0 --db "$DB" meeting edit "$M1" --date 2022-03-11
run "rec meeting list the new date" 0 --db "$DB" meeting list --from 2022-03-11 --to 2022-03-11 --tsv
rec_order "rec meeting edit: listed under its new date" "$M1"
run "rec meeting list the old date" 0 --db "$DB" meeting list --from 2022-03-10 --to 2022-03-10 --tsv
expect_no_out "rec meeting edit: gone from its old date"

run "rec meeting rm with current version" 0 --db "$DB" meeting rm "$M8" --if-version 1
run "rec meeting show removed" 65 --db "$DB" meeting show "$M8"
expect_err "rec meeting show removed message" "there is no meeting with id $M8"
run "rec meeting rm removed again" 65 --db "$DB" meeting rm "$M8"
run "rec meeting list after rm" 0 --db "$DB" meeting list --tsv
rec_order "rec meeting rm: gone from the list" "$M9 $M2 $M1 $M3 $M5 $M6 $M7 $M4"
run "rec risk list without any risk" 0 --db "$DB" risk list --tsv
expect_no_out "rec risk list without any risk prints nothing"
run "rec meeting db check" 0 --db "$DB" db check
expect_out "rec meeting db check counts" "consistent (people: 0, items: 0, meetings: 8, risks: 0)"

# ---------------------------------------------------------------- people
DB="$WORK/rec-person"
newdb "$DB"
run "rec person add with roles" 0 --db "$DB" person add --name 张三 --post 主席 --dept 办公室 \
	--role main --role 分管领导一岗双责:办公室
rec_id "rec person add prints the new id alone"
P1=$REC_ID
run "rec person add name only" 0 --db "$DB" person add --name 李四
P2=$(cat "$WORK/out")
run "rec person list tsv" 0 --db "$DB" person list --tsv
rec_nf "rec person list tsv: 5 fields per line" 5
rec_line "rec person list tsv: roles by id, comma-separated" "$P1	张三	主席	办公室	main,dual:办公室"
rec_line "rec person list tsv: empty fields" "$P2	李四			"
run "rec person list table" 0 --db "$DB" person list
expect_out "rec person list: roles by name with scope" "党组主体责任、分管领导一岗双责（办公室）"
run "rec person show" 0 --db "$DB" person show "$P1"
rec_show "rec person show: name" Name 张三
rec_show "rec person show: post" Post 主席
rec_show "rec person show: department" Department 办公室
# Roles by name, one a line as every list field of show (the field table).
rec_show "rec person show: roles" Roles "党组主体责任"
rec_cont "rec person show: roles, the second with its scope" "分管领导一岗双责（办公室）"
rec_show "rec person show: version 1" Record "$P1, version 1, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
run "rec person edit replaces roles" 0 --db "$DB" person edit "$P1" --role 主要领导第一责任
run "rec person edit second person" 0 --db "$DB" person edit "$P2" --post 副主席
run "rec person list after edits" 0 --db "$DB" person list --tsv
rec_line "rec person edit: roles replaced, rest kept" "$P1	张三	主席	办公室	first"
rec_line "rec person edit: post set" "$P2	李四	副主席		"
run "rec person show after edit" 0 --db "$DB" person show "$P1"
rec_show "rec person edit: version 2" Record "$P1, version 2, entered 2022-11-09 13:20, changed 2022-11-09 13:20"

rec_snap
run "rec person add unknown role" 65 --db "$DB" person add --name 王五 --role 书记
expect_err "rec person add unknown role message" "unknown role '书记'"
run "rec person add without --name" 64 --db "$DB" person add --post 干事
run "rec person add empty name" 65 --db "$DB" person add --name ''
run "rec person add 1001-byte name" 65 --db "$DB" person add --name "$(rec_long 1001)"
run "rec person add name with a newline" 65 --db "$DB" person add --name $'王\n五'
run "rec person add unknown option" 64 --db "$DB" person add --name 王五 --frob
run "rec person stale edit" 75 --db "$DB" person edit "$P1" --post 副书记 --if-version 1
run "rec person edit unknown id" 65 --db "$DB" person edit 99999 --post x
run "rec person show unknown id" 65 --db "$DB" person show 99999
run "rec person list stray operand" 64 --db "$DB" person list extra
run "rec person bad subcommand" 64 --db "$DB" person frob
rec_unchanged "rec person: refused commands wrote nothing"
# Removing someone records name says so, as the screen does before asking:
# the host, an attendee among others and an absentee all count (issue 16).
run "rec person rm: a meeting naming 李四" 0 --db "$DB" meeting add --date 2022-06-01 \
	--type leading-group --title 点名的会议 --first-topic 学习 --host 李四 --attendees "张三、李四" \
	--absent 李四:出差
run "rec person rm" 0 --db "$DB" person rm "$P2"
expect_err "rec person rm: says the records keep the name" "note: 1 record still names 李四 and keeps the name"
run "rec person show removed" 65 --db "$DB" person show "$P2"
run "rec person rm removed again" 65 --db "$DB" person rm "$P2"
run "rec person list after rm" 0 --db "$DB" person list --tsv
rec_order "rec person rm: gone from the list" "$P1"
# A namesake is said on stderr, and still added (issue 16): records name
# people by name, so two of one name cannot be told apart there.
run "rec person add a namesake" 0 --db "$DB" person add --name 张三 --post 干事
P3=$(cat "$WORK/out")
expect_err "rec person add a namesake: warned" "warning: person $P1 is also named 张三"
run "rec person list has both" 0 --db "$DB" person list --tsv
rec_order "rec person namesake added" "$P1 $P3"
run "rec person edit of the namesake's post" 0 --db "$DB" person edit "$P3" --post 副主席
expect_no_err "rec person edit keeping the name: no warning again"
run "rec person rename" 0 --db "$DB" person edit "$P1" --name 王五
expect_no_err "rec person rename to a free name: no warning"
run "rec person rename back" 0 --db "$DB" person edit "$P1" --name 张三
expect_err "rec person rename to a namesake: warned" "warning: person $P3 is also named 张三"

# ---------------------------------------------------------------- items
DB="$WORK/rec-item"
newdb "$DB"
run "rec item add" 0 --db "$DB" item add --task 5 --title 召开专题会议 --owner 张三 \
	--source 县委第二轮巡察反馈 --due 2022-12-31
rec_id "rec item add prints the new id alone"
I1=$REC_ID
run "rec item add status by name" 0 --db "$DB" item add --task 2 --title 巡察整改 --status 进行中
I2=$(cat "$WORK/out")
run "rec item add status by id" 0 --db "$DB" item add --task 5 --title 第二项 --status in-progress --due 2022-06-30
I3=$(cat "$WORK/out")
# Ids are shared by every kind: an item's id given to meeting says what it
# is and how to see it (issue 16, the hour of use).
run "rec meeting show of an item's id" 65 --db "$DB" meeting show "$I1"
expect_err "rec meeting show of an item's id: says it is an item" \
	"record $I1 is of kind item, not meeting (lianzheng item show $I1)"
run "rec item list tsv" 0 --db "$DB" item list --tsv
rec_nf "rec item list tsv: 6 fields per line" 6
rec_line "rec item list tsv: exact columns, first status by default" "$I1	5	2022-12-31	open	张三	召开专题会议"
rec_line "rec item list tsv: status name stored as id" "$I2	2		in-progress		巡察整改"
rec_order "rec item list tsv: by task" "$I2 $I1 $I3"
run "rec item list --task 5" 0 --db "$DB" item list --task 5 --tsv
rec_order "rec item list --task 5" "$I1 $I3"
run "rec item list --task without items" 0 --db "$DB" item list --task 13 --tsv
expect_no_out "rec item list: a task without items lists nothing"
run "rec item list table" 0 --db "$DB" item list
expect_out "rec item list: status by name" "未开始"

run "rec item note first" 0 --db "$DB" item note "$I1" --text 已召开第一次 --date 2022-03-01
expect_no_out "rec item note prints nothing"
run "rec item note earlier date" 0 --db "$DB" item note "$I1" --text 第零次 --date 2022-02-01
run "rec item note today" 0 --db "$DB" item note "$I1" --text 今日进展
run "rec item show" 0 --db "$DB" item show "$I1"
rec_show "rec item show: title" Title 召开专题会议
rec_show "rec item show: task with its title" Task "5 压实主体责任"
rec_show "rec item show: owner" Owner 张三
rec_show "rec item show: source" Source 县委第二轮巡察反馈
rec_show "rec item show: due" Due 2022-12-31
rec_show "rec item show: status name" Status 未开始
rec_show "rec item note: notes in date order" Progress "2022-02-01  第零次"
rec_cont "rec item note: second note" "2022-03-01  已召开第一次"
rec_cont "rec item note: without --date dated today" "2022-11-09  今日进展"
rec_show "rec item note: version 4 after three notes" Record "$I1, version 4, entered 2022-11-09 13:20, changed 2022-11-09 13:20"

run "rec item edit status" 0 --db "$DB" item edit "$I1" --status 已完成 --if-version 4
run "rec item show after edit" 0 --db "$DB" item show "$I1"
rec_show "rec item edit: status set" Status 已完成
rec_show "rec item edit: owner kept" Owner 张三
rec_show "rec item edit: version 5" Record "$I1, version 5, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
# The 整改台账's columns (issue 14): closing sets 完成时间, reopening clears it.
rec_show "rec item edit: closing sets the done date" "Done on" 2022-11-09
run "rec item rectification columns" 0 --db "$DB" item edit "$I1" --measures $'补齐凭证\n建立台账' \
	--leader 李四 --followup 2022-11-01 --followup-result 未反弹 --done 2022-11-05
run "rec item show the rectification columns" 0 --db "$DB" item show "$I1"
expect_out "rec item show: measures, first line" "Rectification measures  补齐凭证"
expect_out "rec item show: measures, second line" "                        建立台账"
expect_out "rec item show: leader" "Leader                  李四"
expect_out "rec item show: done date as given" "Done on                 2022-11-05"
expect_out "rec item show: follow-up" "Follow-up               2022-11-01"
expect_out "rec item show: follow-up result" "Follow-up result        未反弹"
run "rec item export has the columns" 0 --db "$DB" export csv items
expect_out "rec item csv header" "Progress,Rectification measures,Leader,Done on,Follow-up,Follow-up result"
expect_out "rec item csv row" ",李四,2022-11-05,2022-11-01,未反弹"
run "rec item history names the new fields" 0 --db "$DB" history "$I1"
expect_out "rec item history: leader" "李四"
# 销号: the date the rectification was confirmed and struck off (issue 16).
run "rec item signed off" 0 --db "$DB" item edit "$I1" --signed-off 2022-11-08
run "rec item show signed off" 0 --db "$DB" item show "$I1"
expect_out "rec item show: the sign-off date" "Signed off              2022-11-08"
run "rec item csv has the sign-off last" 0 --db "$DB" export csv items
expect_out "rec item csv: header ends with it" "Follow-up result,Signed off"
expect_out "rec item csv: the date in its row" ",未反弹,2022-11-08"
run "rec item history names the sign-off" 0 --db "$DB" history "$I1"
expect_out "rec item history: the sign-off" "Signed off"
run "rec item signed off 2022-02-30" 65 --db "$DB" item edit "$I1" --signed-off 2022-02-30
expect_err "rec item signed off: the option named" "--signed-off:"
run "rec item sign-off cleared" 0 --db "$DB" item edit "$I1" --signed-off ''
run "rec item leader of two lines" 65 --db "$DB" item edit "$I1" --leader $'李\n四'
run "rec item done 2022-13-01" 65 --db "$DB" item edit "$I1" --done 2022-13-01
expect_err "rec item done: the option named" "--done:"
run "rec item reopened" 0 --db "$DB" item edit "$I1" --status 进行中
run "rec item show reopened" 0 --db "$DB" item show "$I1"
if grep -q "Done on" "$WORK/out"; then not_ok "rec item reopened: no done date"; else ok "rec item reopened: no done date"; fi
run "rec item closed again" 0 --db "$DB" item edit "$I1" --status 已完成 --measures '' --leader '' --followup '' --followup-result ''
run "rec item show closed again" 0 --db "$DB" item show "$I1"
rec_show "rec item closed again: done today" "Done on" 2022-11-09
run "rec item edit clears due, moves task" 0 --db "$DB" item edit "$I1" --due '' --task 7
run "rec item list --task 7" 0 --db "$DB" item list --task 7 --tsv
rec_line "rec item edit: new task, no due, status id" "$I1	7		done	张三	召开专题会议"

rec_snap
run "rec item stale edit" 75 --db "$DB" item edit "$I1" --title x --if-version 4
run "rec item stale note" 75 --db "$DB" item note "$I1" --text x --if-version 1
run "rec item add task 14" 65 --db "$DB" item add --task 14 --title x
expect_err "rec item add task 14 message" "task 14 is not in the 2022 plan"
run "rec item add task 0" 65 --db "$DB" item add --task 0 --title x
run "rec item add unknown status" 65 --db "$DB" item add --task 5 --title x --status 暂停
run "rec item add 2022-02-30" 65 --db "$DB" item add --task 5 --title x --due 2022-02-30
run "rec item add 1001-byte title" 65 --db "$DB" item add --task 5 --title "$(rec_long 1001)"
run "rec item add title with a tab" 65 --db "$DB" item add --task 5 --title $'a\tb'
run "rec item add without --title" 64 --db "$DB" item add --task 5
run "rec item add unknown option" 64 --db "$DB" item add --task 5 --title x --frob
run "rec item note with a tab" 65 --db "$DB" item note "$I3" --text $'a\tb'
run "rec item note 20001 bytes" 65 --db "$DB" item note "$I3" --text "$(rec_long 20001)"
run "rec item note unknown id" 65 --db "$DB" item note 99999 --text x
run "rec item note without --text" 64 --db "$DB" item note "$I3"
run "rec item edit unknown id" 65 --db "$DB" item edit 99999 --title x
run "rec item list bad --task" 65 --db "$DB" item list --task abc
run "rec item bad subcommand" 64 --db "$DB" item frob
rec_unchanged "rec item: refused commands wrote nothing"
run "rec item rm" 0 --db "$DB" item rm "$I2"
run "rec item show removed" 65 --db "$DB" item show "$I2"
run "rec item rm removed again" 65 --db "$DB" item rm "$I2"
run "rec item list after rm" 0 --db "$DB" item list --tsv
rec_order "rec item rm: gone from the list" "$I3 $I1"

# ---------------------------------------------------------------- risks
DB="$WORK/rec-risk"
newdb "$DB"
run "rec risk add" 0 --db "$DB" risk add --post 财务 --link 报销 --desc $'虚报\n冒领' --level 高 \
	--likelihood 4 --impact 5 --measures 双人审核 --owner 张三
rec_id "rec risk add prints the new id alone"
R1=$REC_ID
run "rec risk add medium" 0 --db "$DB" risk add --post 采购 --link 询价 --desc 围标 --level medium --review 2022-12-01
R2=$(cat "$WORK/out")
run "rec risk add high" 0 --db "$DB" risk add --post 人事 --link 招聘 --desc 暗箱操作 --level high --review 2022-12-01
R3=$(cat "$WORK/out")
run "rec risk add low" 0 --db "$DB" risk add --post 资产 --link 处置 --desc 低价处置 --level 低 --review 2022-11-30
R4=$(cat "$WORK/out")
run "rec risk list tsv" 0 --db "$DB" risk list --tsv
rec_nf "rec risk list tsv: 9 fields per line" 9
rec_line "rec risk list tsv: default review after 90 days, newline escaped" \
	"$R1	high	4	5	2023-02-07		财务	报销	虚报\\n冒领"
rec_line "rec risk list tsv: level name stored as id" "$R4	low	3	3	2022-11-30		资产	处置	低价处置"
rec_order "rec risk list tsv: by level, then review date" "$R3 $R1 $R2 $R4"
run "rec risk list --level by name" 0 --db "$DB" risk list --level 高 --tsv
cp "$WORK/out" "$WORK/rec-by-name"
rec_order "rec risk list --level 高" "$R3 $R1"
run "rec risk list --level by id" 0 --db "$DB" risk list --level high --tsv
if cmp -s "$WORK/out" "$WORK/rec-by-name"; then ok "rec risk list --level: name and id list the same"
else not_ok "rec risk list --level: name and id list the same"; fi
run "rec risk list table" 0 --db "$DB" risk list
expect_out "rec risk list: likelihood × impact" "4×5"
run "rec risk show" 0 --db "$DB" risk show "$R1"
rec_show "rec risk show: post" Post 财务
rec_show "rec risk show: link" Link 报销
rec_show "rec risk show: description first line" Risk 虚报
rec_cont "rec risk show: description second line" 冒领
rec_show "rec risk show: level name" Level 高
rec_show "rec risk show: likelihood" Likelihood 4
rec_show "rec risk show: impact" Impact 5
rec_show "rec risk show: measures" Measures 双人审核
rec_show "rec risk show: next review" "Next review" 2023-02-07

run "rec risk review default next" 0 --db "$DB" risk review "$R1" --date 2022-11-09 --result 已整改
expect_no_out "rec risk review prints nothing"
run "rec risk review explicit next" 0 --db "$DB" risk review "$R2" --date 2022-11-08 --result 复查 --next 2023-01-15
run "rec risk show after review" 0 --db "$DB" risk show "$R1"
rec_show "rec risk review: logged with its next date" Reviews "2022-11-09  已整改 (next 2023-02-07)"
rec_show "rec risk review: next review moved" "Next review" 2023-02-07
rec_show "rec risk review: version 2" Record "$R1, version 2, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
run "rec risk list after review" 0 --db "$DB" risk list --level medium --tsv
rec_line "rec risk review --next sets the review date" "$R2	medium	3	3	2023-01-15		采购	询价	围标"

run "rec risk edit level and status" 0 --db "$DB" risk edit "$R1" --level low --status 已控制
run "rec risk show after edit" 0 --db "$DB" risk show "$R1"
rec_show "rec risk edit: level" Level 低
rec_show "rec risk edit: status" Status 已控制
rec_show "rec risk edit: measures kept" Measures 双人审核
rec_show "rec risk edit: version 3" Record "$R1, version 3, entered 2022-11-09 13:20, changed 2022-11-09 13:20"
run "rec risk list after edit" 0 --db "$DB" risk list --tsv
rec_order "rec risk edit: resorted by new level" "$R3 $R2 $R4 $R1"

rec_snap
run "rec risk stale edit" 75 --db "$DB" risk edit "$R1" --owner 李四 --if-version 1
run "rec risk stale review" 75 --db "$DB" risk review "$R1" --date 2022-11-08 --result x --if-version 2
run "rec risk review next before date" 65 --db "$DB" risk review "$R3" --date 2022-11-08 --result x --next 2022-11-01
run "rec risk review bad date" 65 --db "$DB" risk review "$R3" --date 2022-11-31 --result x
run "rec risk review unknown id" 65 --db "$DB" risk review 99999 --date 2022-11-08 --result x
run "rec risk review without --result" 64 --db "$DB" risk review "$R3" --date 2022-11-08
run "rec risk add unknown level" 65 --db "$DB" risk add --post p --link l --desc d --level 极高
expect_err "rec risk add unknown level message" "unknown risk level '极高'"
run "rec risk add likelihood 6" 65 --db "$DB" risk add --post p --link l --desc d --level low --likelihood 6
run "rec risk add 20001-byte description" 65 --db "$DB" risk add --post p --link l --desc "$(rec_long 20001)" --level low
run "rec risk add 1001-byte post" 65 --db "$DB" risk add --post "$(rec_long 1001)" --link l --desc d --level low
run "rec risk add post with a tab" 65 --db "$DB" risk add --post $'a\tb' --link l --desc d --level low
run "rec risk add 2022-02-30 review" 65 --db "$DB" risk add --post p --link l --desc d --level low --review 2022-02-30
run "rec risk add without --desc" 64 --db "$DB" risk add --post p --link l --level low
run "rec risk edit unknown id" 65 --db "$DB" risk edit 99999 --owner x
run "rec risk list bad --level" 65 --db "$DB" risk list --level 极高
run "rec risk bad subcommand" 64 --db "$DB" risk frob
rec_unchanged "rec risk: refused commands wrote nothing"
run "rec risk rm" 0 --db "$DB" risk rm "$R4"
run "rec risk show removed" 65 --db "$DB" risk show "$R4"
run "rec risk rm removed again" 65 --db "$DB" risk rm "$R4"

# ---------------------------------------------------------------- search
DB="$WORK/rec-search"
newdb "$DB"
run "rec search: add meeting" 0 --db "$DB" meeting add --date 2022-03-15 --type special-meeting \
	--title 党风廉政建设专题会议（第一次） --absent 赵六:出差
S_M=$(cat "$WORK/out")
run "rec search: add item" 0 --db "$DB" item add --task 8 --title 落实廉政谈话制度 --due 2022-09-30
S_I=$(cat "$WORK/out")
run "rec search: add risk" 0 --db "$DB" risk add --post 财务 --link 报销 --desc 廉政风险：虚报冒领 --level high --review 2022-12-01
S_R=$(cat "$WORK/out")
run "rec search: add person" 0 --db "$DB" person add --name 廉明 --post 纪检组长
S_P=$(cat "$WORK/out")
run "rec search 廉政" 0 --db "$DB" search 廉政 --tsv
rec_nf "rec search tsv: 4 fields per line" 4
rec_line "rec search tsv: meeting with its date" "meeting	$S_M	2022-03-15	党风廉政建设专题会议（第一次）"
rec_line "rec search tsv: item with its due date" "item	$S_I	2022-09-30	落实廉政谈话制度"
rec_line "rec search tsv: risk with its review date" "risk	$S_R	2022-12-01	廉政风险：虚报冒领"
rec_order "rec search: meetings, items, risks, people" "meeting item risk"
run "rec search one character" 0 --db "$DB" search 廉 --tsv
rec_line "rec search tsv: person without a date" "person	$S_P		廉明"
run "rec search inside a word" 0 --db "$DB" search 冒领 --tsv
rec_order "rec search: a substring in the middle" "risk"
run "rec search absence reason" 0 --db "$DB" search 出差 --tsv
rec_order "rec search: finds a meeting by an absence reason" "meeting"
run "rec search no match" 0 --db "$DB" search 不存在的文字 --tsv
expect_no_out "rec search: nothing found, nothing printed"
run "rec search table" 0 --db "$DB" search 廉政
expect_out "rec search table: heading" "Kind"
run "rec risk list --level without matches" 0 --db "$DB" risk list --level low --tsv
expect_no_out "rec risk list --level without matches prints nothing"
run "rec search empty text" 64 --db "$DB" search ''
run "rec search without text" 64 --db "$DB" search
run "rec search text with a tab" 65 --db "$DB" search $'a\tb'
run "rec meeting show of an item id" 65 --db "$DB" meeting show "$S_I"
run "rec item show of a meeting id" 65 --db "$DB" item show "$S_M"
run "rec search db check" 0 --db "$DB" db check
expect_out "rec search db check counts" "consistent (people: 1, items: 1, meetings: 1, risks: 1)"

# ------------------------------------------------- init with a revised plan
DB="$WORK/rec-init"
newdb "$DB"
run "rec init: add heart-talk meeting" 0 --db "$DB" meeting add --date 2022-06-15 \
	--type 党风廉政建设谈心谈话 --title 谈心谈话
H=$(cat "$WORK/out")
run "rec init: add theme-day meeting" 0 --db "$DB" meeting add --date 2022-06-16 --type theme-day --title 主题党日
T=$(cat "$WORK/out")
# The revised plan: the bundled one without the heart-talk meeting type
# and the obligation that refers to it.
awk '
	/^  - id: heart-talk$/ { skip = 1; next }
	skip && (/^  - / || /^[^ ]/) { skip = 0 }
	!skip { print }
' "$SRC/config/plan-2022.yaml" >"$WORK/rec-revised.yaml"
run "rec init: revised plan is valid" 0 plan check "$WORK/rec-revised.yaml"
expect_out "rec init: revised plan lost one obligation" "obligations: 10"
rec_snap
run "rec init missing plan file" 66 --db "$DB" init --plan "$WORK/rec-missing.yaml"
printf 'format: 1\nyear: 2022\n' >"$WORK/rec-invalid.yaml"
run "rec init invalid plan" 65 --db "$DB" init --plan "$WORK/rec-invalid.yaml"
run "rec init stray operand" 64 --db "$DB" init extra
rec_unchanged "rec init: refused plans wrote nothing"
# A plan that would leave a record pointing at nothing is refused, the
# record named with the mapping that would carry it over.
run "rec init revised plan refused" 65 --db "$DB" init --plan "$WORK/rec-revised.yaml"
expect_err "rec init names the orphaned meeting" "meeting $H: meeting type 'heart-talk' is not in the new plan (map it with --map type:heart-talk=NEW)"
expect_err "rec init says nothing was written" "1 reference to what the new plan lacks; nothing was written"
rec_unchanged "rec init: a refused plan wrote nothing"
run "rec init --map to a type the plan lacks" 65 --db "$DB" init --plan "$WORK/rec-revised.yaml" --map type:heart-talk=nonesuch
expect_err "rec init --map names the missing type" "the new plan has no meeting type 'nonesuch'"
run "rec init --map malformed" 64 --db "$DB" init --plan "$WORK/rec-revised.yaml" --map heart-talk
run "rec init --map without --plan" 64 --db "$DB" init --map type:a=b
rec_unchanged "rec init: refused mappings wrote nothing"
run "rec init revised plan with --map" 0 --db "$DB" init --plan "$WORK/rec-revised.yaml" --map type:heart-talk=special-meeting
expect_out "rec init reports the new plan" "obligations: 10"
expect_out "rec init counts the carried records" "1 record carried over to the new plan by --map"
run "rec init: meeting still listed" 0 --db "$DB" meeting list --tsv
rec_line "rec init: heart-talk meeting mapped" "$H	2022-06-15		special-meeting	held	谈心谈话"
rec_line "rec init: other meeting kept" "$T	2022-06-16		theme-day	held	主题党日"
run "rec init: removed type refused now" 65 --db "$DB" meeting add --date 2022-07-01 --type heart-talk --title x
run "rec init: db check" 0 --db "$DB" db check
run "rec init: audit after the plan change" 0 --db "$DB" audit verify
# Replacing the plan is one change: one undo puts back the old plan and
# the meeting's type.
run "rec init: undo the plan change" 0 --db "$DB" undo
expect_out "rec init: undo took back both" "2 changes made together"
sum_before=$(md5sum <"$DB/data.mdb")
run "rec init: meeting type back" 0 --db "$DB" meeting list --tsv
rec_line "rec init: heart-talk meeting back" "$H	2022-06-15		heart-talk	held	谈心谈话"
# Undo stored the old plan's compiled form again: read commands after it
# leave the database byte for byte as they found it.
for cmd in "status" "meeting list" "report --format md" "search 谈心" "db check" "log" "plan show"; do
	# shellcheck disable=SC2086
	"$LZ" --db "$DB" $cmd >/dev/null 2>&1
done
if [ "$(md5sum <"$DB/data.mdb")" = "$sum_before" ]; then ok "rec init: read commands after undo write nothing"
else not_ok "rec init: read commands after undo write nothing" "data.mdb changed"; fi
run "rec init: old plan back" 0 --db "$DB" meeting add --date 2022-07-01 --type heart-talk --title 谈心
run "rec init: audit after the undo" 0 --db "$DB" audit verify
# init without --plan keeps whatever plan the database has.
run "rec init: the revised plan again" 0 --db "$DB" init --plan "$WORK/rec-revised.yaml" --map type:heart-talk=special-meeting
run "rec init without --plan keeps the stored plan" 0 --db "$DB" init
expect_out "rec init without --plan says the plan is kept" "is kept"
run "rec init: still the revised plan" 65 --db "$DB" meeting add --date 2022-07-02 --type heart-talk --title x
run "rec init: same plan twice writes nothing" 0 --db "$DB" init --plan "$WORK/rec-revised.yaml"
expect_out "rec init: same plan says so" "nothing was written"

# ------------------------------------------------ database and I/O errors
DB="$WORK/rec-file"
printf 'not a database\n' >"$DB"
cp "$DB" "$WORK/rec-file.orig"
run "rec --db regular file: meeting list" 74 --db "$DB" meeting list
run "rec --db regular file: meeting add" 74 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x
run "rec --db regular file: person list" 74 --db "$DB" person list
run "rec --db regular file: item add" 74 --db "$DB" item add --task 1 --title x
run "rec --db regular file: risk list" 74 --db "$DB" risk list
run "rec --db regular file: search" 74 --db "$DB" search x
run "rec --db regular file: db check" 74 --db "$DB" db check
run "rec --db regular file: init" 74 --db "$DB" init
if cmp -s "$DB" "$WORK/rec-file.orig"; then ok "rec --db regular file left as it was"
else not_ok "rec --db regular file left as it was"; fi

DB="$WORK/rec-junk"
mkdir -p "$DB"
printf 'this is not an LMDB file, just text that is long enough to look like one\n' >"$DB/data.mdb"
cp "$DB/data.mdb" "$WORK/rec-junk.orig"
run "rec non-LMDB data.mdb: meeting list" 74 --db "$DB" meeting list
expect_err "rec non-LMDB data.mdb message" "does not hold a lianzheng database"
run "rec non-LMDB data.mdb: meeting add" 74 --db "$DB" meeting add --date 2022-03-01 --type theme-day --title x
run "rec non-LMDB data.mdb: risk add" 74 --db "$DB" risk add --post p --link l --desc d --level low
run "rec non-LMDB data.mdb: db check" 74 --db "$DB" db check
if cmp -s "$DB/data.mdb" "$WORK/rec-junk.orig"; then ok "rec non-LMDB data.mdb left as it was"
else not_ok "rec non-LMDB data.mdb left as it was"; fi
run "rec db check of a missing directory" 66 --db "$WORK/rec-none" db check
if [ -e "$WORK/rec-none" ]; then not_ok "rec db check creates nothing"; else ok "rec db check creates nothing"; fi

# A command refused for its usage creates no database either.
run "rec usage error on a new directory" 64 --db "$WORK/rec-fresh" meeting add --date 2022-03-01 --frob
if [ -e "$WORK/rec-fresh" ]; then not_ok "rec usage error creates no database"
else ok "rec usage error creates no database"; fi

# ------------------------------------------------------------ file modes
_rec_umask=$(umask)
umask 022
DB="$WORK/rec-modes/nested/db"
run "rec modes: init creates the database" 0 --db "$DB" init
run "rec modes: a person in it" 0 --db "$DB" person add --name 王五
umask "$_rec_umask"
rec_mode() {
	local got
	got=$(stat -c %a "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "$2: mode '$got', expected $3"; fi
}
rec_mode "rec modes: database directory 0700" "$DB" 700
rec_mode "rec modes: created parent directory 0700" "$WORK/rec-modes/nested" 700
rec_mode "rec modes: data.mdb 0600" "$DB/data.mdb" 600
rec_mode "rec modes: lock.mdb 0600" "$DB/lock.mdb" 600

# ------------------------------------------------- every database is clean
for _rec_db in rec-meeting rec-person rec-item rec-risk rec-search rec-init rec-modes/nested/db; do
	run "rec final db check $_rec_db" 0 --db "$WORK/$_rec_db" db check
	expect_out "rec final db check $_rec_db says consistent" "consistent"
done

if [ -n "$_rec_now_set" ]; then export LIANZHENG_NOW=$_rec_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_rec_tz_set" ]; then export TZ=$_rec_tz_old; else unset TZ; fi
if [ -n "$_rec_cols_set" ]; then export COLUMNS=$_rec_cols_old; fi
unset DB
