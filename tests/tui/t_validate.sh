#!/usr/bin/env bash
# The forms refuse what the command line refuses (core/record/lz_validate.c): a
# required field of spaces (issue 16, bug 1), held meetings and progress
# notes dated after today, dates outside the years 2000 to 2099, the same
# in the go-to prompt.  Usage:
# t_validate.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is 2022-06-15 08:00 UTC (lib.sh); messages are English.
set -u
. "$(dirname "$0")/lib.sh"

TASK2="着力做好县委巡察整改工作"

tui_cal() {
	tui_start "$@"
	keys 4
	wait_for "Mo    Tu"
}

# ---------------------------------------------------------------------------
t_meeting_title_of_spaces() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "meeting spaces: the form opens" "New meeting"
	keys Down Down   # Type -> Status -> Title
	typ $'\u3000\u3000'
	keys Tab
	expect_line "meeting spaces: a title of full-width spaces is marked required" "*Title" "required"
	keys F2
	expect_screen "meeting spaces: the save is refused" "Title: required"
	expect_screen "meeting spaces: the form stays open" "New meeting"
	cli meeting list --tsv
	out_is "meeting spaces: nothing saved" ""
	esc
	tui_end
}

t_meeting_held_in_future() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "held future: the form opens" "New meeting"
	keys Up Up Up C-u   # Type -> End -> Start -> Date
	typ "2022-06-20"
	keys Down Down Down Down Space   # Start -> End -> Type -> Status: held
	expect_screen "held future: status held" "Status held ▾"
	keys Down
	typ "尚未召开的会议"
	keys Down Down Down Down Down Down Down Down Down
	typ "学习党章"
	keys F2
	expect_screen "held future: refused with the reason" \
		"a meeting on 2022-06-20 cannot be held yet: today is 2022-06-15"
	expect_screen "held future: the form stays open" "New meeting"
	cli meeting list --tsv
	out_is "held future: nothing saved" ""
	esc
	tui_end
}

t_item_title_of_spaces() {
	tui_new_test
	tui_start
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	wait_for "2. $TASK2"
	keys a
	expect_screen "item spaces: the form opens" "New item"
	typ "   "
	keys F2
	expect_screen "item spaces: the save is refused" "Title: required"
	expect_screen "item spaces: the form stays open" "New item"
	cli item list --tsv
	out_is "item spaces: nothing saved" ""
	esc
	tui_end
}

t_note_dates() {
	tui_new_test
	seed item --task 2 --title 整改经费报销手续不全问题
	local id=$ID
	tui_start
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	wait_for "2. $TASK2"
	keys n
	expect_screen "note dates: the form opens" "Progress note: 整改经费报销手续不全问题"
	keys Up C-u
	typ "9999-12-31"
	keys Down
	expect_line "note dates: 9999 marked beside the field" "*Date 9999-12-31" "only the years 2000 to 2099"
	typ "已补齐凭证"
	keys F2
	expect_screen "note dates: 9999 refused on saving" "only the years 2000 to 2099"
	expect_screen "note dates: the form stays open" "Progress note:"
	keys C-u
	typ "2022-06-16"
	keys F2
	expect_screen "note dates: tomorrow refused" \
		"progress note date: 2022-06-16 is after today (2022-06-15)"
	keys C-u
	typ "2022-06-15"
	keys F2
	expect_screen "note dates: today saves" "Progress note added: 整改经费报销手续不全问题"
	cli item show "$id"
	out_has "note dates: the note stored, dated today" "2022-06-15  已补齐凭证"
	tui_end
}

t_goto_out_of_range() {
	tui_new_test
	tui_cal
	keys g
	expect_screen "goto range: the prompt opens" "Go to date (2022-03-01, 3/1 …):"
	keys C-u
	typ "9999-12-31"
	keys Enter
	expect_screen "goto range: 9999 refused" "Only the years 2000 to 2099."
	expect_screen "goto range: asked again" "Go to date (2022-03-01, 3/1 …):"
	esc
	expect_row "goto range: still on the day it was" 3 "2022-06-15"
	tui_end
}

# LZ_TUI_ONLY="t_note_dates" runs just those.
# The risk form too: a post of full-width spaces is no post (issue 16, bug 1).
t_risk_post_of_spaces() {
	tui_new_test
	tui_start
	keys 3
	wait_for "Likelihood × impact"
	keys a
	expect_screen "risk spaces: the form opens" "New risk point"
	typ $'\u3000 '
	keys Tab
	typ "工会经费报销"
	keys Tab
	typ "报销凭证审核不严"
	keys F2
	expect_screen "risk spaces: the save is refused" "Post: required"
	expect_screen "risk spaces: the form stays open" "New risk point"
	cli risk list --tsv
	out_is "risk spaces: nothing saved" ""
	esc
	tui_end
}

all_tests="t_risk_post_of_spaces t_meeting_title_of_spaces t_meeting_held_in_future t_item_title_of_spaces t_note_dates t_goto_out_of_range"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
