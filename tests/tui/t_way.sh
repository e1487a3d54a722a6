#!/usr/bin/env bash
# Finding one's way (issue 16): key bars that show the everyday keys of
# each pane, labels a secretary can read, undo that names what it undoes,
# search by date, an item's full view.  Usage:
# t_way.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
set -u
. "$(dirname "$0")/lib.sh"

# The calendar's bar: the keys used there every day, first those that fit
# 80 columns, "…" for the rest, which a wider window shows and F1 lists.
t_key_bars() {
	tui_new_test
	cli init
	COLS=80
	tui_start
	keys 4
	wait_for "Mo    Tu"
	expect_screen "key bar: Enter opens the day" "EnterDay"
	expect_screen "key bar: x marks held" "xDone"
	expect_screen "key bar: C marks cancelled" "CCancel"
	expect_screen "key bar: PgUp/PgDn turn the month" "PgUp/PgDnMonth"
	expect_screen "key bar: … says more keys are in F1" "… F9Report F10Quit"
	keys q
	tui_end
	COLS=140
	tui_start
	keys 4
	wait_for "Mo    Tu"
	expect_screen "key bar wide: history, undo, backup" "HHistory uUndo BBackup"
	expect_not_screen "key bar wide: no … when all fit" "… F9"
	keys 2
	expect_screen "key bar: the tasks pane shows undo too" "uUndo"
	keys 3
	expect_screen "key bar: the risk pane shows history too" "HHistory"
	keys 4 F1
	expect_screen "key bar: F1 lists x / C" "x / C"
	keys q q
	tui_end
	COLS=100
}

# Saving leaves the keys where they were: an item added from the task
# list, ↓ goes on to the next task (eight items once went to the wrong
# task); ▶ marks where the keys act, › a selection they do not.
t_focus_after_save() {
	tui_new_test
	cli init
	tui_start
	keys 2 Down
	expect_screen "focus: task 2 selected" "▶ 2 着力做好县委巡察整改工作"
	keys a
	expect_screen "focus: the form opens" "New item"
	typ "第一条整改事项"
	keys F2
	expect_screen "focus: saved" "Item added: 第一条整改事项"
	keys Down
	expect_screen "focus: ↓ moves on to task 3 after the save" "▶ 3 严肃党内政治生活"
	keys Up Enter
	expect_screen "focus: Enter puts the keys on the items, the task keeps ›" "› 2 着力做好县委巡察整改工作"
	expect_screen "focus: the item is marked ▶" "▶ 第一条整改事项"
	keys Escape
	expect_screen "focus: Esc gives them back to the tasks" "▶ 2 着力做好县委巡察整改工作"
	keys q
	tui_end
}

# Labels a secretary can read: the day list's short type names and
# titles, the unmarked list's titles, the quarter strip's months, the heat
# map's axes.
t_labels() {
	tui_new_test
	cli init
	cli meeting add --date 2022-06-10 --type special-meeting --title 六月专题会议 --status planned
	cli meeting add --date 2022-06-10 --type heart-talk --title 班子成员谈心谈话 --status planned
	tui_start
	expect_screen "labels: the unmarked list shows titles" "06-10 ● 六月专题会议"
	keys 4 g
	keys C-u; typ 2022-06-10; keys Enter
	expect_screen "labels: the day list names the special meeting apart" "专题会议"
	expect_screen "labels: and the talk" "谈心谈话"
	expect_not_screen "labels: not both as 党风廉政建设" "党风廉政建设 "
	expect_screen "labels: the quarter strip names its months" "Q2 (Apr–Jun) obligations:"
	expect_screen "labels: monthly cells named by month" "Jun…0/1"
	keys 3 m
	expect_screen "labels: the heat map names its axes" "↑ likelihood  → impact"
	keys m q
	tui_end
}

# Search lists the hits by date, whatever their kind, with their status.
t_search_by_date() {
	tui_new_test
	cli init
	cli meeting add --date 2022-05-20 --type special-meeting --title 廉政专题会议 --status held
	cli item add --task 2 --title 廉政整改事项 --due 2022-03-01
	cli meeting add --date 2022-01-10 --type special-meeting --title 年初廉政会议 --status held
	tui_start
	keys /
	typ 廉政; keys Enter
	expect_screen "search: three hits" "3 records contain"
	capture
	local first second third
	first=$(grep -n "年初廉政会议" "$TDIR/screen" | cut -d: -f1)
	second=$(grep -n "廉政整改事项" "$TDIR/screen" | cut -d: -f1)
	third=$(grep -n "廉政专题会议" "$TDIR/screen" | cut -d: -f1)
	if [ -n "$first" ] && [ -n "$third" ] && [ "$first" -lt "$second" ] && [ "$second" -lt "$third" ]; then
		ok "search: by date, kinds mixed"
	else not_ok "search: by date, kinds mixed" "rows $first $second $third"; fi
	expect_line "search: a meeting's date, kind and status" "年初廉政会议" "2022-01-10" "meeting" "held"
	expect_line "search: an item's deadline and status" "廉政整改事项" "2022-03-01" "item" "未开始"
	keys Escape q
	tui_end
}

# Undo names what it takes back and asks; a change of this window is not
# said to come from elsewhere.
t_undo_names() {
	tui_new_test
	cli init
	tui_start
	keys 2 Down a
	expect_screen "undo: the form opens" "New item"
	typ "本窗口新建的事项"
	keys F2
	expect_screen "undo: saved" "Item added: 本窗口新建的事项"
	keys u
	expect_screen "undo: names the item this window added" "Undo the new item “本窗口新建的事项”? (y/n)"
	expect_not_screen "undo: not said to be from elsewhere" "outside this window"
	keys y
	expect_screen "undo: done, named" "Undone: the new item “本窗口新建的事项”"
	cli item list --tsv
	out_is "undo: the item is gone" ""
	keys q
	tui_end
}

# v shows the selected record whole: a title the list cuts, every
# progress note.
t_view_whole() {
	tui_new_test
	cli init
	cli item add --task 2 --title "一条标题很长的整改事项：针对第二轮县委巡察反馈的财务报销手续不全问题逐项整改并建立长效机制" --owner 张三
	cli item note 1 --text 第一次进展：已召开专题会议部署 --date 2022-03-01
	cli item note 1 --text 第二次进展：已完成报销凭证清理 --date 2022-04-01
	tui_start
	keys 2 Down Enter
	keys v
	expect_screen "view: the whole title" "逐项整改并建立长效机制"
	expect_screen "view: the first progress note" "第一次进展：已召开专题会议部署"
	expect_screen "view: the second progress note" "第二次进展：已完成报销凭证清理"
	keys Escape
	expect_not_screen "view: Esc back to the pane" "第一次进展"
	keys q
	tui_end
}

# A date already in a field is replaced by typing another: appending to
# 2022-06-15 never makes a date.
t_retype_date() {
	tui_new_test
	cli init
	tui_start
	keys 4 a
	expect_screen "retype: the form opens on the day in view" "*Date 2022-06-15"
	# The form opens on the type; up to the date.
	keys Up Up Up
	typ "6/20"
	keys Tab
	expect_screen "retype: the typed date replaced the offered one" "*Date 2022-06-20"
	keys Down Down Down Down
	typ "第一条会议"
	keys F2
	cli meeting list --tsv
	out_has "retype: saved on the typed day" "2022-06-20"
	# A meeting typed in for a past day was held, unless she says otherwise.
	keys a
	expect_screen "past day: a planned meeting offered for today" "Status planned ▾"
	keys Up Up Up
	typ "6/1"
	keys Tab
	expect_screen "past day: the status follows the date" "Status held ▾"
	keys Down Down Down
	keys Space
	expect_screen "past day: her choice" "Status cancelled ▾"
	keys Up Up Up Up
	typ "6/2"
	keys Tab
	expect_screen "past day: her choice stays when the date changes again" "Status cancelled ▾"
	keys Escape
	keys q
	tui_end
}

t_key_bars
t_retype_date
t_view_whole
t_focus_after_save
t_undo_names
t_labels
t_search_by_date
finish
