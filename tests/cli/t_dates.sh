# Dates and times as people type them (issue 16), on the command line and
# in a spreadsheet's cells: every option and column that takes a date
# reads 2022/3/1, 2022.3.1, 2022年3月1日, 20220301 and, without a year,
# 3/1 (the year of today on the command line, the plan's in a file);
# times as 9:00, 9:5, 9点30.  What is still no date is refused with what
# is wrong, never only "format", and nothing is written.
#
# The clock is pinned to 2022-11-09 13:20 UTC.
_dt_now_set=${LIANZHENG_NOW+1} _dt_now_old=${LIANZHENG_NOW-}
_dt_tz_set=${TZ+1} _dt_tz_old=${TZ-}
export LIANZHENG_NOW=1668000000 TZ=UTC

DT_DB="$WORK/dt"
newdb "$DT_DB"

# dt_tsv NAME LINE: the last run's stdout holds LINE (tabs as \t) whole.
dt_tsv() {
	local want
	want=$(printf '%b' "$2")
	if grep -qxF -- "$want" "$WORK/out"; then ok "$1"; else not_ok "$1" "stdout lacks the line: $2"; fi
}

# ------------------------------------------------------- options of add/edit
run "dt meeting add --date 2022/3/1 --time 9:5" 0 --db "$DT_DB" meeting add --date 2022/3/1 \
	--time 9:5 --end 10点30 --type theme-day --title 斜杠日期的会议 --status planned
M1=$(cat "$WORK/out")
run "dt meeting add --date 2022年3月2日 --time 9点" 0 --db "$DT_DB" meeting add \
	--date 2022年3月2日 --time 9点 --type theme-day --title 中文日期的会议 --status planned
run "dt meeting add --date 20220303 --time 0930" 0 --db "$DT_DB" meeting add --date 20220303 \
	--time 0930 --type theme-day --title 八位日期的会议 --status planned
run "dt meeting add --date 3/4 (this year's)" 0 --db "$DT_DB" meeting add --date 3/4 \
	--time 14.30 --type theme-day --title 无年份的会议 --status planned
run "dt meeting list --tsv" 0 --db "$DT_DB" meeting list --tsv
dt_tsv "dt 2022/3/1 9:5 kept as 2022-03-01 09:05" "$M1\t2022-03-01\t09:05\ttheme-day\tplanned\t斜杠日期的会议"
sed -i 's/^[0-9]*//' "$WORK/out"
dt_tsv "dt 2022年3月2日 9点 kept as 2022-03-02 09:00" "\t2022-03-02\t09:00\ttheme-day\tplanned\t中文日期的会议"
dt_tsv "dt 20220303 0930 kept as 2022-03-03 09:30" "\t2022-03-03\t09:30\ttheme-day\tplanned\t八位日期的会议"
dt_tsv "dt 3/4 is 2022-03-04, 14.30 is 14:30" "\t2022-03-04\t14:30\ttheme-day\tplanned\t无年份的会议"
run "dt meeting show: the end time 10点30" 0 --db "$DT_DB" meeting show "$M1"
expect_out "dt 10点30 kept as 10:30" "10:30"
run "dt meeting edit --date 2022.3.10" 0 --db "$DT_DB" meeting edit "$M1" --date 2022.3.10
run "dt meeting list --from 2022/3/5 --to 3.31" 0 --db "$DT_DB" meeting list --from 2022/3/5 \
	--to 3.31 --tsv
dt_tsv "dt the edited meeting in the range" "$M1\t2022-03-10\t09:05\ttheme-day\tplanned\t斜杠日期的会议"
expect_lines "dt only it in the range" 1 '	'

# ----------------------------------------------------------- what is refused
cp "$DT_DB/data.mdb" "$WORK/dt.before"
run "dt --date 2022-02-30 refused" 65 --db "$DT_DB" meeting add --date 2022-02-30 \
	--type theme-day --title x
expect_err "dt says February has no 30th" "--date: 2022-02-30: February has no 30th"
run "dt --date 2022/13/1 refused" 65 --db "$DT_DB" meeting add --date 2022/13/1 \
	--type theme-day --title x
expect_err "dt says there is no month 13" "--date: 2022/13/1: there is no month 13"
run "dt --date 2023-2-29 refused" 65 --db "$DT_DB" meeting add --date 2023-2-29 \
	--type theme-day --title x
expect_err "dt says 2023 is not a leap year" \
	"--date: 2023-2-29: February 2023 has no 29th (2023 is not a leap year)"
run "dt --time 25:00 refused" 65 --db "$DT_DB" meeting add --date 2022-03-01 --time 25:00 \
	--type theme-day --title x
expect_err "dt says there is no hour 25" "--time: 25:00: there is no hour 25 (hours run from 0 to 23)"
run "dt --time 9:60 refused" 65 --db "$DT_DB" meeting add --date 2022-03-01 --time 9:60 \
	--type theme-day --title x
expect_err "dt says there is no minute 60" \
	"--time: 9:60: there is no minute 60 (minutes run from 0 to 59)"
run "dt --time 9.3 refused" 65 --db "$DT_DB" meeting add --date 2022-03-01 --time 9.3 \
	--type theme-day --title x
expect_err "dt says 9.3 is ambiguous" "--time: 9.3: 09:03 or 09:30? Type it with a colon"
run "dt --from 22/3/1 refused" 65 --db "$DT_DB" meeting list --from 22/3/1
expect_err "dt says what a date looks like" \
	"--from: 22/3/1: not a date (type it as 2022-03-01, 2022/3/1 or 3/1)"
if cmp -s "$DT_DB/data.mdb" "$WORK/dt.before"; then ok "dt refused adds wrote nothing"; else
	not_ok "dt refused adds wrote nothing"; fi

# ------------------------------------------------- other options taking dates
run "dt status --date 2022/3/1" 0 --db "$DT_DB" status --date 2022/3/1
run "dt item add --due 2022年6月30日" 0 --db "$DT_DB" item add --task 1 --title 日期测试事项 \
	--due 2022年6月30日
I1=$(cat "$WORK/out")
run "dt item note --date 2022.3.1" 0 --db "$DT_DB" item note "$I1" --text 已部署 --date 2022.3.1
run "dt item show" 0 --db "$DT_DB" item show "$I1"
expect_out "dt the deadline kept as 2022-06-30" "2022-06-30"
expect_out "dt the note dated 2022-03-01" "2022-03-01  已部署"

# ------------------------------------------------------------------ CSV cells
DT_HEAD='Date,Start,End,Type,Status,Title,Location,Host,Recorder,Expected,Present,Attendees,Absent,Non-voting,First topic,Topics,Decisions,Summary,Tasks'
DT_DB2="$WORK/dt-csv"
newdb "$DT_DB2"
{
	printf '\357\273\277%s\r\n' "$DT_HEAD"
	printf '2022/4/1,9:5,,theme-day,planned,斜杠,,,,,,,,,,,,,\r\n'
	printf '2022.4.2,9点30,10点,theme-day,planned,点号,,,,,,,,,,,,,\r\n'
	printf '2022年4月3日,0930,,theme-day,planned,中文,,,,,,,,,,,,,\r\n'
	printf '20220404,09:00:00,,theme-day,planned,八位,,,,,,,,,,,,,\r\n'
	printf '4/5,9.30,,theme-day,planned,无年份,,,,,,,,,,,,,\r\n'
} >"$WORK/dates.csv"
run "dt import csv with typed dates" 0 --db "$DT_DB2" import csv meetings "$WORK/dates.csv"
run "dt the imported meetings" 0 --db "$DT_DB2" meeting list --tsv
sed -i 's/^[0-9]*//' "$WORK/out"
dt_tsv "dt csv 2022/4/1 9:5" "\t2022-04-01\t09:05\ttheme-day\tplanned\t斜杠"
dt_tsv "dt csv 2022.4.2 9点30" "\t2022-04-02\t09:30\ttheme-day\tplanned\t点号"
dt_tsv "dt csv 2022年4月3日 0930" "\t2022-04-03\t09:30\ttheme-day\tplanned\t中文"
dt_tsv "dt csv 20220404 09:00:00" "\t2022-04-04\t09:00\ttheme-day\tplanned\t八位"
dt_tsv "dt csv 4/5 in the plan's year" "\t2022-04-05\t09:30\ttheme-day\tplanned\t无年份"
{
	printf '\357\273\277%s\r\n' "$DT_HEAD"
	printf '2022/4/31,,,theme-day,planned,坏日期,,,,,,,,,,,,,\r\n'
	printf '2022-04-06,9:75,,theme-day,planned,坏时间,,,,,,,,,,,,,\r\n'
} >"$WORK/bad-dates.csv"
run "dt csv with impossible dates refused" 65 --db "$DT_DB2" import csv meetings "$WORK/bad-dates.csv"
expect_err "dt csv says April has no 31st" "bad-dates.csv:2: Date: 2022/4/31: April has no 31st"
expect_err "dt csv says there is no minute 75" \
	"bad-dates.csv:3: Start: 9:75: there is no minute 75 (minutes run from 0 to 59)"

if [ -n "$_dt_now_set" ]; then export LIANZHENG_NOW=$_dt_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_dt_tz_set" ]; then export TZ=$_dt_tz_old; else unset TZ; fi
unset DT_DB DT_DB2 M1 I1
