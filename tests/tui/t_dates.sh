#!/usr/bin/env bash
# Dates and times typed as people type them (issue 16): a form takes
# 2022/3/1, 3/1 (the year in view), 9:5, 10点30 and shows each as it is
# kept once the field is left; what is no date says what is wrong; the go-to
# prompt reads the same; and a new record's date starts at the day in view,
# not at today when the year in view is past.  Usage:
# t_dates.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is 2022-06-15 08:00 UTC (lib.sh); messages are English but in
# the one test under zh_CN.UTF-8.
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'
TASK2="着力做好县委巡察整改工作"

tui_cal() {
	tui_start "$@"
	keys 4
	wait_for "Mo    Tu"
}

# ---------------------------------------------------------------------------
t_meeting_typed() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "typed: the form opens" "New meeting"
	keys Up Up Up C-u   # Type -> End -> Start -> Date
	typ "2022/3/1"
	keys Tab
	expect_screen "typed: 2022/3/1 shown as 2022-03-01 once left" "*Date 2022-03-01"
	typ "9:5"
	keys Tab
	expect_screen "typed: 9:5 shown as 09:05" "Start 09:05"
	typ "10点30"
	keys Tab
	expect_screen "typed: 10点30 shown as 10:30" "End 10:30"
	keys Down   # Type -> Status
	# A day before today was held, unless she says otherwise (issue 16).
	expect_screen "typed: the status follows the past date" "Status held ▾"
	keys Space Space
	expect_screen "typed: planned, as she chose" "Status planned ▾"
	keys Down   # Status -> Title
	typ "斜杠日期的党组会议"
	keys F2
	expect_screen "typed: saved" "Meeting added: 斜杠日期的党组会议"
	cli meeting list --tsv
	out_is "typed: stored as 2022-03-01 09:05" "1${TAB}2022-03-01${TAB}09:05${TAB}leading-group${TAB}planned${TAB}斜杠日期的党组会议"
	cli meeting show 1
	out_has "typed: the end stored as 10:30" "10:30"
	# Without a year: the year in view's.
	keys a
	expect_screen "year-less: a second form" "New meeting"
	keys Up Up Up C-u
	typ "3/8"
	keys Tab
	expect_screen "year-less: 3/8 shown as 2022-03-08" "*Date 2022-03-08"
	typ "0930"
	keys Tab
	expect_screen "year-less: 0930 shown as 09:30" "Start 09:30"
	keys Tab Down   # End -> Type -> Status (held: the day in view is past)
	keys Left
	expect_screen "year-less: planned" "Status planned ▾"
	keys Down
	typ "无年份的党组会议"
	keys F2
	expect_screen "year-less: saved" "Meeting added: 无年份的党组会议"
	cli meeting list --tsv
	out_has "year-less: stored as 2022-03-08 09:30" "2${TAB}2022-03-08${TAB}09:30${TAB}leading-group${TAB}planned${TAB}无年份的党组会议"
	keys q
	expect_exit "typed: q quits with status 0" 0
	db_clean "typed: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_meeting_refused() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "refused: the form opens" "New meeting"
	keys Up Up Up C-u
	typ "2022-02-30"
	keys Tab
	expect_line "refused: what is wrong, beside the date" "*Date 2022-02-30" "February has no 30th"
	typ "25:00"
	keys Tab
	expect_line "refused: hour 25 beside the start" "Start 25:00" "there is no hour 25"
	typ "9:60"
	keys Tab
	expect_line "refused: minute 60 beside the end" "End 9:60" "there is no minute 60"
	keys Down Down
	typ "日期有误的会议"
	keys F2
	expect_screen "refused: the save names the field and the fault" "Date: February has no 30th"
	expect_screen "refused: the form stays open" "New meeting"
	expect_screen "refused: what was typed is kept" "*Date 2022-02-30"
	cli meeting list --tsv
	out_is "refused: nothing saved" ""
	esc_discard
	expect_not_screen "refused: Esc closes the form" "New meeting"
	tui_end
}

t_meeting_refused_zh() {
	if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
		skip "refused zh: 2月没有30日" "no zh_CN.UTF-8 locale"
		return
	fi
	tui_new_test
	tui_start LC_ALL=zh_CN.UTF-8
	keys 4
	wait_for "一    二"
	keys a
	expect_screen "refused zh: the form opens" "新建会议"
	keys Up Up Up C-u
	typ "2022-02-30"
	keys Tab
	expect_screen "refused zh: 2月没有30日" "2月没有30日"
	esc
	tui_end
}

# ---------------------------------------------------------------------------
t_goto_typed() {
	tui_new_test
	tui_cal
	keys g
	expect_screen "goto typed: the prompt opens" "Go to date (2022-03-01, 3/1 …):"
	typ "3/1"
	keys Enter
	expect_row "goto typed: 3/1 is 2022-03-01" 3 "2022-03-01"
	keys g
	typ "2022年10月1日"
	keys Enter
	expect_row "goto typed: 2022年10月1日" 3 "2022-10-01"
	keys g
	typ "2022-02-30"
	keys Enter
	expect_screen "goto typed: 2022-02-30 refused with what is wrong" "2022-02-30: February has no 30th"
	expect_screen "goto typed: asked again" "Go to date (2022-03-01, 3/1 …):"
	esc
	expect_row "goto typed: still on 2022-10-01" 3 "2022-10-01"
	tui_end
}

# ---------------------------------------------------------------------------
# Today is 2026-06-15; the year in view is 2022, the latest planned one.
t_past_year_defaults() {
	tui_new_test
	local now
	now=$(date -u -d "2026-06-15 08:00" +%s)
	LIANZHENG_NOW=$now cli init
	LIANZHENG_NOW=$now cli item add --task 2 --title 往年的整改事项
	local id
	id=$(cat "$TDIR/out")
	tui_start "LIANZHENG_NOW=$now"
	expect_screen "past year: 2022 in view" "[Year 2022]"
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	wait_for "2. $TASK2"
	keys n
	expect_screen "past year: the note form opens" "Progress note: 往年的整改事项"
	expect_screen "past year: the note dated in 2022, not today" "*Date 2022-06-15"
	typ "已整改"
	keys F2
	expect_screen "past year: the note saved" "Progress note added: 往年的整改事项"
	LIANZHENG_NOW=$now cli item show "$id"
	out_has "past year: the note stored in 2022" "2022-06-15  已整改"
	keys 4
	wait_for "Mo    Tu"
	keys a
	expect_screen "past year: a new meeting on the day in view" "*Date 2022-06-15"
	keys Up Up Up C-u
	typ "3/1"
	keys Tab
	expect_screen "past year: 3/1 is in the year in view" "*Date 2022-03-01"
	esc_discard
	keys q
	expect_exit "past year: q quits with status 0" 0
	tui_end
}

all_tests="t_meeting_typed t_meeting_refused t_meeting_refused_zh t_goto_typed t_past_year_defaults"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
