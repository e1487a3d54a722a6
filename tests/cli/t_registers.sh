# The registers of issue 17 through the real binary: notices received and
# relayed (通报传达, the plan's relay_days in working days), disclosures
# (党务公开) and the four forms (四种形态), whose person, measure, reason and
# deciding body never leave the program unasked: not in CSV, the calendar,
# the default ledger, search results or the change log's text.
#
# The clock is pinned (Wednesday 2022-11-09 13:20 UTC).
_reg_now_set=${LIANZHENG_NOW+1} _reg_now_old=${LIANZHENG_NOW-}
_reg_tz_set=${TZ+1} _reg_tz_old=${TZ-}
_reg_cols_set=${COLUMNS+1} _reg_cols_old=${COLUMNS-}
export LIANZHENG_NOW=1668000000 TZ=UTC
unset COLUMNS

reg_id() {
	REG_ID=$(cat "$WORK/out")
	if [[ $REG_ID =~ ^[1-9][0-9]*$ ]]; then ok "$1"; else
		not_ok "$1" "stdout is not a record id alone"; REG_ID=0; fi
}
reg_line() {
	if grep -qxF -- "$2" "$WORK/out"; then ok "$1"; else not_ok "$1" "stdout lacks the line: $2"; fi
}
reg_not_in() {
	if grep -qF -- "$2" "$3"; then not_ok "$1" "$3 holds: $2" "$(grep -F -- "$2" "$3" | head -3)"
	else ok "$1"; fi
}
# reg_same NAME: the three lists are as at the last reg_snap.
reg_lists() {
	local what
	for what in notice disclosure discipline; do
		"$LZ" --db "$DB" "$what" list --tsv 2>/dev/null
	done
}
reg_snap() { reg_lists >"$WORK/reg_snap"; }
reg_same() {
	reg_lists >"$WORK/reg_now"
	if cmp -s "$WORK/reg_snap" "$WORK/reg_now"; then ok "$1"; else
		not_ok "$1" "$(diff "$WORK/reg_snap" "$WORK/reg_now" | head -5)"; fi
}

DB="$WORK/reg"
newdb "$DB"

# ------------------------------------------------------------------ notices
run "reg notice add" 0 --db "$DB" notice add --received 2022-11-01 --issuer 县纪委 \
	--title 关于5起违反中央八项规定精神问题的通报 --number "县纪通〔2022〕8号"
reg_id "reg notice add prints its id alone"
N1=$REG_ID
run "reg notice add without a number" 0 --db "$DB" notice add --received 2022-09-29 \
	--issuer 市纪委 --title 典型问题通报
reg_id "reg second notice's id"
N2=$REG_ID
run "reg notice add dated 11-04" 0 --db "$DB" notice add --received 2022-11-04 \
	--issuer 省纪委 --title 节前提醒
reg_id "reg third notice's id"
N3=$REG_ID

reg_snap
run "reg notice add needs --title" 64 --db "$DB" notice add --received 2022-11-01 --issuer 县纪委
expect_err "reg the missing option is named" "--title"
run "reg notice add: a received date after today" 65 --db "$DB" notice add --received 2022-11-10 \
	--issuer 县纪委 --title 未来
expect_err "reg the future date is refused by its noun" "date received: 2022-11-10 is after today"
run "reg notice add: a date that is none" 65 --db "$DB" notice add --received 2022-02-30 \
	--issuer 县纪委 --title x
run "reg notice add: a blank issuer" 65 --db "$DB" notice add --received 2022-11-01 \
	--issuer " " --title x
reg_same "reg refused adds wrote nothing"

# Received Tuesday 11-01: five working days later is Tuesday 11-08;
# 09-29's limit runs over the National Day holidays and the make-up
# working days 10-08 and 10-09 (Saturday and Sunday): 09-30, 10-08, 10-09,
# 10-10, 10-11.
run "reg notice list --tsv" 0 --db "$DB" notice list --tsv --date 2022-11-07
reg_line "reg 09-29's notice: limit after the holidays, overdue" \
	"$N2	2022-09-29	市纪委		典型问题通报	2022-10-11			overdue"
reg_line "reg 11-01's notice: still to be relayed on 11-07" \
	"$N1	2022-11-01	县纪委	县纪通〔2022〕8号	关于5起违反中央八项规定精神问题的通报	2022-11-08			pending"
run "reg notice list today" 0 --db "$DB" notice list --tsv
expect_lines "reg by 11-09 the 11-01 notice is overdue too" 2 "	overdue$"
run "reg notice list --date before the third was received" 0 --db "$DB" notice list --tsv \
	--date 2022-11-03
expect_lines "reg a notice received later is not listed as of an earlier day" 0 "节前提醒"
run "reg notice list --overdue" 0 --db "$DB" notice list --overdue --tsv
expect_lines "reg --overdue lists the two past their limit" 2 "overdue"
expect_lines "reg --overdue leaves out the one still within it" 0 "节前提醒"
run "reg notice list as a table" 0 --db "$DB" notice list
expect_out "reg the table says overdue in words" "not relayed, overdue"
expect_out "reg the table has its heading" "Relay by"

# Relaying: at a meeting that exists, or another way; never both, never
# before the notice came.
run "reg a 党组会议 to relay at" 0 --db "$DB" meeting add --date 2022-11-03 --type 党组会议 \
	--title 传达通报 --first-topic 学习 --status held
reg_id "reg the meeting's id"
M1=$REG_ID
reg_snap
run "reg relay needs a way" 64 --db "$DB" notice relay "$N1" --date 2022-11-03
expect_err "reg relay names the two ways" "--meeting ID"
run "reg relay takes one way only" 64 --db "$DB" notice relay "$N1" --date 2022-11-03 \
	--meeting "$M1" --how 公告栏
run "reg relay needs --date" 64 --db "$DB" notice relay "$N1" --how 公告栏
run "reg relay at a meeting that is not there" 65 --db "$DB" notice relay "$N1" \
	--date 2022-11-03 --meeting 999
expect_err "reg the missing meeting is named" "there is no meeting with id 999"
run "reg relay at a record that is no meeting" 65 --db "$DB" notice relay "$N1" \
	--date 2022-11-03 --meeting "$N2"
expect_err "reg another kind's id is no meeting" "record $N2 is of kind notice, not meeting"
run "reg relay before the notice came" 65 --db "$DB" notice relay "$N1" --date 2022-10-31 \
	--how 公告栏
expect_err "reg relay date before receipt" "comes before the notice was received"
run "reg relay after today" 65 --db "$DB" notice relay "$N1" --date 2022-11-10 --how 公告栏
run "reg relay of a notice that is not there" 65 --db "$DB" notice relay 999 \
	--date 2022-11-03 --how 公告栏
run "reg relay with a bad meeting id" 65 --db "$DB" notice relay "$N1" --date 2022-11-03 \
	--meeting abc
reg_same "reg refused relays wrote nothing"

run "reg relay at the meeting" 0 --db "$DB" notice relay "$N1" --date 2022-11-03 --meeting "$M1"
run "reg relay another way, late" 0 --db "$DB" notice relay "$N2" --date 2022-10-12 \
	--how 张贴公告栏
run "reg notice list after relaying" 0 --db "$DB" notice list --tsv
reg_line "reg relayed at the meeting within the limit" \
	"$N1	2022-11-01	县纪委	县纪通〔2022〕8号	关于5起违反中央八项规定精神问题的通报	2022-11-08	2022-11-03	meeting $M1	relayed"
reg_line "reg relayed a day after the limit: late" \
	"$N2	2022-09-29	市纪委		典型问题通报	2022-10-11	2022-10-12	张贴公告栏	late"
run "reg notice list as of a day before the relay" 0 --db "$DB" notice list --tsv \
	--date 2022-11-02
expect_lines "reg as of 11-02 the later relay does not count yet" 1 "	pending$"
run "reg notice show" 0 --db "$DB" notice show "$N1"
expect_out "reg show names the relay date" "2022-11-03"
expect_out "reg show names the meeting by its date and title" "2022-11-03 传达通报"
run "reg relay changes to another way" 0 --db "$DB" notice relay "$N1" --date 2022-11-04 \
	--how 会议传达
run "reg notice show after the second relay" 0 --db "$DB" notice show "$N1"
expect_out "reg the way replaces the meeting" "会议传达"
run "reg undo the second relay" 0 --db "$DB" undo
run "reg notice list after undo" 0 --db "$DB" notice list --tsv
expect_out "reg undo brought the meeting back" "meeting $M1	relayed"
run "reg history of a notice" 0 --db "$DB" history "$N1"
expect_out "reg history shows the relay" "Relayed on"
run "reg notice edit cannot set the relay" 64 --db "$DB" notice edit "$N1" --relayed 2022-11-05

# ---------------------------------------------------------------- disclosures
run "reg disclosure add" 0 --db "$DB" disclosure add --date 2022-11-05 \
	--what "三重一大事项决策情况" --where 公开栏 --by 李四
reg_id "reg disclosure add prints its id"
D1=$REG_ID
run "reg disclosure add without --by" 0 --db "$DB" disclosure add --date 2022-07-01 \
	--what 党费收缴情况 --where 会议
reg_id "reg second disclosure's id"
D2=$REG_ID
reg_snap
run "reg disclosure add needs --where" 64 --db "$DB" disclosure add --date 2022-07-01 --what x
run "reg disclosure add after today" 65 --db "$DB" disclosure add --date 2023-01-01 --what x \
	--where 网站
reg_same "reg refused disclosures wrote nothing"
run "reg disclosure list --tsv" 0 --db "$DB" disclosure list --tsv
reg_line "reg disclosure rows by date: the earlier first" "$D2	2022-07-01	会议		党费收缴情况"
reg_line "reg disclosure row with its by" "$D1	2022-11-05	公开栏	李四	三重一大事项决策情况"
run "reg disclosure list as a table" 0 --db "$DB" disclosure list
expect_out "reg the table has its heading" "Where"

# ---------------------------------------------------------------- discipline
run "reg discipline add" 0 --db "$DB" discipline add --date 2022-06-05 --person 张三丰 --form 1 \
	--measure 谈话提醒 --reason 上班期间多次迟到早退
reg_id "reg discipline add prints its id"
X1=$REG_ID
run "reg discipline add of form 2" 0 --db "$DB" discipline add --date 2022-07-05 --person 赵六 \
	--form 2 --measure 警告 --reason 违规发放津贴补贴 --by 县纪委
reg_id "reg second discipline id"
X2=$REG_ID
reg_snap
run "reg discipline add: form 5" 65 --db "$DB" discipline add --date 2022-07-05 --person 赵六 \
	--form 5 --measure 警告 --reason x
expect_err "reg the form's range is named" "--form"
run "reg discipline add: form 0" 65 --db "$DB" discipline add --date 2022-07-05 --person 赵六 \
	--form 0 --measure 警告 --reason x
run "reg discipline add needs --reason" 64 --db "$DB" discipline add --date 2022-07-05 \
	--person 赵六 --form 2 --measure 警告
run "reg discipline add: a date after today" 65 --db "$DB" discipline add --date 2022-12-01 \
	--person 赵六 --form 2 --measure 警告 --reason x
reg_same "reg refused discipline adds wrote nothing"
run "reg discipline list --tsv" 0 --db "$DB" discipline list --tsv
reg_line "reg the register itself shows every field" \
	"$X1	2022-06-05	1	谈话提醒	张三丰		上班期间多次迟到早退"
reg_line "reg the second row" "$X2	2022-07-05	2	警告	赵六	县纪委	违规发放津贴补贴"
run "reg discipline list with the count per form" 0 --db "$DB" discipline list
reg_line "reg the yearly count per form" "2022: form 1: 1, form 2: 1, form 3: 0, form 4: 0"

# ----------------------------------------------- nothing sensitive leaks
for _reg_t in meetings items risks people notices disclosures discipline; do
	run "reg export csv $_reg_t" 0 --db "$DB" export csv "$_reg_t" -o "$WORK/reg-$_reg_t.csv"
	for _reg_s in 张三丰 上班期间多次迟到早退 违规发放津贴补贴 谈话提醒; do
		reg_not_in "reg export csv $_reg_t leaves out $_reg_s" "$_reg_s" "$WORK/reg-$_reg_t.csv"
	done
done
# A CSV line (the file starts with a byte order mark, its lines end in CRLF).
reg_line_in() { if tr -d '\r' <"$3" | grep -qxF -- "$2"; then ok "$1"; else not_ok "$1" "$3 lacks: $2"; fi; }
reg_line_in "reg export csv discipline keeps the date and the form" "2022-07-05,2" \
	"$WORK/reg-discipline.csv"
run "reg export csv discipline --include-sensitive" 0 --db "$DB" export csv discipline \
	--include-sensitive -o "$WORK/reg-sens.csv"
reg_line_in "reg asked for, the register's every column" "2022-07-05,赵六,2,警告,违规发放津贴补贴,县纪委" \
	"$WORK/reg-sens.csv"
run "reg export csv notices --year 2022" 0 --db "$DB" export csv notices --year 2022 \
	-o "$WORK/reg-n22.csv"
reg_line_in "reg a notice of 2022 in 2022's table" "2022-09-29,市纪委,,典型问题通报,2022-10-12,,张贴公告栏" \
	"$WORK/reg-n22.csv"
run "reg export csv notices --year 2021" 0 --db "$DB" export csv notices --year 2021 \
	-o "$WORK/reg-n21.csv"
reg_not_in "reg none of 2022's in 2021's table" "典型问题通报" "$WORK/reg-n21.csv"
run "reg export ics" 0 --db "$DB" export ics -o "$WORK/reg.ics"
run "reg export ics --include-sensitive" 0 --db "$DB" export ics --include-sensitive \
	-o "$WORK/reg-sens.ics"
for _reg_f in reg.ics reg-sens.ics; do
	for _reg_s in 张三丰 赵六 上班期间多次迟到早退 违规发放津贴补贴; do
		reg_not_in "reg $_reg_f leaves out $_reg_s" "$_reg_s" "$WORK/$_reg_f"
	done
done
for _reg_fmt in html md txt; do
	run "reg report --format $_reg_fmt" 0 --db "$DB" report --format "$_reg_fmt" \
		-o "$WORK/reg-report.$_reg_fmt"
	for _reg_s in 张三丰 赵六 上班期间多次迟到早退 违规发放津贴补贴 谈话提醒; do
		reg_not_in "reg the default $_reg_fmt ledger leaves out $_reg_s" "$_reg_s" \
			"$WORK/reg-report.$_reg_fmt"
	done
done
run "reg report --format txt for its registers" 0 --db "$DB" report --format txt
expect_lines "reg the ledger counts the measures per form" 1 "^  first form  *1$"
expect_out "reg the ledger lists the notices" "关于5起违反中央八项规定精神问题的通报"
expect_out "reg the ledger flags the late relay" "relayed late"
expect_out "reg the ledger names the meeting a notice was read at" "Relayed at: 2022-11-03 传达通报"
expect_out "reg the ledger lists the disclosures" "三重一大事项决策情况"
expect_out "reg the ledger says the register is left out" "--include-sensitive"
run "reg report --include-sensitive" 0 --db "$DB" report --format txt --include-sensitive
expect_out "reg asked for, the ledger names the person" "张三丰"
expect_out "reg asked for, the ledger gives the reason" "违规发放津贴补贴"

run "reg search finds a discipline record" 0 --db "$DB" search 张三丰
expect_out "reg search shows the person masked" "张**"
rec_no_leak() { reg_not_in "$1" "$2" "$WORK/out"; }
rec_no_leak "reg search does not show the name" 张三丰
run "reg search --tsv" 0 --db "$DB" search 违规发放津贴 --tsv
reg_line "reg search --tsv masks it too" "discipline	$X2	2022-07-05	赵*, form 2"
rec_no_leak "reg search --tsv does not show the reason" 违规发放津贴补贴
run "reg search a notice" 0 --db "$DB" search 典型问题 --tsv
reg_line "reg a notice is found by its title" "notice	$N2	2022-09-29	典型问题通报"
run "reg log --tsv" 0 --db "$DB" log --tsv
for _reg_s in 张三丰 赵六 上班期间多次迟到早退 违规发放津贴补贴; do
	rec_no_leak "reg the log leaves out $_reg_s" "$_reg_s"
done
run "reg log" 0 --db "$DB" log
rec_no_leak "reg the log's text leaves out the name" 张三丰
run "reg history of a discipline record" 0 --db "$DB" history "$X1"
rec_no_leak "reg history masks the person" 张三丰
rec_no_leak "reg history masks the reason" 上班期间多次迟到早退
expect_out "reg history shows the person masked" "张**"
run "reg history --include-sensitive" 0 --db "$DB" history "$X1" --include-sensitive
expect_out "reg asked for, history shows the person" "张三丰"
run "reg discipline show is asked for by id" 0 --db "$DB" discipline show "$X1"
expect_out "reg show gives the record whole" "上班期间多次迟到早退"

# ------------------------------------------------------- the plan's limit
# The bundled plan's 5 working days gave the limits above.
sed 's/^relay_days: 5$/relay_days: 2/' "$SRC/config/plan-2022.yaml" >"$WORK/reg-plan.yaml"
run "reg a plan with relay_days 2" 0 --db "$DB" plan import "$WORK/reg-plan.yaml"
run "reg notice list under the 2-day limit" 0 --db "$DB" notice list --tsv --date 2022-11-04
expect_out "reg the limit follows the plan" "关于5起违反中央八项规定精神问题的通报	2022-11-03"
sed 's/^relay_days: 5$/relay_days: 0/' "$SRC/config/plan-2022.yaml" >"$WORK/reg-plan0.yaml"
run "reg relay_days 0 is refused" 65 plan check "$WORK/reg-plan0.yaml"
expect_err "reg the key is named" "relay_days"

run "reg db check" 0 --db "$DB" db check
expect_out "reg db check counts the registers" "registers: notices: 3, disclosures: 2, discipline records: 2"
run "reg audit verify" 0 --db "$DB" audit verify
run "reg rm a discipline record" 0 --db "$DB" discipline rm "$X2"
run "reg discipline list after rm" 0 --db "$DB" discipline list --tsv
expect_lines "reg one record left" 1 "."

if [ -n "$_reg_now_set" ]; then export LIANZHENG_NOW=$_reg_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_reg_tz_set" ]; then export TZ=$_reg_tz_old; else unset TZ; fi
if [ -n "$_reg_cols_set" ]; then export COLUMNS=$_reg_cols_old; fi
unset DB
