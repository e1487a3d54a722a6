#!/usr/bin/env bash
# What an hour of a secretary's work in the full-screen program tripped
# over (issue 16, the hour of use): forms typed as she types — Enter
# breaking lines in a text of several lines, a list field found by what
# is typed, a time as the hour alone or 下午3点, the field just left saying
# whole what is wrong with it, F5 ticking those present and adding an
# absentee; a message too long for the key bar read whole; deadlines and
# review dates of another year shown with their year; a key for a meeting
# on a day without one saying so; the overview's warning in words.  Usage:
# t_secretary.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is 2022-06-15 08:00 UTC (lib.sh); messages are English.
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'

tui_cal() {
	tui_start "$@"
	keys 4
	wait_for "Mo    Tu"
}

people() {
	cli init
	cli person add --name 张三 --post 书记
	cli person add --name 李四 --post 副主席
	cli person add --name 王五 --post 委员
}

# ---------------------------------------------------------------------------
t_meeting_as_typed() {
	tui_new_test
	people
	tui_cal
	keys a
	expect_screen "typed: the form opens on Type" "New meeting"
	typ "警示"
	expect_screen "typed: 警示 finds 集中警示教育" "Type 集中警示教育 ▾"
	typ "z"
	expect_screen "typed: what no choice holds is said" "No choice of Type holds “警示z”"
	expect_screen "typed: the choice stays" "Type 集中警示教育 ▾"
	keys Up   # End
	typ "下午3点"
	keys Up   # Start
	expect_screen "typed: 下午3点 is 15:00" "End 15:00"
	typ "9:61"
	keys Tab
	expect_screen "typed: the field left says what is wrong, whole, at the bottom" \
		"Start: there is no minute 61 (minutes run from 0 to 59)"
	keys Up
	typ "9"
	keys Tab
	expect_screen "typed: the hour alone is 9:00" "Start 09:00"
	expect_not_screen "typed: the complaint went with the mistake" "there is no minute 61"
	# End -> Attendees: Type Status Title Location Host Recorder Expected Present Attendees
	local i
	for ((i = 0; i < 9; i++)); do keys Tab; done
	expect_screen "typed: in 参会人员 F5 is offered" "F5 pick"
	keys F5
	expect_screen "ticks: the people to tick" "Space ticks, Enter takes"
	expect_screen "ticks: each unticked" "[ ] 王五"
	keys Space Down Space
	expect_screen "ticks: ticked" "[✓] 李四"
	keys Enter
	expect_screen "ticks: the names joined by 、" "Attendees 张三、李四"
	keys Tab   # Absent
	expect_screen "counts: 实到 counted from the names" "Present 2"
	expect_screen "counts: 应到 too, no one absent yet" "Expected 2"
	keys F5
	expect_screen "absent: the people to pick" "王五"
	keys Down Down Enter
	typ "出差"
	expect_screen "absent: a line NAME：REASON" "Absent 王五：出差"
	keys Enter
	typ "赵六：病假"
	expect_screen "absent: Enter started the second line" "赵六：病假"
	keys Tab
	expect_screen "counts: 应到 counts the absentees" "Expected 4"
	expect_screen "counts: 实到 stays" "Present 2"
	# A number she types is hers: the names no longer change it.
	local r
	for ((r = 0; r < 3; r++)); do keys BTab; done   # Non-voting -> Absent -> Attendees -> Present
	typ "3"
	keys Tab End
	typ "、钱七"
	keys Tab
	expect_screen "counts: her 实到 kept" "Present 3"
	expect_screen "counts: 应到 left as it was" "Expected 4"
	keys F2
	expect_screen "save: the missing title is said" "Title: required"
	typ "二季度警示教育"
	keys F2
	expect_screen "save: saved" "Meeting added: 二季度警示教育"
	cli meeting list --tsv
	local id
	id=$(cut -f1 "$TDIR/out")
	cli meeting show "$id"
	out_has "stored: 15:00" "15:00"
	out_has "stored: 09:00" "09:00"
	out_has "stored: attendees" "张三、李四"
	out_has "stored: the first absentee" "王五"
	out_has "stored: the second absentee on a line of their own" "赵六"
	out_has "stored: 实到 as she typed it" "Present       3"
	out_has "stored: 应到 as counted" "Expected      4"
	keys q
	expect_exit "typed: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_day_without_meeting() {
	tui_new_test
	cli init
	tui_cal
	keys x
	expect_screen "empty day: x says there is nothing to mark" "No meeting on 2022-06-15: F2 adds one."
	keys e
	expect_screen "empty day: e says so too" "No meeting on 2022-06-15: F2 adds one."
	keys q
	expect_exit "empty day: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_other_year_dates() {
	tui_new_test
	cli init
	cli item add --task 2 --title 跨年整改事项 --owner 张三 --due 2023-03-31
	cli risk add --post 财务 --link 报销 --desc 跨年复核的风险点 --level high --review 2023-03-01
	tui_start
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	expect_screen "deadline: in another year shown whole" "2023-03-31"
	keys 3
	expect_screen "review: in another year shown whole" "2023-03-01"
	keys q
	expect_exit "other year: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_overview_words() {
	tui_new_test
	cli init
	cli meeting add --date 2022-06-20 --type warning-education --title 二季度警示教育
	tui_start
	expect_line "overview: the planned one counted, the warning in words" "集中警示教育" \
		"0/1, 16 days left, 1 planned ! due soon"
	expect_line "overview: a year's note leaves out the count its cell shows" "党风廉政建设专题会议" \
		"… 0/4  200 days left ! not even planned"
	keys q
	expect_exit "overview: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_long_message() {
	tui_new_test
	cli init
	# A year without a plan: N drafts it, and the message says what to do
	# next in more than a key bar's width.
	tui_start LIANZHENG_NOW=1686816000   # 2023-06-15
	expect_screen "long: the year has no plan" "2023 has no plan yet: N starts it"
	keys N
	expect_screen "long: asked" "(y/n)"
	keys y
	expect_screen "long: the message's start" "The plan for 2023 was started from 2022's"
	expect_screen "long: the message's end, on the row below" "'plan import'."
	capture
	case $(row $((ROWS - 2))) in
	*"The plan for 2023"*) ok "long: the message takes the row above the key bar" ;;
	*) not_ok "long: the message takes the row above the key bar" "row: $(row $((ROWS - 2)))" ;;
	esac
	keys Down
	expect_not_screen "long: the next key clears it" "'plan import'."
	expect_screen "long: the key bar is back" "F10Quit"
	keys q
	expect_exit "long: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# A form that opens on a filled-in date offers it: typing replaces it, as
# in a date tabbed into (the notice form opens on 收文日期 = today).
t_form_opens_on_date() {
	tui_new_test
	cli init
	tui_start
	keys 6
	wait_for "Notices"
	keys a
	expect_screen "open on date: the notice form" "*Received 2022-06-15"
	typ "6/1"
	keys Tab
	expect_screen "open on date: typing replaced the date offered" "*Received 2022-06-01"
	esc_discard
	keys q
	expect_exit "open on date: q quits with status 0" 0
	tui_end
}

all_tests="t_form_opens_on_date t_meeting_as_typed t_day_without_meeting t_other_year_dates t_overview_words t_long_message"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
