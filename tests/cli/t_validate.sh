# What the program must refuse however a record reaches it (issue 13's
# "smaller things it accepts", issue 16's blank required fields): text that
# looks empty or hides characters, a value option given twice, an empty role
# scope, held meetings and notes after today, dates outside 2000-2099.  The
# rules live in core/record/lz_validate.c, so the command line and CSV import are
# checked here against the same words.
#
# The clock is pinned: today is 2022-11-09 (UTC).
_val_now_set=${LIANZHENG_NOW+1} _val_now_old=${LIANZHENG_NOW-}
_val_tz_set=${TZ+1} _val_tz_old=${TZ-}
export LIANZHENG_NOW=1668000000 TZ=UTC

DB="$WORK/val"
newdb "$DB"
# val_count NAME KIND N: KIND list --tsv has N rows.
val_count() {
	local got
	got=$("$LZ" --db "$DB" "$2" list --tsv 2>/dev/null | wc -l)
	if [ "$got" -eq "$3" ]; then ok "$1"; else not_ok "$1" "expected $3 $2 records, found $got"; fi
}
# val_meeting NAME STATUS ERR-TEXT ARGS...: meeting add dated $VAL_DATE
# (2022-03-01 unless set), of a valid type, with ARGS.
val_meeting() {
	local name=$1 want=$2 text=$3
	shift 3
	run "$name" "$want" --db "$DB" meeting add --date "${VAL_DATE:-2022-03-01}" \
		--type leading-group --first-topic 学习 "$@"
	[ -z "$text" ] || expect_err "$name: says why" "$text"
}

run "val setup: a first meeting" 0 --db "$DB" meeting add --date 2022-03-01 \
	--type leading-group --title 党组会议 --first-topic 学习

# ---------------------------------------------------------------- text
val_meeting "val title of spaces refused" 65 "title must not be only spaces" --title '   '
val_meeting "val title of ideographic spaces refused" 65 "title must not be only spaces" \
	--title $'\u3000\u3000'
val_meeting "val title of no-break spaces refused" 65 "title must not be only spaces" \
	--title $'\u00a0'
val_meeting "val title of a tab refused" 65 "title contains the control character U+0009" \
	--title $'\t'
val_meeting "val title of a zero-width space refused" 65 \
	"title contains an invisible character (U+200B ZERO WIDTH SPACE) at character 1" \
	--title $'\u200b'
val_meeting "val zero-width space inside a title refused" 65 \
	"title contains an invisible character (U+200B ZERO WIDTH SPACE) at character 3" \
	--title $'党组\u200b会议'
val_meeting "val BOM at the start of a title refused" 65 \
	"title contains an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK))" \
	--title $'\ufeff党组会议'
val_meeting "val zero-width joiner refused" 65 "(U+200D ZERO WIDTH JOINER)" \
	--title $'党组\u200d会议'
val_meeting "val word joiner refused" 65 "(U+2060 WORD JOINER)" --title $'党组\u2060会议'
val_meeting "val line separator in a one-line title refused" 65 \
	"title must be one line: it has a line break (U+2028 LINE SEPARATOR) at character 3" \
	--title $'党组\u2028会议'
val_meeting "val paragraph separator in a one-line title refused" 65 \
	"(U+2029 PARAGRAPH SEPARATOR)" --title $'党组\u2029会议'
val_meeting "val newline in a one-line title refused" 65 \
	"title must be one line: it has a line break at character 3" --title $'党组\n会议'
val_meeting "val right-to-left override refused" 65 \
	"title contains a text direction control (U+202E RIGHT-TO-LEFT OVERRIDE)" \
	--title $'\u202e议会组党'
val_meeting "val direction isolate refused" 65 "(U+2066 LEFT-TO-RIGHT ISOLATE)" \
	--title $'党组\u2066会议'
val_meeting "val line separator in a summary refused" 65 \
	"summary contains U+2028 LINE SEPARATOR at character 2; use an ordinary line break" \
	--title 党组会议 --summary $'a\u2028b'
val_meeting "val optional location of spaces refused" 65 "location must not be only spaces" \
	--title 党组会议 --location '  '
val_meeting "val topic of ideographic spaces refused" 65 "topics must not be only spaces" \
	--title 党组会议 --topic $'\u3000'
val_meeting "val absentee of spaces refused" 65 "absentee must not be only spaces" \
	--title 党组会议 --absent ' :出差'
val_count "val nothing refused was written" meeting 1
val_meeting "val spaces and a no-break space inside a title are kept" 0 "" \
	--title $'党组 会议\u3000（三月）\u00a0'
val_count "val the title with inner spaces was written" meeting 2

run "val item title of spaces refused" 65 --db "$DB" item add --task 1 --title '   '
expect_err "val item title of spaces: says why" "title must not be only spaces"
run "val item title of a zero-width space refused" 65 --db "$DB" item add --task 1 \
	--title $'\u200b'
expect_err "val item title of a zero-width space: names it" "(U+200B ZERO WIDTH SPACE)"
run "val person name of spaces refused" 65 --db "$DB" person add --name '   '
expect_err "val person name of spaces: says why" "name must not be only spaces"
run "val person name of ideographic spaces refused" 65 --db "$DB" person add \
	--name $'\u3000'
run "val risk post of spaces refused" 65 --db "$DB" risk add --post ' ' --link 审批 \
	--desc 风险 --level high
expect_err "val risk post of spaces: says why" "post must not be only spaces"
val_count "val no item written" item 0
val_count "val no person written" person 0
val_count "val no risk written" risk 0

# ---------------------------------------------------------------- options
val_meeting "val --title given twice is a usage error" 64 \
	"option '--title' is given more than once; give it once" --title 甲 --title 乙
val_meeting "val --date given twice is a usage error" 64 "option '--date' is given more than once" \
	--title 甲 --date 2022-03-02
val_count "val nothing written on a repeated option" meeting 2
val_meeting "val list options repeat" 0 "" --title 甲 --topic 一 --topic 二 --decision 一 \
	--decision 二 --absent 赵六:出差 --absent 钱七:病假 --nonvoting 王五 --nonvoting 孙八 \
	--task 1 --task 3
M_LIST=$(cat "$WORK/out")
run "val the repeated list options are all kept" 0 --db "$DB" meeting show "$M_LIST"
expect_out "val the second topic is kept" 二
expect_out "val the second absentee is kept" 钱七（病假）
expect_out "val both tasks are kept" "1 巩固拓展党史学习教育成果"
expect_out "val both tasks are kept, the second" "3 严肃党内政治生活"
run "val meeting edit --title twice is a usage error" 64 --db "$DB" meeting edit "$M_LIST" \
	--title 甲 --title 乙
run "val item add --status twice is a usage error" 64 --db "$DB" item add --task 1 \
	--title 事项 --status open --status done
expect_err "val item --status twice: names the option" "option '--status' is given more than once"
run "val person --role repeats" 0 --db "$DB" person add --name 王五 --role main \
	--role dual:办公室
run "val global --db given twice is a usage error" 64 --db "$DB" --db "$WORK/other" meeting list
expect_err "val --db twice: names the option" "option '--db' is given more than once"
if [ -e "$WORK/other" ]; then not_ok "val --db twice creates nothing"; else ok "val --db twice creates nothing"; fi
run "val short option given twice is a usage error" 64 --db "$DB" export csv meetings \
	-o "$WORK/a.csv" -o "$WORK/b.csv"
expect_err "val -o twice: names the option" "option '-o' is given more than once"

# ---------------------------------------------------------------- role scope
run "val role with an empty scope refused" 65 --db "$DB" person add --name 赵六 --role main:
expect_err "val role with an empty scope: says why" "role 'main:' has an empty scope"
run "val role with a scope of spaces refused" 65 --db "$DB" person add --name 赵六 \
	--role 'dual:  '
expect_err "val role with a scope of spaces: says why" "has an empty scope"
run "val role with a scope accepted" 0 --db "$DB" person add --name 赵六 --role dual:办公室
val_count "val only the good people written" person 2

# ---------------------------------------------------------------- dates
VAL_DATE=2099-06-01 val_meeting "val held meeting in 2099 refused" 65 \
	"a meeting on 2099-06-01 cannot be held yet: today is 2022-11-09" \
	--title 甲 --status held
VAL_DATE=2022-11-10 val_meeting "val held meeting tomorrow refused" 65 \
	"cannot be held yet" --title 甲 --status held
VAL_DATE=2022-11-09 val_meeting "val held meeting today accepted" 0 "" --title 今天 --status held
VAL_DATE=2099-06-01 val_meeting "val planned meeting in 2099 accepted" 0 "" --title 规划
M_FUTURE=$(cat "$WORK/out")
run "val marking a future meeting held refused" 65 --db "$DB" meeting edit "$M_FUTURE" \
	--status held
expect_err "val marking a future meeting held: says why" "cannot be held yet"
VAL_DATE=0001-01-01 val_meeting "val date 0001-01-01 refused" 65 \
	"--date: 0001-01-01 is outside the years 2000 to 2099" --title 甲
VAL_DATE=9999-12-31 val_meeting "val date 9999-12-31 refused" 65 \
	"--date: 9999-12-31 is outside the years 2000 to 2099" --title 甲
VAL_DATE=1999-12-31 val_meeting "val date 1999-12-31 refused" 65 \
	"outside the years 2000 to 2099" --title 甲
VAL_DATE=2100-01-01 val_meeting "val date 2100-01-01 refused" 65 \
	"outside the years 2000 to 2099" --title 甲 --status planned
VAL_DATE=2000-01-01 val_meeting "val date 2000-01-01 accepted" 0 "" --title 甲
VAL_DATE=2099-12-31 val_meeting "val date 2099-12-31 accepted" 0 "" --title 乙
run "val a list's --from 0001-01-01 refused" 65 --db "$DB" meeting list --from 0001-01-01
expect_err "val --from out of range: says why" "--from: 0001-01-01 is outside the years"
run "val status --date 9999-12-31 refused" 65 --db "$DB" status --date 9999-12-31

run "val item with a deadline in 9999 refused" 65 --db "$DB" item add --task 1 --title 事项 \
	--due 9999-12-31
expect_err "val item deadline 9999: says why" "--due: 9999-12-31 is outside the years 2000 to 2099"
run "val item with a deadline next year accepted" 0 --db "$DB" item add --task 1 --title 事项 \
	--due 2023-06-30
I1=$(cat "$WORK/out")
run "val note dated 9999 refused" 65 --db "$DB" item note "$I1" --text 进展 --date 9999-12-31
expect_err "val note dated 9999: says why" "--date: 9999-12-31 is outside the years 2000 to 2099"
run "val note dated after today refused" 65 --db "$DB" item note "$I1" --text 进展 \
	--date 2022-11-10
expect_err "val note dated after today: says why" \
	"progress note date: 2022-11-10 is after today (2022-11-09)"
run "val note of spaces refused" 65 --db "$DB" item note "$I1" --text $'\u3000 \n'
expect_err "val note of spaces: says why" "progress note must not be only spaces"
run "val note dated today accepted" 0 --db "$DB" item note "$I1" --text 进展 --date 2022-11-09
run "val risk with a next review in 9999 refused" 65 --db "$DB" risk add --post 财务 \
	--link 审批 --desc 风险 --level high --review 9999-12-31
run "val risk accepted" 0 --db "$DB" risk add --post 财务 --link 审批 --desc 风险 --level high
R1=$(cat "$WORK/out")
run "val review dated 9999 refused" 65 --db "$DB" risk review "$R1" --date 9999-12-31 \
	--result 已复核
run "val review dated after today refused" 65 --db "$DB" risk review "$R1" --date 2022-12-01 \
	--result 已复核 --next 2023-03-01
expect_err "val review after today: says why" "review date: 2022-12-01 is after today (2022-11-09)"
run "val review with its next date in 2100 refused" 65 --db "$DB" risk review "$R1" \
	--date 2022-11-01 --result 已复核 --next 2100-01-01
run "val review today with a next date ahead accepted" 0 --db "$DB" risk review "$R1" \
	--date 2022-11-09 --result 已复核 --next 2023-03-01

# ---------------------------------------------------------------- import
# CSV import validates each row's record with the same rules.
run "val export for import" 0 --db "$DB" export csv meetings -o "$WORK/val.csv"
val_csv() {
	python3 - "$WORK/val.csv" "$WORK/val-$1.csv" "$2" "$3" <<'EOF'
import csv, sys
src, dst, col, value = sys.argv[1:]
with open(src, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
head = rows[0]
rows = [rows[0], rows[1]]
rows[1][head.index(col)] = value
with open(dst, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f).writerows(rows)
EOF
}
val_csv title Title '   '
val_csv zwsp Title $'党组\u200b会议'
val_csv future Date 2099-06-01
val_csv far Date 9999-12-31
newdb "$WORK/val-import"
for _val_c in title:"title must not be only spaces" zwsp:"(U+200B ZERO WIDTH SPACE)" \
	future:"cannot be held yet" far:"9999-12-31"; do
	_val_f=${_val_c%%:*}
	run "val import refuses $_val_f" 65 --db "$WORK/val-import" import csv meetings \
		"$WORK/val-$_val_f.csv"
	expect_err "val import $_val_f: says why" "${_val_c#*:}"
done
run "val import wrote nothing" 0 --db "$WORK/val-import" meeting list --tsv
expect_no_out "val import: no meetings"

if [ -n "$_val_now_set" ]; then export LIANZHENG_NOW=$_val_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_val_tz_set" ]; then export TZ=$_val_tz_old; else unset TZ; fi
