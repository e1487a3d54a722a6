#!/usr/bin/env bash
# End-to-end tests of the registers (登记, tab 6, issue 17): a notice not
# relayed in time flagged on the overview and opened from there; a notice
# added and relayed at a meeting from the screen; the four forms register
# with its form as a choice of 1 to 4 and the measures offered on F5, its
# count per form; a disclosure; the sensitive fields masked in search hits
# and in a record's history.  Usage:
# t_registers.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is Wednesday 2022-06-15 08:00 UTC (lib.sh); the bundled plan
# relays within 5 working days (端午 falls on Friday 06-03).
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'

# A held 党组会议 of 06-10 and a notice of 06-01, whose limit was 06-09.
reg_seed() {
	cli meeting add --date 2022-06-10 --type 党组会议 --title 传达学习会 --first-topic 学习 \
		--status held
	MEETING=$(cat "$TDIR/out")
	cli notice add --received 2022-06-01 --issuer 市纪委 --title 典型问题通报
	NOTICE=$(cat "$TDIR/out")
}

# ---------------------------------------------------------------------------
t_notice() {
	tui_new_test
	reg_seed
	tui_start
	expect_screen "notice: the overview flags it" "Notices not relayed in time (1)"
	expect_line "notice: the overview line names it and its limit" "典型问题通报" "relay by 06-09" \
		"not relayed, overdue"
	# The flagged line is the first selectable one: Enter opens it.
	keys Enter
	wait_for "Notices (通报传达)"
	expect_row "notice: the tab is there, sixth" 1 "5 People   6 Registers"
	expect_line "notice: listed, flagged" "2022-06-01" "市纪委" "典型问题通报" "2022-06-09" \
		"! not relayed, overdue"
	expect_screen "notice: the year's count and limit" "2022: 1 notice; to be relayed within 5 working days"
	keys a
	expect_screen "notice: the form opens" "New notice"
	expect_screen "notice: the date starts at today" "2022-06-15"
	keys Tab F5
	expect_screen "notice: F5 offers the issuing bodies" "省纪委"
	keys Down Down Enter
	expect_screen "notice: the issuer picked" "市纪委"
	keys Tab
	typ "市纪通〔2022〕3号"
	keys Tab
	typ "关于违规收送礼金问题的通报"
	keys F2
	expect_screen "notice: saved" "Added: notice"
	cli notice list --tsv
	out_has "notice: stored with what was typed" \
		"2022-06-15${TAB}市纪委${TAB}市纪通〔2022〕3号${TAB}关于违规收送礼金问题的通报${TAB}2022-06-22"
	expect_screen "notice: counted" "2022: 2 notices"
	# The first (by date) is the overdue one: r relays it at the meeting.
	keys Home r
	expect_screen "notice: the relay form" "Relay: 典型问题通报"
	expect_screen "notice: another way offered first" "(another way: say how below)"
	keys Right
	expect_screen "notice: the meeting held since it came" "2022-06-10 传达学习会"
	keys F2
	expect_screen "notice: relayed" "Relayed: 典型问题通报"
	cli notice list --tsv
	out_has "notice: stored at the meeting, today, late" \
		"2022-06-09${TAB}2022-06-15${TAB}meeting ${MEETING}${TAB}late"
	expect_line "notice: the list says relayed late" "典型问题通报" "! relayed late"
	keys 1
	expect_line "notice: the overview still flags the late relay" "典型问题通报" "relayed late"
	# Relayed again another way: the meeting shown is chosen, so a way
	# typed beside it is refused until the choice says another way.
	keys 6 Home r
	expect_screen "notice: the relay form shows the meeting chosen" "2022-06-10 传达学习会"
	keys Tab
	typ "张贴公告栏"
	keys F2
	expect_screen "notice: a meeting and a way together refused" "not both"
	keys BTab Left F2
	expect_screen "notice: relayed another way" "Relayed: 典型问题通报"
	cli notice list --tsv
	out_has "notice: stored the other way, the meeting gone" "2022-06-15${TAB}张贴公告栏${TAB}late"
	keys q
	expect_exit "notice: q quits with status 0" 0
	tui_end
	db_clean "notice: the database is consistent"
}

# ---------------------------------------------------------------------------
t_discipline() {
	tui_new_test
	cli person add --name 张三丰 --post 干部
	cli discipline add --date 2022-03-01 --person 张三丰 --form 1 --measure 谈话提醒 \
		--reason 上班期间多次迟到早退
	tui_start
	keys 6 Left
	wait_for "[Four forms (四种形态)]"
	expect_screen "discipline: the count per form" "2022: form 1: 1, form 2: 0, form 3: 0, form 4: 0"
	expect_line "discipline: the register shows the record whole" "2022-03-01" "谈话提醒" "张三丰"
	keys a
	expect_screen "discipline: the form opens" "New discipline record"
	keys Tab
	typ "赵六"
	keys Tab Right
	expect_screen "discipline: the form is a choice, now 2" "*Form 2 ▾"
	keys Tab F5
	expect_screen "discipline: F5 offers the measures" "留党察看"
	keys Down Down Down Down Down Enter
	expect_screen "discipline: the measure picked" "警告"
	keys Tab
	typ "违规发放津贴补贴"
	keys Tab
	typ "县纪委"
	keys F2
	expect_screen "discipline: saved" "Added: discipline record"
	expect_screen "discipline: counted" "2022: form 1: 1, form 2: 1, form 3: 0, form 4: 0"
	cli discipline list --tsv
	out_has "discipline: stored" "2022-06-15${TAB}2${TAB}警告${TAB}赵六${TAB}县纪委${TAB}违规发放津贴补贴"
	# History of the selected record: its sensitive values masked.
	keys Home H
	expect_screen "discipline: the history opens" "谈*"
	expect_not_screen "discipline: the history masks the person" "张三丰"
	esc
	# Two hits, so the list of hits shows: each masked.
	cli discipline add --date 2022-04-01 --person 张三丰 --form 1 --measure 批评教育 --reason 迟到
	keys / 
	typ "张三丰"
	keys Enter
	expect_screen "discipline: search lists the hits" "records contain"
	expect_screen "discipline: a hit masked" "张**, form 1"
	expect_not_screen "discipline: no hit shows the reason" "上班期间"
	esc
	keys q
	expect_exit "discipline: q quits with status 0" 0
	tui_end
	db_clean "discipline: the database is consistent"
}

# ---------------------------------------------------------------------------
t_disclosure() {
	tui_new_test
	tui_start
	keys 6 Right
	wait_for "[Disclosures (党务公开)]"
	expect_screen "disclosure: an empty register says how to add" "None recorded this year"
	keys a
	expect_screen "disclosure: the form opens" "New disclosure"
	keys Tab
	typ "2021年度党费收缴使用情况"
	keys Tab F5
	expect_screen "disclosure: F5 offers the places" "公开栏"
	keys Enter Tab
	typ "李四"
	keys F2
	expect_screen "disclosure: saved" "Added: disclosure"
	cli disclosure list --tsv
	out_has "disclosure: stored" "2022-06-15${TAB}公开栏${TAB}李四${TAB}2021年度党费收缴使用情况"
	keys d
	expect_screen "disclosure: delete asks" "Delete \"2021年度党费收缴使用情况\"? (y/n)"
	keys y
	expect_screen "disclosure: deleted" "None recorded this year"
	cli disclosure list --tsv
	out_is "disclosure: gone from the database" ""
	keys q
	expect_exit "disclosure: q quits with status 0" 0
	tui_end
}

# LZ_TUI_ONLY="t_notice" runs just those.
all_tests="t_notice t_discipline t_disclosure"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
