# status, remind and schedule through the real binary, and the late lists
# they share with item list --overdue, risk list --review-due and
# meeting list --stale: the quota engine's answers on period edges, late
# entries by the working-day calendar, the year's draft on working days,
# a leap year, and a reference date outside the plan year.
#
# The clock is pinned per scenario (LIANZHENG_NOW is "today" and the entry
# time of every record), in UTC; both are restored at the end.
_st_now_set=${LIANZHENG_NOW+1} _st_now_old=${LIANZHENG_NOW-}
_st_tz_set=${TZ+1} _st_tz_old=${TZ-}
_st_cols_set=${COLUMNS+1} _st_cols_old=${COLUMNS-}
export TZ=UTC
unset COLUMNS  # tables uncut

# st_today DATE: pins "today" (and the entry time) to DATE 12:00 UTC.
st_today() { LIANZHENG_NOW=$(date -u -d "$1 12:00" +%s); export LIANZHENG_NOW; }
st_today 2022-01-01

# st_line NAME LINE: stdout holds LINE as a whole line.
# st_no_text NAME TEXT: stdout does not contain TEXT.
st_line() {
	if grep -qxF -- "$2" "$WORK/out"; then ok "$1"; else not_ok "$1" "stdout lacks the line: $2"; fi
}
st_no_text() {
	if grep -qF -- "$2" "$WORK/out"; then not_ok "$1" "stdout should not contain: $2"; else ok "$1"; fi
}
# st_row NAME OBLIGATION PERIOD REQUIRED HELD PLANNED STATE: a status --tsv line.
st_row() {
	local name=$1
	shift
	st_line "$name" "$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$@")"
}
# st_bar NAME TEXT...: some line of stdout contains every TEXT (a dashboard row).
st_bar() {
	local name=$1 pat
	shift
	cp "$WORK/out" "$WORK/st_bar"
	for pat in "$@"; do
		grep -F -- "$pat" "$WORK/st_bar" >"$WORK/st_bar2"
		mv "$WORK/st_bar2" "$WORK/st_bar"
	done
	if [ -s "$WORK/st_bar" ]; then ok "$name"; else not_ok "$name" "no line holds all of: $*"; fi
}
# st_add NAME DATE TYPE TITLE [OPTIONS]: adds a meeting; its id is left in ST_ID.
st_add() {
	local name=$1 date=$2 type=$3 title=$4
	shift 4
	run "$name" 0 --db "$ST_DB" meeting add --date "$date" --type "$type" --title "$title" "$@"
	ST_ID=$(cat "$WORK/out")
	[[ $ST_ID =~ ^[1-9][0-9]*$ ]] || ST_ID=0
}
# st_eq NAME GOT WANT
st_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected '$3', got '$2'"; fi
}

# The 2022 calendar (国务院办公厅 2022 notice), written out independently of
# the plan file: holidays as from..to, make-up working days.
ST_HOLIDAYS="2022-01-01..2022-01-03 2022-01-31..2022-02-06 2022-04-03..2022-04-05
2022-04-30..2022-05-04 2022-06-03..2022-06-05 2022-09-10..2022-09-12 2022-10-01..2022-10-07"
ST_WORKDAYS="2022-01-29 2022-01-30 2022-04-02 2022-04-24 2022-05-07 2022-10-08 2022-10-09"
# st_workday DATE: true when DATE is a working day of 2022.
st_workday() {
	local r
	for r in $ST_HOLIDAYS; do
		if [[ ! $1 < ${r%..*} && ! $1 > ${r#*..} ]]; then return 1; fi
	done
	case " $ST_WORKDAYS " in *" $1 "*) return 0 ;; esac
	[ "$(date -u -d "$1" +%u)" -le 5 ]
}

# What the plan demands, counted from the plan itself: one status line per
# obligation period, min meetings per period.
run "st plan show --tsv for the obligations" 0 plan show --tsv
ST_LINES=$(awk -F'\t' '$1 == "obligation" {
	n += ($5 == "year") ? 1 : ($5 == "half") ? 2 : ($5 == "quarter") ? 4 : 12 } END {print n}' "$WORK/out")
ST_MEETINGS=$(awk -F'\t' '$1 == "obligation" {
	n += $4 * (($5 == "year") ? 1 : ($5 == "half") ? 2 : ($5 == "quarter") ? 4 : 12) } END {print n}' "$WORK/out")
st_eq "st the 2022 plan: 62 obligation periods (1+4+2+4+12+12+1+12+1+1+12)" "$ST_LINES" 62
st_eq "st the 2022 plan: 65 meetings a year (special meetings count 4)" "$ST_MEETINGS" 65

# ============================================================ schedule
ST_DB="$WORK/st-sched"
newdb "$ST_DB"
st_today 2022-01-01
run "st schedule --dry-run on an empty database" 0 --db "$ST_DB" schedule --dry-run
cp "$WORK/out" "$WORK/st-dry"
expect_lines "st schedule --dry-run: one 'would add' line per meeting" "$ST_MEETINGS" '^would add '
expect_lines "st schedule --dry-run: nothing said to be added" 0 '^added '
# The plan's usual window (10-01..12-31) puts 组织生活会 and 民主生活会 in the
# fourth quarter, not in the middle of the year.
expect_lines "st schedule: 组织生活会 in its window" 1 '^would add 1[0-2]-[0-9][0-9] .*组织生活会'
expect_lines "st schedule: 民主生活会 in its window" 1 '^would add 1[0-2]-[0-9][0-9] .*民主生活会'
run "st plan show --tsv: the window" 0 plan show "$SRC/config/plan-2022.yaml" --tsv
expect_out "st plan show --tsv: org-life's window last" "obligation	org-life	org-life	1	year	3	practice	60,30,7	10-01..12-31"
expect_out "st plan show --tsv: a short name last" "meeting_type	special-meeting	党风廉政建设专题会议			专题会议"
run "st --type by the short name" 0 --db "$ST_DB" meeting list --type 专题会议 --tsv
run "st schedule --dry-run: meeting list after it" 0 --db "$ST_DB" meeting list --tsv
expect_no_out "st schedule --dry-run wrote nothing"

run "st schedule on an empty database" 0 --db "$ST_DB" schedule
cp "$WORK/out" "$WORK/st-real"
expect_lines "st schedule: one 'added' line per meeting" "$ST_MEETINGS" '^added '
if grep -v '^added [01][0-9]-[0-3][0-9] \(Mon\|Tue\|Wed\|Thu\|Fri\|Sat\|Sun\)  .*  #[1-9][0-9]*$' "$WORK/out" | grep -q .; then
	not_ok "st schedule: every line is 'added MM-DD Www  TITLE  #ID'"
else ok "st schedule: every line is 'added MM-DD Www  TITLE  #ID'"; fi
sed -n 's/^would add //p' "$WORK/st-dry" >"$WORK/st-dry-days"
sed -n 's/^added \(.*\)  #[0-9]*$/\1/p' "$WORK/st-real" >"$WORK/st-real-days"
if cmp -s "$WORK/st-dry-days" "$WORK/st-real-days"; then
	ok "st schedule --dry-run announced the same days and titles as the real run"
else not_ok "st schedule --dry-run announced the same days and titles as the real run" \
	"$(diff "$WORK/st-dry-days" "$WORK/st-real-days" | head -6)"; fi
# The printed weekday is the date's weekday.
_st_bad=
while read -r _st_md _st_wd _; do
	[ "$(date -u -d "2022-$_st_md" +%a)" = "$_st_wd" ] || _st_bad="$_st_bad 2022-$_st_md/$_st_wd"
done <"$WORK/st-real-days"
st_eq "st schedule: printed weekdays match the dates" "$_st_bad" ""

run "st schedule: the drafted meetings" 0 --db "$ST_DB" meeting list --tsv
cp "$WORK/out" "$WORK/st-sched-list"
expect_lines "st schedule: as many meetings stored as announced" "$ST_MEETINGS" '	planned	'
expect_lines "st schedule: every drafted meeting is planned" 0 '	\(held\|cancelled\)	'
_st_bad=
while IFS=$'\t' read -r _ _st_d _ _ _ _; do
	st_workday "$_st_d" || _st_bad="$_st_bad $_st_d"
done <"$WORK/st-sched-list"
st_eq "st schedule: every meeting on a working day of the 2022 calendar" "$_st_bad" ""
_st_bad=
while IFS=$'\t' read -r _ _st_d _ _ _ _; do
	[[ $_st_d == 2022-* ]] || _st_bad="$_st_bad $_st_d"
done <"$WORK/st-sched-list"
st_eq "st schedule: every meeting inside 2022" "$_st_bad" ""
st_eq "st schedule: no two meetings of one type on one day" \
	"$(cut -f2,4 "$WORK/st-sched-list" | sort | uniq -d | tr '\n' ' ')" ""
st_eq "st schedule: no meeting on the 国庆节 holiday" \
	"$(awk -F'\t' '$2 >= "2022-10-01" && $2 <= "2022-10-07"' "$WORK/st-sched-list" | wc -l)" 0
st_eq "st schedule: no meeting in the 春节 holiday" \
	"$(awk -F'\t' '$2 >= "2022-01-31" && $2 <= "2022-02-06"' "$WORK/st-sched-list" | wc -l)" 0
# The title names the period; the date lies inside it.
_st_bad=$(awk -F'\t' '{
	m = substr($2, 6, 2) + 0; t = $6; good = 0
	if (match(t, /\([0-9]+\/2022\)$/)) good = (substr(t, RSTART + 1, RLENGTH - 7) + 0 == m)
	else if (match(t, /\(Q[1-4] 2022\)$/)) good = (substr(t, RSTART + 2, 1) + 0 == int((m - 1) / 3) + 1)
	else if (t ~ /\(first half of 2022\)$/) good = (m <= 6)
	else if (t ~ /\(second half of 2022\)$/) good = (m >= 7)
	else if (t ~ /\(2022\)$/) good = 1
	if (!good) printf " %s:%s", $2, t }' "$WORK/st-sched-list")
st_eq "st schedule: every meeting dated inside the period its title names" "$_st_bad" ""
st_eq "st schedule: each month has its 支部委员会" \
	"$(awk -F'\t' '$4 == "branch-committee" {print substr($2, 6, 2)}' "$WORK/st-sched-list" | sort -u | tr -d '\n')" \
	"010203040506070809101112"
st_eq "st schedule: each quarter has its 集中警示教育" \
	"$(awk -F'\t' '$4 == "warning-education" {print int((substr($2, 6, 2) - 1) / 3) + 1}' "$WORK/st-sched-list" | sort -u | tr -d '\n')" \
	"1234"
st_eq "st schedule: one 谈心谈话 in each half" \
	"$(awk -F'\t' '$4 == "heart-talk" {print (substr($2, 6, 2) + 0 <= 6) ? "H1" : "H2"}' "$WORK/st-sched-list" | sort | tr -d '\n')" \
	"H1H2"
st_eq "st schedule: the 4 专题会议 spread over the four quarters" \
	"$(awk -F'\t' '$4 == "special-meeting" {print int((substr($2, 6, 2) - 1) / 3) + 1}' "$WORK/st-sched-list" | sort | tr -d '\n')" \
	"1234"

run "st status after schedule" 0 --db "$ST_DB" status --date 2022-01-01 --tsv
cp "$WORK/out" "$WORK/st-sched-status"
st_eq "st status after schedule: one line per obligation period" "$(wc -l <"$WORK/out")" "$ST_LINES"
expect_lines "st status after schedule: every line due or upcoming" "$ST_LINES" '	\(due\|upcoming\)$'
st_eq "st status after schedule: no period short of plans (held + planned >= required)" \
	"$(awk -F'\t' '$4 + $5 < $3' "$WORK/out" | wc -l)" 0
st_eq "st status after schedule: exactly the required number planned, none held" \
	"$(awk -F'\t' '$5 != $3 || $4 != 0' "$WORK/out" | wc -l)" 0
st_eq "st status after schedule: plan order, then period order" \
	"$(cut -f1,2 "$WORK/out" | head -8 | tr '\t\n' ':,')" \
	"special-meeting:2022,warning-education:2022-Q1,warning-education:2022-Q2,warning-education:2022-Q3,warning-education:2022-Q4,heart-talk:2022-H1,heart-talk:2022-H2,branch-assembly:2022-Q1,"
st_row "st status after schedule: 专题会议 4 planned for 2022" special-meeting 2022 4 0 4 due
st_row "st status after schedule: January is due" theme-day 2022-01 1 0 1 due
st_row "st status after schedule: December upcoming" central-group 2022-12 1 0 1 upcoming
st_row "st status after schedule: H2 upcoming" heart-talk 2022-H2 1 0 1 upcoming

run "st schedule a second time" 0 --db "$ST_DB" schedule
expect_out "st schedule again: nothing to add" "nothing to add"
expect_lines "st schedule again: adds nothing" 0 '^added '
run "st schedule --dry-run after the draft" 0 --db "$ST_DB" schedule --dry-run
expect_out "st schedule --dry-run after the draft: nothing to add" "nothing to add"
run "st schedule again: meeting list" 0 --db "$ST_DB" meeting list --tsv
if cmp -s "$WORK/out" "$WORK/st-sched-list"; then ok "st schedule again: the meetings are unchanged"
else not_ok "st schedule again: the meetings are unchanged"; fi
run "st schedule: db check" 0 --db "$ST_DB" db check
expect_out "st schedule: database consistent" "consistent"

# Today outside the plan year and no --date: the whole year is drafted.
ST_DB="$WORK/st-sched-2023"
newdb "$ST_DB"
st_today 2023-02-01
run "st schedule with today in 2023" 0 --db "$ST_DB" schedule --dry-run
sed -n 's/^would add //p' "$WORK/out" >"$WORK/st-2023-days"
if cmp -s "$WORK/st-2023-days" "$WORK/st-dry-days"; then
	ok "st schedule with today after the plan year drafts the whole year"
else not_ok "st schedule with today after the plan year drafts the whole year" \
	"$(diff "$WORK/st-dry-days" "$WORK/st-2023-days" | head -6)"; fi
st_today 2021-11-15
run "st schedule with today in 2021" 0 --db "$ST_DB" schedule --dry-run
sed -n 's/^would add //p' "$WORK/out" >"$WORK/st-2021-days"
if cmp -s "$WORK/st-2021-days" "$WORK/st-dry-days"; then
	ok "st schedule with today before the plan year drafts the whole year"
else not_ok "st schedule with today before the plan year drafts the whole year"; fi
st_today 2023-02-01
run "st schedule --date 2023-01-01: every period is over" 0 --db "$ST_DB" schedule --date 2023-01-01 --dry-run
expect_out "st schedule --date after the year: nothing to add" "nothing to add"
run "st schedule --date=2022-11-09 (one argument)" 0 --db "$ST_DB" schedule --date=2022-11-09 --dry-run
expect_lines "st schedule --date=D: only the rest of the year (18 meetings)" 18 '^would add '
run "st schedule --year 2022" 0 --db "$ST_DB" schedule --year 2022 --dry-run
expect_lines "st schedule --year 2022 drafts the year" "$ST_MEETINGS" '^would add '
run "st schedule --year 2023" 65 --db "$ST_DB" schedule --year 2023
expect_err "st schedule --year 2023 names the planned years" "there is no plan for 2023 in"
expect_no_out "st schedule --year 2023 adds nothing"
run "st schedule --year 1999" 65 --db "$ST_DB" schedule --year 1999
run "st schedule --year abc" 65 --db "$ST_DB" schedule --year abc
run "st schedule --date 2022-02-30" 65 --db "$ST_DB" schedule --date 2022-02-30
run "st schedule stray operand" 64 --db "$ST_DB" schedule 2022
run "st schedule unknown option" 64 --db "$ST_DB" schedule --tsv
expect_err "st schedule unknown option named" "unknown option '--tsv'"
run "st schedule: refused runs wrote nothing" 0 --db "$ST_DB" meeting list --tsv
expect_no_out "st schedule: refused runs and dry runs left the database empty"

# Today inside the year: the draft starts today.
ST_DB="$WORK/st-sched-nov"
newdb "$ST_DB"
st_today 2022-11-09
run "st schedule with today 2022-11-09" 0 --db "$ST_DB" schedule
# 专题会议 4, 党课/组织生活会/民主生活会 1 each, Q4 ×2, H2 ×1, Nov and Dec ×4.
expect_lines "st schedule from 11-09: 18 meetings" 18 '^added '
run "st schedule from 11-09: the meetings" 0 --db "$ST_DB" meeting list --tsv
st_eq "st schedule from 11-09: none before today" \
	"$(awk -F'\t' '$2 < "2022-11-09"' "$WORK/out" | wc -l)" 0
st_eq "st schedule from 11-09: 4 专题会议 in the rest of the year" \
	"$(grep -c '	special-meeting	' "$WORK/out")" 4
run "st schedule from 11-09: status" 0 --db "$ST_DB" status --date 2022-11-09 --tsv
st_row "st schedule from 11-09: October left missed" theme-day 2022-10 1 0 0 missed
st_row "st schedule from 11-09: November planned" theme-day 2022-11 1 0 1 due
st_row "st schedule from 11-09: December planned" theme-day 2022-12 1 0 1 upcoming
st_row "st schedule from 11-09: Q3 left missed" warning-education 2022-Q3 1 0 0 missed
st_row "st schedule from 11-09: Q4 planned" warning-education 2022-Q4 1 0 1 due

# Late in the year: days without a working day left are reported, and the
# draft never claims the periods are covered.
ST_DB="$WORK/st-sched-late"
newdb "$ST_DB"
run "st schedule --date 2022-12-30 (a Friday)" 0 --db "$ST_DB" schedule --date 2022-12-30 --dry-run
expect_lines "st schedule 12-30: the one working day left gets each kind once" 11 '^would add 12-30 Fri  '
expect_out "st schedule 12-30: three 专题会议 find no day" "3 meetings found no free working day in their period"
run "st schedule --date 2022-12-31 (a Saturday)" 0 --db "$ST_DB" schedule --date 2022-12-31 --dry-run
expect_lines "st schedule 12-31: nothing can be placed" 0 '^would add '
expect_out "st schedule 12-31: 14 meetings without a working day" "14 meetings found no free working day in their period"
st_no_text "st schedule 12-31: does not claim every period has enough meetings" "every period has enough meetings"
run "st schedule 12-31: still nothing stored" 0 --db "$ST_DB" meeting list --tsv
expect_no_out "st schedule 12-31: dry runs wrote nothing"

# From 2022-01-29 January has only its two make-up working days (Sat 01-29
# and Sun 01-30) before 春节: the draft uses them and skips the holiday.
ST_DB="$WORK/st-sched-makeup"
newdb "$ST_DB"
run "st schedule --date 2022-01-29" 0 --db "$ST_DB" schedule --date 2022-01-29 --dry-run
expect_lines "st schedule 01-29: the four monthly January meetings" 4 ' (1/2022)$'
st_eq "st schedule 01-29: all on the make-up days 01-29 Sat / 01-30 Sun" \
	"$(grep ' (1/2022)$' "$WORK/out" | grep -vc '^would add 01-\(29 Sat\|30 Sun\)  ')" 0
expect_lines "st schedule 01-29: nothing on 01-31 (春节)" 0 '^would add 01-31 '
expect_lines "st schedule 01-29: nothing before 01-29" 0 '^would add 01-\([01][0-9]\|2[0-8]\) '

# The draft counts what exists and avoids days taken by the same type.
ST_DB="$WORK/st-sched-some"
newdb "$ST_DB"
# Entered on its day: a meeting cannot be recorded as held before it.
st_today 2022-01-10
st_add "st schedule-some: held 主题党日 in January" 2022-01-10 theme-day 一月主题党日 --status held
st_today 2022-01-01
st_add "st schedule-some: planned 党小组会 in February" 2022-02-20 party-group 二月党小组会 --status planned
st_add "st schedule-some: cancelled 主题党日 in February" 2022-02-15 theme-day 取消的主题党日 --status cancelled
st_add "st schedule-some: a 专题会议 on 03-02" 2022-03-02 special-meeting 第一次专题会议 --status planned
run "st schedule-some --dry-run" 0 --db "$ST_DB" schedule --dry-run
expect_lines "st schedule-some: 3 meetings fewer than the whole year" $((ST_MEETINGS - 3)) '^would add '
expect_lines "st schedule-some: January 主题党日 already held" 0 '主题党日 (1/2022)'
expect_lines "st schedule-some: February 党小组会 already planned" 0 '党小组会 (2/2022)'
expect_lines "st schedule-some: a cancelled meeting does not count" 1 '主题党日 (2/2022)'
expect_lines "st schedule-some: 3 more 专题会议" 3 '党风廉政建设专题会议 (2022)'
expect_lines "st schedule-some: no second 专题会议 on 03-02" 0 '^would add 03-02 .*专题会议'

# ============================================================ period edges
ST_DB="$WORK/st-edge"
newdb "$ST_DB"
st_today 2022-04-01
run "st edge: status 03-31 on an empty database" 0 --db "$ST_DB" status --date 2022-03-31 --tsv
st_row "st edge: Q1 due on its last day" warning-education 2022-Q1 1 0 0 due
st_row "st edge: Q2 upcoming on 03-31" warning-education 2022-Q2 1 0 0 upcoming
st_row "st edge: March due" theme-day 2022-03 1 0 0 due
st_row "st edge: February missed" theme-day 2022-02 1 0 0 missed
st_row "st edge: April upcoming" theme-day 2022-04 1 0 0 upcoming
st_row "st edge: H1 due" heart-talk 2022-H1 1 0 0 due
st_row "st edge: year due" special-meeting 2022 4 0 0 due
st_eq "st edge: every line has 6 fields" "$(awk -F'\t' 'NF != 6' "$WORK/out" | wc -l)" 0
run "st edge: status 04-01 with nothing held" 0 --db "$ST_DB" status --date 2022-04-01 --tsv
st_row "st edge: Q1 missed the day after" warning-education 2022-Q1 1 0 0 missed
st_row "st edge: Q2 due on its first day" warning-education 2022-Q2 1 0 0 due
st_row "st edge: Q3 upcoming" warning-education 2022-Q3 1 0 0 upcoming
st_row "st edge: March missed on 04-01" theme-day 2022-03 1 0 0 missed
run "st edge: dashboard 04-01" 0 --db "$ST_DB" status --date 2022-04-01
st_bar "st edge: dashboard bar ✗ for Q1, … for Q2, · after" "集中警示教育 (≥1 per quarter)" " Q1✗ Q2… Q3· Q4·"
st_bar "st edge: dashboard not even planned" "集中警示教育 (≥1 per quarter)" "0/1, 91 days left ! not even planned"
expect_out "st edge: dashboard names the date and weekday" "2022-04-01 Fri"
st_line "st edge: dashboard: no meetings in the next 14 days" "  no meetings"

st_add "st edge: 警示教育 held 03-31" 2022-03-31 warning-education 一季度警示教育 --status held
ST_WE1=$ST_ID
run "st edge: status 03-31 after the meeting" 0 --db "$ST_DB" status --date 2022-03-31 --tsv
st_row "st edge: held on 03-31 meets Q1" warning-education 2022-Q1 1 1 0 met
st_row "st edge: 03-31 does not count for Q2" warning-education 2022-Q2 1 0 0 upcoming
run "st edge: status 04-01 after the meeting" 0 --db "$ST_DB" status --date 2022-04-01 --tsv
st_row "st edge: Q1 stays met" warning-education 2022-Q1 1 1 0 met
st_row "st edge: Q2 still due" warning-education 2022-Q2 1 0 0 due
run "st edge: status 03-30, before the meeting's date" 0 --db "$ST_DB" status --date 2022-03-30 --tsv
st_row "st edge: held meeting dated after D counts as planned" warning-education 2022-Q1 1 0 1 due
run "st edge: dashboard 03-31" 0 --db "$ST_DB" status --date 2022-03-31
st_bar "st edge: dashboard ✓ for Q1" "集中警示教育 (≥1 per quarter)" " Q1✓ Q2· Q3· Q4·"

st_add "st edge: 警示教育 held 04-01" 2022-04-01 warning-education 二季度警示教育 --status held
run "st edge: status 04-01 with both" 0 --db "$ST_DB" status --date 2022-04-01 --tsv
st_row "st edge: held on 04-01 meets Q2" warning-education 2022-Q2 1 1 0 met
st_row "st edge: Q1 still one" warning-education 2022-Q1 1 1 0 met
st_add "st edge: 警示教育 planned 08-20" 2022-08-20 warning-education 三季度警示教育 --status planned
st_add "st edge: 警示教育 cancelled 09-01" 2022-09-01 warning-education 取消的警示教育 --status cancelled
st_add "st edge: 警示教育 cancelled 11-01" 2022-11-01 warning-education 取消的四季度警示教育 --status cancelled
run "st edge: status 04-01 with planned and cancelled" 0 --db "$ST_DB" status --date 2022-04-01 --tsv
st_row "st edge: planned counts in planned, not held" warning-education 2022-Q3 1 0 1 upcoming
st_row "st edge: cancelled counts in neither" warning-education 2022-Q4 1 0 0 upcoming
run "st edge: status 10-10" 0 --db "$ST_DB" status --date 2022-10-10 --tsv
st_row "st edge: a planned meeting never held leaves its quarter missed" warning-education 2022-Q3 1 0 1 missed
st_row "st edge: cancelled meeting still counts nowhere" warning-education 2022-Q4 1 0 0 due

# Quorum: 支部党员大会 needs more than half.
st_add "st edge: 党员大会 held 5/10" 2022-03-10 branch-assembly 一季度党员大会 --status held --expected 10 --present 5
ST_BA5=$ST_ID
# Held meetings are entered on their day (none can be held ahead of today).
st_today 2022-05-10
st_add "st edge: 党员大会 held 6/10" 2022-05-10 branch-assembly 二季度党员大会 --status held --expected 10 --present 6
ST_BA6=$ST_ID
st_today 2022-04-01
st_add "st edge: 党员大会 planned 5/10" 2022-08-10 branch-assembly 三季度党员大会 --status planned --expected 10 --present 5
run "st edge: status 06-30 with quorum cases" 0 --db "$ST_DB" status --date 2022-06-30 --tsv
st_row "st edge: 5/10 below quorum counts in neither" branch-assembly 2022-Q1 1 0 0 missed
st_row "st edge: 6/10 counts as held" branch-assembly 2022-Q2 1 1 0 met
st_row "st edge: a planned meeting is never below quorum" branch-assembly 2022-Q3 1 0 1 upcoming
run "st edge: meeting list flags" 0 --db "$ST_DB" meeting list --date 2022-06-30
st_bar "st edge: 5/10 flagged below quorum 5/10" 一季度党员大会 "below quorum 5/10"
if grep -F 二季度党员大会 "$WORK/out" | grep -qF "below quorum"; then
	not_ok "st edge: 6/10 not flagged"; else ok "st edge: 6/10 not flagged"; fi
run "st edge: dashboard 06-30" 0 --db "$ST_DB" status --date 2022-06-30
expect_out "st edge: dashboard has meetings to look at" "Meetings to look at"
st_bar "st edge: dashboard lists the 5/10 meeting" 一季度党员大会 "below quorum 5/10" "#$ST_BA5"
st_bar "st edge: dashboard bar for 党员大会" "支部党员大会 (≥1 per quarter)" " Q1✗ Q2✓ Q3· Q4·"
if grep -F "#$ST_BA6" "$WORK/out" | grep -qF "below quorum"; then
	not_ok "st edge: dashboard does not flag 6/10"; else ok "st edge: dashboard does not flag 6/10"; fi
# 民主生活会 needs two thirds.
st_today 2022-06-20
st_add "st edge: 民主生活会 held 5/9" 2022-06-20 democratic-life 民主生活会五人 --status held --expected 9 --present 5
run "st edge: status with 民主生活会 5/9" 0 --db "$ST_DB" status --date 2022-06-30 --tsv
st_row "st edge: 5/9 is below two thirds" democratic-life 2022 1 0 0 due
st_today 2022-06-21
st_add "st edge: 民主生活会 held 6/9" 2022-06-21 democratic-life 民主生活会六人 --status held --expected 9 --present 6
st_today 2022-04-01
run "st edge: status with 民主生活会 6/9" 0 --db "$ST_DB" status --date 2022-06-30 --tsv
st_row "st edge: 6/9 is two thirds, held" democratic-life 2022 1 1 0 met

# ============================================================ late entries
ST_DB="$WORK/st-late"
newdb "$ST_DB"
# 09-30 is a Friday; 10-01..07 are 国庆节, 10-08 and 10-09 are worked: the
# three working days after 09-30 are 10-08, 10-09 and 10-10.
st_today 2022-10-09
st_add "st late: entered on 10-09 (make-up working day)" 2022-09-30 heart-talk 谈心谈话十月九日录入 --status held
ST_L9=$ST_ID
st_today 2022-10-10
st_add "st late: entered on 10-10" 2022-09-30 theme-day 主题党日十月十日录入 --status held
ST_L10=$ST_ID
st_today 2022-10-11
st_add "st late: entered on 10-11" 2022-09-30 central-group 中心组十月十一日录入 --status held
ST_L11=$ST_ID
run "st late: show entered 10-09" 0 --db "$ST_DB" meeting show "$ST_L9"
st_no_text "st late: 10-09 is within the allowance" "late entry"
run "st late: show entered 10-10" 0 --db "$ST_DB" meeting show "$ST_L10"
st_no_text "st late: 10-10, the third working day, is on time" "late entry"
run "st late: show entered 10-11" 0 --db "$ST_DB" meeting show "$ST_L11"
st_line "st late: 10-11 is a late entry" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
run "st late: meeting list" 0 --db "$ST_DB" meeting list --date 2022-10-11
expect_lines "st late: one meeting flagged in the list" 1 "late entry (补记)"
st_bar "st late: the 10-11 entry flagged in the list" 中心组十月十一日录入 "late entry (补记)"
run "st late: status 10-11" 0 --db "$ST_DB" status --date 2022-10-11
st_bar "st late: dashboard lists the late entry" 中心组十月十一日录入 "late entry (补记)" "#$ST_L11"
st_no_text "st late: dashboard does not list the on-time entry" 主题党日十月十日录入
run "st late: status tsv 10-11" 0 --db "$ST_DB" status --date 2022-10-11 --tsv
st_row "st late: a late entry still counts as held" central-group 2022-09 1 1 0 met
# As of a day before the meeting, it is not yet late (issue 16, bug 10).
run "st late: status the day before the meeting" 0 --db "$ST_DB" status --date 2022-09-29
st_no_text "st late: a meeting after --date is no late entry" "late entry"
st_no_text "st late: nothing to look at on the day before" "Meetings to look at"
# An edit days later changes neither the entry time nor the flag.
st_today 2022-10-20
run "st late: edit the late meeting's title" 0 --db "$ST_DB" meeting edit "$ST_L11" --title 中心组补记
run "st late: show after the edit" 0 --db "$ST_DB" meeting show "$ST_L11"
st_line "st late: title changed" "$(printf '%-12s  %s' Title 中心组补记)"
st_line "st late: still a late entry after the edit" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
run "st late: edit the on-time meeting much later" 0 --db "$ST_DB" meeting edit "$ST_L10" --title 主题党日改名
run "st late: show the on-time meeting after the edit" 0 --db "$ST_DB" meeting show "$ST_L10"
st_no_text "st late: an edit does not make an on-time entry late" "late entry"
# Across 春节: 01-28 is a Friday; 01-29 and 01-30 are worked, 01-31..02-06 off.
st_today 2022-02-07
st_add "st late: 01-28 entered on 02-07" 2022-01-28 theme-day 春节前主题党日 --status held
run "st late: show 01-28 entered 02-07" 0 --db "$ST_DB" meeting show "$ST_ID"
st_no_text "st late: 02-07 is the third working day after 01-28" "late entry"
st_today 2022-02-08
st_add "st late: 01-28 entered on 02-08" 2022-01-28 party-group 春节前党小组会 --status held
run "st late: show 01-28 entered 02-08" 0 --db "$ST_DB" meeting show "$ST_ID"
st_line "st late: 02-08 is too late" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
# An ordinary week: 03-02 is a Wednesday; Thu, Fri and Mon 03-07 are the allowance.
st_today 2022-03-07
st_add "st late: 03-02 entered Monday 03-07" 2022-03-02 theme-day 三月主题党日 --status held
run "st late: show 03-02 entered 03-07" 0 --db "$ST_DB" meeting show "$ST_ID"
st_no_text "st late: the weekend is not counted" "late entry"
st_today 2022-03-08
st_add "st late: 03-02 entered 03-08" 2022-03-02 party-group 三月党小组会 --status held
run "st late: show 03-02 entered 03-08" 0 --db "$ST_DB" meeting show "$ST_ID"
st_line "st late: 03-08 is the fourth working day" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
# Across 劳动节: 04-29 is a Friday, 04-30..05-04 off; 05-05, 05-06 and the
# make-up Saturday 05-07 are the allowance, so the Sunday after is late.
st_today 2022-05-07
st_add "st late: 04-29 entered on make-up Saturday 05-07" 2022-04-29 theme-day 四月主题党日 --status held
run "st late: show 04-29 entered 05-07" 0 --db "$ST_DB" meeting show "$ST_ID"
st_no_text "st late: a make-up working day counts" "late entry"
st_today 2022-05-08
st_add "st late: 04-29 entered on Sunday 05-08" 2022-04-29 party-group 四月党小组会 --status held
run "st late: show 04-29 entered 05-08" 0 --db "$ST_DB" meeting show "$ST_ID"
st_line "st late: the day after the deadline is late even when not worked" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
# The entry day is the local calendar day: 2022-03-07 20:00 UTC is already
# Tuesday 03-08 in Beijing, the fourth working day after Wednesday 03-02.
LIANZHENG_NOW=$(date -u -d "2022-03-07 20:00" +%s) TZ=Asia/Shanghai \
	st_add "st late: 03-02 entered 03-08 04:00 Beijing time" 2022-03-02 central-group 三月中心组 --status held
ST_LTZ=$ST_ID
LIANZHENG_NOW=$(date -u -d "2022-03-08 12:00" +%s) TZ=Asia/Shanghai \
	run "st late: show in Beijing time" 0 --db "$ST_DB" meeting show "$ST_LTZ"
st_line "st late: late by the local day" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
st_line "st late: entry time shown in local time" "$(printf '%-12s  %s' Record "$ST_LTZ, version 1, entered 2022-03-08 04:00, changed 2022-03-08 04:00")"
# A planned meeting is never a late entry; marked held days later it is.
st_today 2022-04-06
st_add "st late: planned 04-08 entered ahead" 2022-04-08 central-group 四月中心组 --status planned
ST_LP=$ST_ID
run "st late: planned meeting not flagged" 0 --db "$ST_DB" meeting show "$ST_LP"
st_no_text "st late: a planned meeting is not a late entry" "late entry"
st_today 2022-04-20
run "st late: marked held 12 days later" 0 --db "$ST_DB" meeting edit "$ST_LP" --status held
run "st late: show after marking held late" 0 --db "$ST_DB" meeting show "$ST_LP"
st_line "st late: marking held after the allowance is a late entry" "$(printf '%-12s  %s' Warning 'late entry (补记)')"
# The reason (补记原因, issue 16) given with the entry, or afterwards: shown
# above the flag, which it does not change.
st_add "st late: a late entry with its reason" 2022-04-08 party-group 四月党小组会补记 --status held \
	--late-reason 记录人休假
run "st late: show the reason" 0 --db "$ST_DB" meeting show "$ST_ID"
st_line "st late: the reason" "$(printf '%-21s  %s' 'Reason for late entry' 记录人休假)"
st_line "st late: still a late entry, with its reason" "$(printf '%-21s  %s' Warning 'late entry (补记)')"
run "st late: a reason given afterwards" 0 --db "$ST_DB" meeting edit "$ST_LP" --late-reason 系统故障
run "st late: show the reason given afterwards" 0 --db "$ST_DB" meeting show "$ST_LP"
st_line "st late: the later reason" "$(printf '%-21s  %s' 'Reason for late entry' 系统故障)"

# ============================================================ stale
ST_DB="$WORK/st-stale"
newdb "$ST_DB"
st_today 2022-03-01
st_add "st stale: planned 主题党日 03-10" 2022-03-10 theme-day 三月主题党日 --status planned
ST_S=$ST_ID
st_add "st stale: planned 党小组会 03-20" 2022-03-20 party-group 三月党小组会 --status planned
ST_S2=$ST_ID
st_today 2022-03-15
run "st stale: meeting list --stale --date 03-10" 0 --db "$ST_DB" meeting list --stale --date 2022-03-10 --tsv
expect_no_out "st stale: not stale on its own day"
run "st stale: meeting list --stale --date 03-11" 0 --db "$ST_DB" meeting list --stale --date 2022-03-11 --tsv
st_line "st stale: stale the day after" "$ST_S	2022-03-10		theme-day	planned	三月主题党日"
expect_lines "st stale: only the past one" 1 .
run "st stale: meeting list --stale (today 03-15)" 0 --db "$ST_DB" meeting list --stale --tsv
st_line "st stale: --date defaults to today" "$ST_S	2022-03-10		theme-day	planned	三月主题党日"
run "st stale: meeting list table" 0 --db "$ST_DB" meeting list --date 2022-03-15
st_bar "st stale: flagged in the list" 三月主题党日 "not marked held or cancelled"
if grep -F 三月党小组会 "$WORK/out" | grep -qF "not marked"; then
	not_ok "st stale: a future planned meeting is not flagged"; else ok "st stale: a future planned meeting is not flagged"; fi
run "st stale: status 03-15" 0 --db "$ST_DB" status --date 2022-03-15
expect_out "st stale: dashboard section" "Meetings to look at (1)"
st_bar "st stale: dashboard lists it with its flag" "03-10 Thu" 三月主题党日 "[not marked held or cancelled]" "#$ST_S"
st_bar "st stale: the future one in the next 14 days" "03-20 Sun" 三月党小组会 "[planned]" "#$ST_S2"
run "st stale: status tsv 03-15" 0 --db "$ST_DB" status --date 2022-03-15 --tsv
st_row "st stale: a stale meeting counts as planned" theme-day 2022-03 1 0 1 due
run "st stale: remind 03-15" 0 --db "$ST_DB" remind --date 2022-03-15
expect_out "st stale: remind asks to mark it" "meeting of 2022-03-10 still planned: mark it held or cancelled: 三月主题党日 #$ST_S"
run "st stale: mark it held" 0 --db "$ST_DB" meeting edit "$ST_S" --status held
run "st stale: --stale after marking held" 0 --db "$ST_DB" meeting list --stale --date 2022-03-15 --tsv
expect_no_out "st stale: gone from --stale once held"
run "st stale: status tsv after marking held" 0 --db "$ST_DB" status --date 2022-03-15 --tsv
st_row "st stale: now counted as held" theme-day 2022-03 1 1 0 met
run "st stale: remind after marking held" 0 --db "$ST_DB" remind --date 2022-03-15
st_no_text "st stale: remind no longer asks" "still planned"
st_add "st stale: cancelled 党小组会 02-10" 2022-02-10 party-group 取消的二月党小组会 --status cancelled
run "st stale: --stale after a cancelled past meeting" 0 --db "$ST_DB" meeting list --stale --date 2022-03-25 --tsv
st_line "st stale: 03-20 stale by 03-25" "$ST_S2	2022-03-20		party-group	planned	三月党小组会"
expect_lines "st stale: held and cancelled are never stale" 1 .
run "st stale: --stale with a bad date" 65 --db "$ST_DB" meeting list --stale --date 2022-13-01

# A 党组会议 needs its 第一议题: a planned one is flagged from 14 days ahead.
ST_DB="$WORK/st-first-topic"
newdb "$ST_DB"
st_today 2022-03-01
st_add "st first topic: planned 党组会议 03-10" 2022-03-10 leading-group 三月党组会 --status planned
ST_FT1=$ST_ID
st_add "st first topic: planned 党组会议 03-20" 2022-03-20 leading-group 三月下旬党组会 --status planned
ST_FT2=$ST_ID
run "st first topic: list 03-01" 0 --db "$ST_DB" meeting list --date 2022-03-01
st_bar "st first topic: 9 days ahead flagged" 三月党组会 "no first topic (第一议题)"
if grep -F 三月下旬党组会 "$WORK/out" | grep -qF "first topic"; then
	not_ok "st first topic: 19 days ahead not yet flagged"; else ok "st first topic: 19 days ahead not yet flagged"; fi
run "st first topic: list 03-06" 0 --db "$ST_DB" meeting list --date 2022-03-06
st_bar "st first topic: flagged 14 days ahead" 三月下旬党组会 "no first topic (第一议题)"
run "st first topic: list 03-05" 0 --db "$ST_DB" meeting list --date 2022-03-05
if grep -F 三月下旬党组会 "$WORK/out" | grep -qF "first topic"; then
	not_ok "st first topic: 15 days ahead not flagged"; else ok "st first topic: 15 days ahead not flagged"; fi
run "st first topic: dashboard 03-01" 0 --db "$ST_DB" status --date 2022-03-01
st_bar "st first topic: dashboard lists it" 三月党组会 "[no first topic (第一议题)]" "#$ST_FT1"
st_bar "st first topic: next 14 days lists it as planned" "03-10 Thu" 三月党组会 "[planned]" "#$ST_FT1"
st_no_text "st first topic: a meeting 19 days ahead is not in the next 14 days" 三月下旬党组会
run "st first topic: give it a first topic" 0 --db "$ST_DB" meeting edit "$ST_FT1" --first-topic 学习二十大精神
run "st first topic: list after the edit" 0 --db "$ST_DB" meeting list --date 2022-03-01
st_no_text "st first topic: flag gone once the topic is set" "first topic"

# ============================================================ late items and risk points
ST_DB="$WORK/st-late-lists"
newdb "$ST_DB"
st_today 2022-01-10
run "st items: open item due 03-01" 0 --db "$ST_DB" item add --task 2 --title 巡察整改台账 --owner 张三 --due 2022-03-01
ST_I1=$(cat "$WORK/out")
run "st items: in-progress item due 02-01" 0 --db "$ST_DB" item add --task 5 --title 专题会议纪要 --due 2022-02-01 --status in-progress
ST_I2=$(cat "$WORK/out")
run "st items: done item due 01-20" 0 --db "$ST_DB" item add --task 5 --title 已完成事项 --due 2022-01-20 --status done
run "st items: closed item due 01-25" 0 --db "$ST_DB" item add --task 9 --title 已销号事项 --due 2022-01-25 --status 已销号
run "st items: item due on the day itself" 0 --db "$ST_DB" item add --task 9 --title 当天到期 --due 2022-03-15
ST_I5=$(cat "$WORK/out")
run "st items: item without a deadline" 0 --db "$ST_DB" item add --task 9 --title 无期限事项
run "st risks: high risk reviewed by 03-01" 0 --db "$ST_DB" risk add --post 财务 --link 报销审核 \
	--desc 虚报冒领 --level high --review 2022-03-01 --status 在控
ST_R1=$(cat "$WORK/out")
run "st risks: risk reviewed by 03-15" 0 --db "$ST_DB" risk add --post 办公室 --link 采购 \
	--desc 围标串标 --level medium --review 2022-03-15
ST_R2=$(cat "$WORK/out")
run "st risks: risk reviewed by 06-01" 0 --db "$ST_DB" risk add --post 工会 --link 经费 \
	--desc 挪用经费 --level low --review 2022-06-01
run "st items: list --overdue --date 03-15" 0 --db "$ST_DB" item list --overdue --date 2022-03-15 --tsv
st_eq "st items: overdue rows exactly, by deadline" "$(cat "$WORK/out")" \
	"$ST_I2	5	2022-02-01	in-progress		专题会议纪要
$ST_I1	2	2022-03-01	open	张三	巡察整改台账"
run "st items: list --overdue --date 03-01" 0 --db "$ST_DB" item list --overdue --date 2022-03-01 --tsv
st_eq "st items: a deadline on D is not yet overdue" "$(cut -f1 "$WORK/out" | tr '\n' ' ')" "$ST_I2 "
run "st items: list --overdue --date 02-01" 0 --db "$ST_DB" item list --overdue --date 2022-02-01 --tsv
expect_no_out "st items: closed items never overdue"
run "st items: list --overdue --task 5" 0 --db "$ST_DB" item list --overdue --task 5 --date 2022-03-15 --tsv
st_eq "st items: --overdue with --task" "$(cut -f1 "$WORK/out" | tr '\n' ' ')" "$ST_I2 "
run "st risks: list --review-due --date 03-15" 0 --db "$ST_DB" risk list --review-due --date 2022-03-15 --tsv
st_eq "st risks: review-due rows exactly" "$(cat "$WORK/out")" \
	"$ST_R1	high	3	3	2022-03-01	在控	财务	报销审核	虚报冒领"
run "st risks: list --review-due --date 03-16" 0 --db "$ST_DB" risk list --review-due --date 2022-03-16 --tsv
st_eq "st risks: review on 03-15 is due by 03-16" "$(cut -f1 "$WORK/out" | tr '\n' ' ')" "$ST_R1 $ST_R2 "
run "st risks: list --review-due --date 03-01" 0 --db "$ST_DB" risk list --review-due --date 2022-03-01 --tsv
expect_no_out "st risks: a review on D is not yet past"

run "st late lists: status 03-15" 0 --db "$ST_DB" status --date 2022-03-15
expect_out "st late lists: dashboard late items section" "Late items (2)"
st_line "st late lists: dashboard late item with owner" "  ! 2022-03-01  巡察整改台账  张三  (task 2)  #$ST_I1"
st_line "st late lists: dashboard late item without owner" "  ! 2022-02-01  专题会议纪要  (task 5)  #$ST_I2"
st_no_text "st late lists: a done item is not late" 已完成事项
st_no_text "st late lists: a closed item is not late" 已销号事项
st_no_text "st late lists: an item due on D is not late" "#$ST_I5"
expect_out "st late lists: dashboard risk section" "Risk points past their review date (1)"
st_line "st late lists: dashboard risk point" "  ! 2022-03-01  财务 · 报销审核  虚报冒领  #$ST_R1"
st_no_text "st late lists: a review on D is not past" 围标串标
run "st late lists: remind 03-15" 0 --db "$ST_DB" remind --date 2022-03-15
expect_out "st late lists: remind late item" "late item: 巡察整改台账 (due 2022-03-01) #$ST_I1"
expect_out "st late lists: remind item due today" "item due: 当天到期 (due 2022-03-15) #$ST_I5"
expect_out "st late lists: remind risk point" "risk point to review: 财务 · 报销审核 (by 2022-03-01) #$ST_R1"
st_no_text "st late lists: remind skips closed items" 已销号事项
st_no_text "st late lists: remind skips a review beyond the days" 挪用经费

# ============================================================ remind
ST_DB="$WORK/st-remind"
newdb "$ST_DB"
st_today 2022-03-20
run "st remind: empty database, date after the plan year" 0 --db "$ST_DB" remind --date 2023-03-01
expect_no_out "st remind: quiet when nothing is due"
expect_no_err "st remind: quiet on stderr too"
run "st remind: empty database 03-25" 0 --db "$ST_DB" remind --date 2022-03-25
expect_out "st remind: a heading line" "lianzheng:"
expect_out "st remind: 警示教育 due in the quarter's last week" "集中警示教育: 0 of 1 held for Q1 2022, the period ends 2022-03-31"
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$ST_DB" remind --date 2022-03-25 >"$WORK/out" 2>"$WORK/err"
	expect_out "st remind zh: the quarter in words" "应召开 1 次（2022年第一季度）"
	LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$ST_DB" status --date 2022-08-01 >"$WORK/out" 2>"$WORK/err"
	expect_out "st status zh: quarters and halves in words" "一季度✗ 二季度✗ 三季度… 四季度·"
else
	echo "ok $((n += 1)) - st remind zh: the quarter in words # SKIP no zh_CN.UTF-8 locale"
	echo "ok $((n += 1)) - st status zh: quarters and halves in words # SKIP no zh_CN.UTF-8 locale"
fi
run "st remind --days 0 on 03-31" 0 --db "$ST_DB" remind --date 2022-03-31 --days 0
expect_out "st remind --days 0: due on the period's last day" "集中警示教育: 0 of 1 held for Q1 2022, the period ends 2022-03-31"
run "st remind --days 0 on 03-30" 0 --db "$ST_DB" remind --date 2022-03-30 --days 0
st_no_text "st remind --days 0: a period ending tomorrow is not within 0 days" "held for 2022-Q1"
st_add "st remind: 警示教育 planned 03-29" 2022-03-29 warning-education 一季度警示教育 --status planned
ST_RW=$ST_ID
run "st remind 03-20, planned beyond 7 days" 0 --db "$ST_DB" remind --date 2022-03-20
st_no_text "st remind: a planned 警示教育 9 days ahead is not mentioned" 集中警示教育
run "st remind 03-22 --days 7" 0 --db "$ST_DB" remind --date 2022-03-22
expect_out "st remind: the planned meeting within 7 days" "2022-03-29 集中警示教育: 一季度警示教育 #$ST_RW"
run "st remind 03-25 with the meeting planned" 0 --db "$ST_DB" remind --date 2022-03-25
expect_out "st remind: still 0 of 1 held near the end" "集中警示教育: 0 of 1 held for Q1 2022, the period ends 2022-03-31"
run "st remind: dashboard 03-25" 0 --db "$ST_DB" status --date 2022-03-25
st_bar "st remind: dashboard warns within the 7-day lead time" "集中警示教育 (≥1 per quarter)" "0/1, 7 days left, 1 planned !"
run "st remind: dashboard 03-11" 0 --db "$ST_DB" status --date 2022-03-11
st_bar "st remind: dashboard warns within the 21-day lead time" "集中警示教育 (≥1 per quarter)" "0/1, 21 days left, 1 planned !"
run "st remind: dashboard 03-10" 0 --db "$ST_DB" status --date 2022-03-10
st_bar "st remind: no warning 22 days ahead" "集中警示教育 (≥1 per quarter)" "| 0/1, 22 days left, 1 planned"
if grep -F "集中警示教育 (≥1 per quarter)" "$WORK/out" | grep -q '!'; then
	not_ok "st remind: no '!' before the lead time"; else ok "st remind: no '!' before the lead time"; fi
run "st remind --days 0 on the meeting's day" 0 --db "$ST_DB" remind --date 2022-03-29 --days 0
expect_out "st remind --days 0: a meeting today" "2022-03-29 集中警示教育: 一季度警示教育 #$ST_RW"

# Every period current on 2022-05-10 met: nothing to say.
ST_DB="$WORK/st-quiet"
newdb "$ST_DB"
st_today 2022-05-10
for _st_m in 01-10 02-14 03-10 04-11; do
	st_add "st quiet: 专题会议 $_st_m" 2022-$_st_m special-meeting "专题会议$_st_m" --status held
done
st_add "st quiet: 党课" 2022-03-15 party-lecture 党课 --status held
st_add "st quiet: 组织生活会" 2022-02-15 org-life 组织生活会 --status held
st_add "st quiet: 民主生活会" 2022-02-16 democratic-life 民主生活会 --status held --expected 9 --present 9
st_add "st quiet: 警示教育" 2022-04-12 warning-education 二季度警示教育 --status held
st_add "st quiet: 党员大会" 2022-04-13 branch-assembly 二季度党员大会 --status held --expected 10 --present 8
st_add "st quiet: 谈心谈话" 2022-03-01 heart-talk 上半年谈心谈话 --status held
st_add "st quiet: 支部委员会" 2022-05-05 branch-committee 五月支委会 --status held
st_add "st quiet: 党小组会" 2022-05-06 party-group 五月党小组会 --status held
st_add "st quiet: 主题党日" 2022-05-07 theme-day 五月主题党日 --status held
st_add "st quiet: 中心组" 2022-05-09 central-group 五月中心组 --status held
run "st quiet: status 05-10" 0 --db "$ST_DB" status --date 2022-05-10 --tsv
st_eq "st quiet: every current period met" \
	"$(awk -F'\t' '$6 == "due"' "$WORK/out" | wc -l)" 0
run "st quiet: remind 05-10" 0 --db "$ST_DB" remind --date 2022-05-10
expect_no_out "st quiet: remind prints nothing at all"
run "st quiet: remind 05-10 --days 30" 0 --db "$ST_DB" remind --date 2022-05-10 --days 30
expect_no_out "st quiet: met periods are not due even within 30 days"
st_add "st quiet: 主题党日 planned 05-20" 2022-05-20 theme-day 五月第二次主题党日 --status planned
run "st quiet: remind 05-10, planned meeting 10 days ahead" 0 --db "$ST_DB" remind --date 2022-05-10
expect_no_out "st quiet: a meeting beyond 7 days is not mentioned"
run "st quiet: remind 05-10 --days 10" 0 --db "$ST_DB" remind --date 2022-05-10 --days 10
expect_out "st quiet: --days 10 reaches 05-20" "2022-05-20 主题党日: 五月第二次主题党日 #$ST_ID"
run "st quiet: remind bad --days" 65 --db "$ST_DB" remind --days -1
run "st quiet: remind --days 367" 65 --db "$ST_DB" remind --days 367
run "st quiet: remind --days x" 65 --db "$ST_DB" remind --days x
run "st quiet: remind --date 2022-02-30" 65 --db "$ST_DB" remind --date 2022-02-30
expect_err "st quiet: remind bad date named" "2022-02-30"
run "st quiet: remind operand" 64 --db "$ST_DB" remind soon
run "st quiet: remind unknown option" 64 --db "$ST_DB" remind --tsv
run "st quiet: remind --days without value" 64 --db "$ST_DB" remind --days

# ============================================================ outside the plan year
ST_DB="$WORK/st-other-year"
newdb "$ST_DB"
st_today 2023-03-01
st_add "st other year: 警示教育 held in Q1 2022" 2022-02-10 warning-education 警示教育 --status held
st_add "st other year: 主题党日 planned 2022-12-20" 2022-12-20 theme-day 十二月主题党日 --status planned
run "st other year: status --date 2023-03-01" 0 --db "$ST_DB" status --date 2023-03-01 --tsv
st_eq "st other year: still one line per 2022 period" "$(wc -l <"$WORK/out")" "$ST_LINES"
st_eq "st other year: every 2022 period met or missed" \
	"$(awk -F'\t' '$6 != "met" && $6 != "missed"' "$WORK/out" | wc -l)" 0
st_row "st other year: Q1 met" warning-education 2022-Q1 1 1 0 met
st_row "st other year: Q2 missed" warning-education 2022-Q2 1 0 0 missed
st_row "st other year: planned but never held: missed" theme-day 2022-12 1 0 1 missed
run "st other year: status without --date (today 2023-03-01)" 0 --db "$ST_DB" status --tsv
st_eq "st other year: today after the year: nothing due" \
	"$(awk -F'\t' '$6 == "due" || $6 == "upcoming"' "$WORK/out" | wc -l)" 0
run "st other year: dashboard 2023-03-01" 0 --db "$ST_DB" status --date 2023-03-01
st_bar "st other year: dashboard bar" "集中警示教育 (≥1 per quarter)" " Q1✓ Q2✗ Q3✗ Q4✗"
st_no_text "st other year: no days left shown" "days left"
run "st other year: status --date 2021-12-31" 0 --db "$ST_DB" status --date 2021-12-31 --tsv
st_eq "st other year: before the year every period is upcoming" \
	"$(awk -F'\t' '$6 != "upcoming"' "$WORK/out" | wc -l)" 0
st_row "st other year: held later than D counts as planned" warning-education 2022-Q1 1 0 1 upcoming
run "st other year: remind 2023-03-01" 0 --db "$ST_DB" remind --date 2023-03-01
st_no_text "st other year: remind names no 2022 period" "held for"

# ============================================================ usage errors
ST_DB="$WORK/st-usage"
newdb "$ST_DB"
run "st status unknown option" 64 --db "$ST_DB" status --frob
expect_err "st status unknown option named" "unknown option '--frob'"
run "st status operand" 64 --db "$ST_DB" status 2022-03-01
run "st status --date without value" 64 --db "$ST_DB" status --date
run "st status --date 2022-02-30" 65 --db "$ST_DB" status --date 2022-02-30
expect_err "st status bad date named" "2022-02-30"
# Dates as people type them (issue 16): 2022-2-3 is the 3rd of February;
# what is still no date is refused.
run "st status --date 2022-2-3 taken" 0 --db "$ST_DB" status --date 2022-2-3
run "st status --date 2022-2-3x" 65 --db "$ST_DB" status --date 2022-2-3x
expect_err "st status --date 2022-2-3x says what a date looks like" \
	"--date: 2022-2-3x: not a date (type it as 2022-03-01, 2022/3/1 or 3/1)"
run "st status --days (not an option of status)" 64 --db "$ST_DB" status --days 3
run "st item list --overdue bad date" 65 --db "$ST_DB" item list --overdue --date 2022-02-29
run "st risk list --review-due bad date" 65 --db "$ST_DB" risk list --review-due --date 2022030
run "st risk list --review-due --date 20220301 taken" 0 --db "$ST_DB" risk list --review-due --date 20220301
run "st risk list --review-due operand" 64 --db "$ST_DB" risk list --review-due x

# ============================================================ a leap year
ST_DB="$WORK/st-2024"
newdb "$ST_DB"
st_today 2024-03-01
awk '/^calendar:/ {skip = 1} /^# The five responsibilities/ {skip = 0} !skip' \
	"$SRC/config/plan-2022.yaml" | sed 's/^year: 2022$/year: 2024/' >"$WORK/st-plan-2024.yaml"
run "st 2024: the changed plan is valid" 0 plan check "$WORK/st-plan-2024.yaml"
run "st 2024: init with the 2024 plan" 0 --db "$ST_DB" init --plan "$WORK/st-plan-2024.yaml"
run "st 2024: status 2024-02-29" 0 --db "$ST_DB" status --date 2024-02-29 --tsv
st_eq "st 2024: as many lines as for 2022" "$(wc -l <"$WORK/out")" "$ST_LINES"
st_row "st 2024: February due on the 29th" theme-day 2024-02 1 0 0 due
st_row "st 2024: January missed" theme-day 2024-01 1 0 0 missed
st_row "st 2024: March upcoming" theme-day 2024-03 1 0 0 upcoming
st_row "st 2024: Q1 due" warning-education 2024-Q1 1 0 0 due
st_row "st 2024: the year's label" special-meeting 2024 4 0 0 due
st_add "st 2024: 主题党日 on 2024-02-29" 2024-02-29 theme-day 闰日主题党日 --status held
st_add "st 2024: 中心组 on 2024-12-31" 2024-12-31 central-group 年末中心组 --status planned
run "st 2024: status 2024-02-29 after the meeting" 0 --db "$ST_DB" status --date 2024-02-29 --tsv
st_row "st 2024: the 29th counts for February" theme-day 2024-02 1 1 0 met
st_row "st 2024: and not for March" theme-day 2024-03 1 0 0 upcoming
st_row "st 2024: the year's last day counts for December" central-group 2024-12 1 0 1 upcoming
run "st 2024: status 2024-03-01" 0 --db "$ST_DB" status --date 2024-03-01 --tsv
st_row "st 2024: February met on 03-01" theme-day 2024-02 1 1 0 met
st_row "st 2024: March due on 03-01" theme-day 2024-03 1 0 0 due
st_row "st 2024: February of other types missed" central-group 2024-02 1 0 0 missed
run "st 2024: dashboard 2024-02-29" 0 --db "$ST_DB" status --date 2024-02-29
expect_out "st 2024: dashboard date is a Thursday" "2024-02-29 Thu"
# One day, not "1 days" (issue 16, bug 15: counted words through ngettext).
st_bar "st 2024: 1 day left in February" "支部委员会 (≥1 per month)" "0/1, 1 day left"
st_no_text "st 2024: no '1 days'" "1 days"
run "st 2024: schedule --date 2024-02-01 --dry-run" 0 --db "$ST_DB" schedule --date 2024-02-01 --dry-run
st_eq "st 2024: February drafts inside February (up to the 29th)" \
	"$(grep '(2/2024)' "$WORK/out" | awk '{print $3}' | awk '$1 < "02-01" || $1 > "02-29"' | wc -l)" 0
expect_lines "st 2024: February 主题党日 already held" 0 '主题党日 (2/2024)'
expect_lines "st 2024: three February meetings drafted" 3 '(2/2024)'
expect_lines "st 2024: December 中心组 already planned" 0 '理论学习中心组学习 (12/2024)'
run "st 2024: schedule --year 2023 (no plan of its own)" 65 --db "$ST_DB" schedule --year 2023
run "st 2024: --date 2023-02-29 is not a date" 65 --db "$ST_DB" status --date 2023-02-29

# ------------------------------------------------- every database is clean
for _st_db in st-sched st-sched-nov st-sched-late st-sched-some st-edge st-late st-stale st-first-topic st-late-lists st-remind st-quiet st-other-year st-2024; do
	run "st final db check $_st_db" 0 --db "$WORK/$_st_db" db check
done

if [ -n "$_st_now_set" ]; then export LIANZHENG_NOW=$_st_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_st_tz_set" ]; then export TZ=$_st_tz_old; else unset TZ; fi
if [ -n "$_st_cols_set" ]; then export COLUMNS=$_st_cols_old; fi
unset ST_DB ST_ID
