# Every year in one database: each year's plan stored on its own, the plan
# in force for a date, --year, undo of a year's plan, and a database of
# format 4 (one plan) brought to this format with its chain intact.
Y_DB="$WORK/years"
Y_PLAN23="$WORK/plan-2023.yaml"
# The 2023 plan: the bundled one under another year, without 2022's calendar.
python3 - "$SRC/config/plan-2022.yaml" "$Y_PLAN23" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
s = s.replace('year: 2022', 'year: 2023', 1).replace('title: 2022年', 'title: 2023年', 1)
a, b = s.index('calendar:'), s.index('# The five responsibilities')
open(sys.argv[2], 'w', encoding='utf-8').write(s[:a] + s[b:])
PY
LIANZHENG_NOW=$(date -u -d "2023-06-30 12:00" +%s)
export LIANZHENG_NOW
newdb "$Y_DB"
run "yr: a 2022 special meeting" 0 --db "$Y_DB" meeting add --date 2022-05-10 --type special-meeting \
	--title 二〇二二年专题会议 --status held
run "yr: a 2023 party-group meeting under the 2022 plan" 0 --db "$Y_DB" meeting add --date 2023-03-01 \
	--type special-meeting --title 二〇二三年专题会议 --status held
# Items entered while 2022 is the year in force: one still open, one closed in 2022.
run "yr: an open 2022 item" 0 --db "$Y_DB" item add --task 2 --title 二〇二二年未完成整改 \
	--due 2022-11-30
run "yr: a 2022 item closed in 2022" 0 --db "$Y_DB" item add --task 2 --title 二〇二二年已销号整改 \
	--due 2022-09-30 --status closed --done 2022-09-20
run "yr: plan list before: one year" 0 --db "$Y_DB" plan list --tsv
expect_lines "yr: plan list: 2022 only" 1 '^20'
expect_out "yr: plan list: 2022's row" "2022	2022年县总工会党风廉政建设和反腐败工作要点	13	11"

run "yr: plan import 2023" 0 --db "$Y_DB" plan import "$Y_PLAN23"
expect_out "yr: plan import says which year" "plan 2023"
run "yr: plan list after: both years" 0 --db "$Y_DB" plan list --tsv
expect_lines "yr: plan list: two years" 2 '^20'
expect_out "yr: plan list: 2023's row" "2023	2023年县总工会党风廉政建设和反腐败工作要点	13	11"
run "yr: plan list text marks the year in force" 0 --db "$Y_DB" plan list
expect_out "yr: 2023 is in force on 2023-06-30" "in force now"
run "yr: plan show --year 2022 keeps 2022's calendar" 0 --db "$Y_DB" plan show --year 2022 --tsv
expect_lines "yr: 2022 plan has its holidays" 7 '^holiday	'
run "yr: plan show --year 2023" 0 --db "$Y_DB" plan show --year 2023 --tsv
expect_out "yr: 2023 plan's title" "plan	2023	"
run "yr: plan show --year 2021 (no plan)" 65 --db "$Y_DB" plan show --year 2021
expect_err "yr: names the planned years" "(planned: 2022, 2023)"

# Each year counts its own meetings under its own plan.
run "yr: status --year 2022" 0 --db "$Y_DB" status --year 2022 --tsv
expect_out "yr: 2022's special meetings: one held, the year over" "special-meeting	2022	4	1	0	missed"
run "yr: status --year 2023" 0 --db "$Y_DB" status --year 2023 --tsv
expect_out "yr: 2023's special meetings: one so far" "special-meeting	2023	4	1	0	due"
run "yr: status --date 2022-12-31 uses 2022's plan" 0 --db "$Y_DB" status --date 2022-12-31 --tsv
expect_out "yr: --date implies its year" "special-meeting	2022	4	1	0	due"
run "yr: status without a year: today's (2023)" 0 --db "$Y_DB" status --tsv
expect_out "yr: the default year is today's" "special-meeting	2023	"
run "yr: status --year 2024 (no plan)" 65 --db "$Y_DB" status --year 2024
expect_err "yr: --year of an unplanned year names the planned ones" "there is no plan for 2024"
run "yr: report --year 2022 in 2023" 0 --db "$Y_DB" report --year 2022 --format txt
expect_out "yr: 2022's ledger under 2022's plan" "2022年县总工会党风廉政建设和反腐败工作要点"
expect_out "yr: a past year's ledger is as of its last day" "2022-12-31"
run "yr: report --year 2023" 0 --db "$Y_DB" report --year 2023 --format md
expect_out "yr: 2023's ledger under 2023's plan" "2023年县总工会党风廉政建设和反腐败工作要点"
expect_out "yr: the open 2022 item is carried into 2023, marked" \
	"二〇二二年未完成整改 (carried over from an earlier year)"
expect_lines "yr: the item closed in 2022 is not in 2023's ledger" 0 "二〇二二年已销号整改"
run "yr: report --year 2022 has both of its items" 0 --db "$Y_DB" report --year 2022 --format md
expect_lines "yr: 2022's closed item" 1 "二〇二二年已销号整改"
expect_lines "yr: 2022's open item, not marked there" 0 "carried over"
run "yr: status --year 2023 lists the carried late item" 0 --db "$Y_DB" status --year 2023
expect_out "yr: the late 2022 item is still 2023's business" "二〇二二年未完成整改"

# The lists take --year for their dates and items.
run "yr: meeting list --year 2022" 0 --db "$Y_DB" meeting list --year 2022 --tsv
expect_lines "yr: only 2022's meeting" 1 "专题会议"
expect_out "yr: the 2022 one" "二〇二二年专题会议"
run "yr: meeting list --year 2023 --to narrows" 0 --db "$Y_DB" meeting list --year 2023 --to 2023-02-01 --tsv
expect_lines "yr: nothing before February" 0 "专题会议"
run "yr: meeting list --year 2019 (no plan) borrows names" 0 --db "$Y_DB" meeting list --year 2019
run "yr: meeting list --year bad" 65 --db "$Y_DB" meeting list --year 20x3
run "yr: item list --year 2023" 0 --db "$Y_DB" item list --year 2023
expect_out "yr: the open 2022 item is carried into 2023" "二〇二二年未完成整改 (carried over from an earlier year)"
expect_lines "yr: not the one closed in 2022" 0 "二〇二二年已销号整改"
run "yr: item list --year 2022" 0 --db "$Y_DB" item list --year 2022 --tsv
expect_lines "yr: both of 2022's items" 2 "二〇二二年"
run "yr: item list --year 2021" 0 --db "$Y_DB" item list --year 2021 --tsv
expect_lines "yr: none in 2021" 0 "二〇二二年"
run "yr: item list --overdue --year 2022" 0 --db "$Y_DB" item list --overdue --year 2022 --tsv
expect_lines "yr: late at 2022's end" 1 "二〇二二年未完成整改"
run "yr: item list --overdue --year 2022 --date 2022-10-01" 0 --db "$Y_DB" item list --overdue \
	--year 2022 --date 2022-10-01 --tsv
expect_lines "yr: not late on 1 October" 0 "二〇二二年"
run "yr: item matrix --year 2021" 0 --db "$Y_DB" item matrix --year 2021 --tsv
expect_lines "yr: an empty matrix for 2021" 0 "."
run "yr: item matrix --year 2022 --late" 0 --db "$Y_DB" item matrix --year 2022 --late --tsv
expect_out "yr: one late item of task 2 at 2022's end" "	2	1	1"
run "yr: remind --year 2022" 0 --db "$Y_DB" remind --year 2022 --days 30
expect_out "yr: remind reads 2022's plan" "late item: 二〇二二年未完成整改"
run "yr: remind --year 2024 (no plan)" 65 --db "$Y_DB" remind --year 2024
run "yr: export csv meetings --year 2023" 0 --db "$Y_DB" export csv meetings --year 2023
expect_lines "yr: one 2023 meeting" 1 "二〇二三年专题会议"
expect_lines "yr: no 2022 meeting" 0 "二〇二二年专题会议"
run "yr: export csv items --year 2023" 0 --db "$Y_DB" export csv items --year 2023
expect_lines "yr: the carried item only" 1 "二〇二二年"
run "yr: export csv risks --year refused" 64 --db "$Y_DB" export csv risks --year 2023
expect_err "yr: says risk points belong to no year" "belong to no year"
run "yr: export ics --year 2022" 0 --db "$Y_DB" export ics --year 2022
expect_lines "yr: one event in 2022" 1 "BEGIN:VEVENT"
run "yr: export ics --year 2022 --from 2023-01-01" 0 --db "$Y_DB" export ics --year 2022 --from 2023-01-01
expect_lines "yr: --from cannot widen the year" 0 "BEGIN:VEVENT"

run "yr: audit verify with two plans" 0 --db "$Y_DB" audit verify
run "yr: db check with two plans" 0 --db "$Y_DB" db check
# A plan of 2023 imported again, unchanged: nothing written.
run "yr: the same plan again" 0 --db "$Y_DB" plan import "$Y_PLAN23"
expect_out "yr: nothing written" "nothing was written"
run "yr: plan import of a missing database" 66 --db "$WORK/no-such-db" plan import "$Y_PLAN23"
run "yr: plan import without a file" 64 --db "$Y_DB" plan import

# Undo takes the year's plan away again; the first plan stays.
run "yr: undo the 2023 plan" 0 --db "$Y_DB" undo
run "yr: plan list after undo" 0 --db "$Y_DB" plan list --tsv
expect_lines "yr: one year again" 1 '^20'
run "yr: audit verify after the undo" 0 --db "$Y_DB" audit verify
run "yr: db check after the undo" 0 --db "$Y_DB" db check
run "yr: undo the 2023 meeting" 0 --db "$Y_DB" undo
run "yr: undo the 2022 meeting" 0 --db "$Y_DB" undo
run "yr: undo the closed item" 0 --db "$Y_DB" undo
run "yr: undo the open item" 0 --db "$Y_DB" undo
run "yr: the database's first plan is not undone" 65 --db "$Y_DB" undo
expect_err "yr: nothing left to undo" "there is no change to undo"
run "yr: still planned" 0 --db "$Y_DB" plan list --tsv
expect_lines "yr: 2022 kept" 1 '^2022	'

# A database written by format 4 (tests/data/format4-2022.mdb: the bundled
# plan, a person, two meetings, an item and a risk point, made by the
# version before plans by year) is read and upgraded with its chain intact.
F4="$WORK/format4"
mkdir -m 700 "$F4"
cp "$SRC/tests/data/format4-2022.mdb" "$F4/data.mdb"
chmod 600 "$F4/data.mdb"
run "yr f4: plan list reads the old plan" 0 --db "$F4" plan list --tsv
expect_out "yr f4: its plan is 2022's" "2022	2022年县总工会党风廉政建设和反腐败工作要点	13	11"
run "yr f4: audit verify after the upgrade" 0 --db "$F4" audit verify
expect_out "yr f4: every record matches its history" "5 records match their history"
run "yr f4: db check after the upgrade" 0 --db "$F4" db check
expect_out "yr f4: all records there" "people: 1, items: 1, meetings: 2, risks: 1"
run "yr f4: status --year 2022" 0 --db "$F4" status --year 2022 --tsv
expect_out "yr f4: the old meeting counts" "special-meeting	2022	4	1	0	missed"
run "yr f4: import a 2023 plan" 0 --db "$F4" plan import "$Y_PLAN23"
run "yr f4: audit verify with the old entries and a new year" 0 --db "$F4" audit verify
run "yr f4: undo the 2023 plan" 0 --db "$F4" undo
run "yr f4: audit verify after undo" 0 --db "$F4" audit verify
run "yr f4: the old plan is not undone away" 0 --db "$F4" plan list --tsv
expect_lines "yr f4: 2022 still" 1 '^2022	'
# A backup of the old format restores (it is brought up to date when opened).
run "yr f4: restore an old-format backup" 0 --db "$Y_DB" restore "$SRC/tests/data/format4-2022.mdb"
run "yr f4: audit after restoring it" 0 --db "$Y_DB" audit verify
unset LIANZHENG_NOW

# A past year's ledger tells its items as they stood on 31 December, from
# their history, whatever changed since, and whether they were carried
# into the next year (issue 15; the ledger of issue 16).
E_DB="$WORK/year-end"
LIANZHENG_NOW=$(date -u -d "2022-03-01 12:00" +%s)
export LIANZHENG_NOW
newdb "$E_DB"
run "ye: a rectification item due in November" 0 --db "$E_DB" item add --task 2 \
	--title 年末逾期的整改 --source 县委巡察反馈 --due 2022-11-30
E_LATE=$(cat "$WORK/out")
run "ye: an item due next March" 0 --db "$E_DB" item add --task 2 --title 次年到期的事项 --due 2023-03-31
run "ye: an item done within the year" 0 --db "$E_DB" item add --task 5 --title 年内完成的事项 \
	--due 2022-06-30 --status done
LIANZHENG_NOW=$(date -u -d "2023-02-10 12:00" +%s)
run "ye: the 2023 plan" 0 --db "$E_DB" plan import "$Y_PLAN23"
run "ye: the late item closed in 2023" 0 --db "$E_DB" item edit "$E_LATE" --status closed \
	--signed-off 2023-02-10
run "ye: a note of 2023" 0 --db "$E_DB" item note "$E_LATE" --date 2023-02-10 --text 已整改到位
LIANZHENG_NOW=$(date -u -d "2023-06-30 12:00" +%s)
run "ye: 2022's ledger in 2023" 0 --db "$E_DB" report --year 2022 --format txt
expect_out "ye: as of the year's end" "As of 2022-12-31"
expect_out "ye: the items are told as they stood" "Items as they stood on 2022-12-31, from their history"
expect_out "ye: the item closed later is late as it was" "未开始 (late)"
expect_out "ye: and carried into the next year" "年末逾期的整改 (carried into 2023)"
expect_lines "ye: not its later status" 0 "已销号.*年末逾期的整改"
expect_out "ye: none closed (已销号) at the year's end" "  已销号             0"
expect_lines "ye: not its later note" 0 "已整改到位"
expect_lines "ye: not its later 销号" 0 "2023-02-10"
expect_out "ye: an item open at the end, not yet due, is carried too" "次年到期的事项 (carried into 2023)"
expect_lines "ye: an item done within the year is not carried" 0 "年内完成的事项 (carried"
expect_out "ye: late at the year's end, counted" "! of which late      1"
sed -n '/^5\. Rectification ledger/,/^6\. /p' "$WORK/out" >"$WORK/ye-rect"
if grep -qF 'Status: 未开始 (late)' "$WORK/ye-rect"; then
	ok "ye: the rectification ledger has it late, as it stood"
else not_ok "ye: the rectification ledger has it late, as it stood" "$(cat "$WORK/ye-rect")"; fi
expect_out "ye: the meetings that count are those held by the year's end" "held by 2022-12-31"
run "ye: 2023's ledger" 0 --db "$E_DB" report --year 2023 --format txt
expect_out "ye: 2023 has it carried over, as it is now" "年末逾期的整改 (carried over from an earlier year)"
expect_out "ye: with its 销号" "Signed off: 2023-02-10"
expect_lines "ye: 2023's is no past year" 0 "carried into 2024"
unset LIANZHENG_NOW

# The new-year step: a draft from the year before, the calendar from the
# shipped holiday data, stored at once or written for revision.
N_DB="$WORK/newyear"
LIANZHENG_NOW=$(date -u -d "2023-01-05 12:00" +%s)
export LIANZHENG_NOW
newdb "$N_DB"
run "yr new: an open item of 2022" 0 --db "$N_DB" item add --task 2 --title 跨年整改事项 --due 2022-11-30
run "yr new: plan new --year 2023 -o" 0 --db "$N_DB" plan new --year 2023 -o "$WORK/draft-2023.yaml"
expect_out "yr new: says where the draft went and how to import it" "plan import $WORK/draft-2023.yaml"
expect_out "yr new: lists the item carried over" "跨年整改事项"
run "yr new: the draft passes plan check" 0 plan check "$WORK/draft-2023.yaml"
expect_out "yr new: a plan for 2023" "valid plan for 2023"
run "yr new: the draft has 2023's holidays" 0 plan show "$WORK/draft-2023.yaml" --tsv
expect_out "yr new: 春节 2023" "holiday	2023-01-21	2023-01-27	春节"
drafts=$(grep -c 'Draft: replace' "$WORK/draft-2023.yaml")
if [ "$drafts" -eq 19 ]; then ok "yr new: title, requirement, 4 sections and 13 tasks marked as drafts"
else not_ok "yr new: title, requirement, 4 sections and 13 tasks marked as drafts" "$drafts marks"; fi
run "yr new: -o wrote nothing into the database" 0 --db "$N_DB" plan list --tsv
expect_lines "yr new: still one year" 1 '^20'
run "yr new: plan new --year 2023 stores it" 0 --db "$N_DB" plan new --year 2023
run "yr new: now two years" 0 --db "$N_DB" plan list --tsv
expect_lines "yr new: 2022 and 2023" 2 '^20'
run "yr new: not over a year that has a plan" 65 --db "$N_DB" plan new --year 2023
expect_err "yr new: says how to revise instead" "already has a plan"
run "yr new: a year without holiday data" 0 --db "$N_DB" plan new --year 2099 -o "$WORK/draft-2099.yaml"
expect_err "yr new: says only weekends are off" "no holiday data for 2099"
run "yr new: a year without holiday data, stored" 0 --db "$N_DB" plan new --year 2027
run "yr new: status of that year" 0 --db "$N_DB" status --year 2027 --tsv
expect_err "yr new: status says working days are weekdays" "warning: no holiday data for 2027"
run "yr new: schedule of that year" 0 --db "$N_DB" schedule --year 2027 --dry-run
expect_err "yr new: so does the schedule" "warning: no holiday data for 2027"
run "yr new: the ledger of that year" 0 --db "$N_DB" report --year 2027 --format txt
expect_out "yr new: the ledger says so too" "no holiday data for 2027"
expect_out "yr new: the ledger shows the copied texts as a draft, from the year of their words" \
	"[Draft: the 2022 text, to be replaced]"
run "yr new: status of a year with holidays" 0 --db "$N_DB" status --year 2023 --tsv
expect_lines "yr new: says nothing of holidays" 0 "holiday"
run "yr new: --from a year without a plan" 65 --db "$N_DB" plan new --year 2024 --from 2021
run "yr new: --year is required" 64 --db "$N_DB" plan new
run "yr new: audit verify" 0 --db "$N_DB" audit verify
unset LIANZHENG_NOW
