#!/usr/bin/env bash
# The full-screen program across years (issue 15): a calendar year without
# a plan says so on the overview and N starts it from the latest plan; Y
# chooses the year in view and every pane follows.  Usage:
# t_years.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
set -u
. "$(dirname "$0")/lib.sh"

t_new_year() {
	tui_new_test
	# Today is in 2023; the database holds only 2022's plan.
	export LIANZHENG_NOW
	LIANZHENG_NOW=$(date -u -d "2023-03-01 12:00" +%s)
	cli init
	cli item add --task 2 --title 跨年的整改事项 --due 2022-11-30
	tui_start "LIANZHENG_NOW=$LIANZHENG_NOW"
	expect_screen "years: the title says the year in view" "[Year 2022]"
	expect_screen "years: 2023 without a plan is said on the overview" \
		"2023 has no plan yet: N starts it from the plan for 2022."
	keys N
	expect_screen "years: N asks first" "Start the plan for 2023 from the plan for 2022"
	keys y
	expect_screen "years: the view moves to the new year" "[Year 2023]"
	expect_screen "years: and says how to replace the draft texts" "The plan for 2023 was started"
	expect_not_screen "years: no notice once 2023 has a plan" "has no plan yet"
	keys 4
	expect_screen "years: the calendar moves into the new year" "2023-03-01 Wednesday"
	keys 2 Down
	expect_screen "years: the open 2022 item is carried into 2023, marked" "跨年的整改事项 (carried"
	keys Y
	expect_screen "years: Y lists the planned years" "2022  2022年"
	keys Up Enter
	expect_screen "years: Y chose 2022" "[Year 2022]"
	expect_not_screen "years: 2022's own item is not marked there" "carried over"
	keys q
	expect_exit "years: q quits with status 0" 0
	cli plan list --tsv
	out_has "years: the database holds 2023's plan" "2023	2023年"
	cli audit verify
	out_has "years: audit passes" "audit passed"
	tui_end
	LIANZHENG_NOW=$NOW
}

# A (as of): the year in view as it stood on a day of it; the title says
# so, the overview judges by it, and an empty answer goes back.
t_as_of() {
	tui_new_test
	export LIANZHENG_NOW
	LIANZHENG_NOW=$(date -u -d "2023-03-01 12:00" +%s)
	cli init
	cli item add --task 2 --title 年底逾期的事项 --due 2022-11-30
	tui_start "LIANZHENG_NOW=$LIANZHENG_NOW"
	expect_screen "as of: a past year is judged at its end" "年底逾期的事项"
	expect_screen "as of: a past year's periods are all final" "Q1✗ Q2✗ Q3✗ Q4✗"
	keys 2
	expect_screen "as of: the tasks pane marks the late item" "0/1 !"
	keys 1
	expect_not_screen "as of: the usual day is not spelled out" "as of"
	keys A
	expect_screen "as of: A asks for a day of the year in view" "See 2022 as of"
	keys C-u; typ 2023-01-05; keys Enter
	expect_screen "as of: a day outside the year is refused, saying why" "is not in 2022"
	keys C-u; typ 2022-06-30; keys Enter
	expect_screen "as of: the title names the chosen day" "[Year 2022, as of 2022-06-30]"
	expect_not_screen "as of: an item due in November is not late on 30 June" "年底逾期的事项"
	expect_screen "as of: the half year is in progress on 30 June" "H1… H2·"
	keys 2
	expect_not_screen "as of: the tasks pane judges by the same day" "0/1 !"
	keys 1 A C-u Enter
	expect_screen "as of: empty goes back to the year's end" "年底逾期的事项"
	expect_screen "as of: and the title drops the day" "[Year 2022]"
	keys q
	expect_exit "as of: q quits with status 0" 0
	tui_end
	LIANZHENG_NOW=$NOW
}

# A year whose plan has no holidays says that weekends alone are days off,
# on the overview and under the calendar.
t_no_calendar() {
	tui_new_test
	export LIANZHENG_NOW
	LIANZHENG_NOW=$(date -u -d "2027-03-01 12:00" +%s)
	cli init
	cli plan new --year 2027
	tui_start "LIANZHENG_NOW=$LIANZHENG_NOW"
	expect_screen "no calendar: the overview says so" \
		"no holiday data for 2027: only Saturdays and Sundays are days off"
	keys 4
	expect_screen "no calendar: so does the calendar" "2027: no holiday data, weekends only"
	keys Y
	keys Up Enter
	expect_screen "no calendar: 2022 in view" "[Year 2022]"
	expect_not_screen "no calendar: 2022 has its holidays" "no holiday data"
	keys q
	expect_exit "no calendar: q quits with status 0" 0
	tui_end
	LIANZHENG_NOW=$NOW
}

t_new_year
t_as_of
t_no_calendar
finish
