#!/usr/bin/env bash
# End-to-end tests of the responsibilities pane (责任分工, tab 2): items
# added, edited, noted, re-statused and deleted through the screen, the
# late-only filter, the person × task matrix, the rectification ledger
# (整改台账), the jump from the overview, 80×24 and resizes.  Usage:
# t_tasks.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is 2022-06-15 08:00 UTC (lib.sh); messages are English, the
# plan's names (statuses, tasks) and the data Chinese.
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'
TASK2="着力做好县委巡察整改工作"

seed_people() {
	cli person add --name 张三 --post 办公室主任 >/dev/null &&
		cli person add --name 李四 --post 财务 >/dev/null &&
		cli person add --name 王五 --post 党组书记 >/dev/null ||
		echo "# seeding people failed: $(cat "$TDIR/err")"
}
# tasks_tab [VAR=VALUE...]: the program on the responsibilities tab, task 2
# selected.
tasks_tab() {
	tui_start "$@"
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	wait_for "2. $TASK2"
}

# ---------------------------------------------------------------------------
t_add() {
	tui_new_test
	seed_people
	tasks_tab
	expect_screen "add: an empty task says how to add" "No items yet: F2 or a adds one."
	keys a
	expect_screen "add: the form opens" "New item"
	expect_screen "add: under the selected task" "Task 2 $TASK2 ▾"
	typ "整改经费报销手续不全问题"
	expect_screen "add: a Chinese title typed" "*Title 整改经费报销手续不全问题"
	keys Tab F5
	expect_screen "add: F5 offers the people recorded" "王五"
	keys Enter
	expect_screen "add: the owner picked" "Owner 张三"
	keys Tab
	typ "县委第二轮巡察反馈"
	expect_screen "add: a Chinese source typed" "Source 县委第二轮巡察反馈"
	keys Tab
	typ "2022-02-30"
	keys Tab
	expect_screen "add: an impossible deadline is refused as the field is left" "February has no 30th"
	keys F2
	expect_screen "add: saving names the field" "Due: February has no 30th"
	expect_screen "add: the form stays open with what was typed" "*Title 整改经费报销手续不全问题"
	cli item list --tsv
	out_is "add: nothing written yet" ""
	keys C-u
	typ "2022-05-31"
	keys F2
	expect_screen "add: saved" "Item added: 整改经费报销手续不全问题"
	expect_not_screen "add: the form closed" "New item"
	expect_line "add: listed with owner, deadline, status, late mark" "整改经费报销手续不全问题" \
		"!整改经费报销" "张三" "05-31" "未开始"
	expect_line "add: the task's mark counts it, late" "▶ 2 $TASK2" "0/1 !"
	cli item list --tsv
	out_is "add: item list --tsv" "$(cut -f1 "$TDIR/out")${TAB}2${TAB}2022-05-31${TAB}open${TAB}张三${TAB}整改经费报销手续不全问题"
	ID=$(cut -f1 "$TDIR/out")
	cli item show "$ID"
	out_has "add: the source stored" "县委第二轮巡察反馈"
	# A second item: Enter moves on through the one-line fields; in the
	# multi-line 整改措施 it starts a new line, as in any editor, and Tab
	# leaves it; Enter saves on the last field; the new one is selected.
	keys a
	expect_screen "add: a second form" "New item"
	typ "建立健全财务报销制度"
	local i
	for ((i = 0; i < 5; i++)); do keys Enter; done
	expect_screen "add: a multi-line field says Enter starts a line" "Enter new line"
	typ "修订报销制度"
	keys Enter
	typ "逐笔复核"
	expect_screen "add: Enter kept the second line in 整改措施" "逐笔复核"
	expect_screen "add: still in the form" "New item"
	keys Tab
	expect_screen "add: Tab left the multi-line field" "F5 pick"
	for ((i = 0; i < 3; i++)); do keys Enter; done
	keys Tab
	expect_screen "add: on the last field" "Follow-up result"
	expect_screen "add: 销号 is the last field (issue 16)" "Signed off"
	keys Enter
	expect_screen "add: Enter through the form saves" "Item added: 建立健全财务报销制度"
	keys e
	expect_screen "add: the new item is the selected one" "*Title 建立健全财务报销制度"
	esc
	keys q
	expect_exit "add: q quits with status 0" 0
	db_clean "add: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# The 整改台账's columns in the form (issue 14): a multi-line 整改措施
# (Ctrl-J for its line break) and a 责任领导 picked with F5.
t_rectification_columns() {
	tui_new_test
	seed_people
	tasks_tab
	keys a
	expect_screen "rectification: the form opens" "New item"
	typ "整改公务接待超标准问题"
	local i
	for ((i = 0; i < 5; i++)); do keys Tab; done
	expect_line "rectification: on the measures" "Rectification measures"
	typ "退回超标准费用"
	keys C-j
	typ "修订接待制度"
	keys Tab F5
	expect_screen "rectification: F5 offers the people for the leader" "王五"
	keys Enter
	keys F2
	expect_screen "rectification: saved" "Item added: 整改公务接待超标准问题"
	cli item list --tsv
	local id
	id=$(cut -f1 "$TDIR/out")
	cli item show "$id"
	out_has "rectification: first line of the measures" "Rectification measures  退回超标准费用"
	out_has "rectification: second line of the measures" "                        修订接待制度"
	out_has "rectification: the leader picked" "Leader                  张三"
	keys q
	tui_end
}

t_edit() {
	tui_new_test
	seed_people
	seed item --task 2 --title 旧的事项 --owner 张三 --due 2022-07-31
	local id=$ID
	seed item --task 2 --title 第二个事项 --owner 李四
	tasks_tab
	expect_screen "edit: listed" "旧的事项"
	keys Enter
	keys Enter
	expect_screen "edit: Enter in the item list opens the form" "Edit item"
	expect_screen "edit: the title loaded" "*Title 旧的事项"
	expect_screen "edit: the deadline loaded" "Due 2022-07-31"
	keys C-u
	typ "修改后的事项：落实整改"
	keys Up F5
	expect_screen "edit: F5 on the task lists the plan's tasks" "13 严肃执纪问责"
	keys Down Down Enter
	expect_screen "edit: moved to task 4" "Task 4 "
	keys F2
	expect_screen "edit: saved" "Item saved: 修改后的事项：落实整改"
	expect_screen "edit: the pane follows the item to its new task" "4. 强化政治监督"
	expect_line "edit: listed under task 4" "修改后的事项：落实整改" "张三" "07-31"
	tsv_of item "$id"
	out_has "edit: the CLI sees the new title and task" "$id${TAB}4${TAB}2022-07-31${TAB}open${TAB}张三${TAB}修改后的事项：落实整改"
	cli item show "$id"
	out_has "edit: version 2" "$id, version 2"

	# Saved without a change: nothing written, no log entry (issue 16, bug 7).
	cli log --tsv
	local entries
	entries=$(wc -l <"$TDIR/out")
	keys e
	expect_screen "no change: edit form open" "Edit item"
	keys F2
	expect_screen "no change: says nothing was saved" "No change: nothing was saved."
	cli log --tsv
	if [ "$(wc -l <"$TDIR/out")" = "$entries" ]; then ok "no change: no change-log entry"; else
		not_ok "no change: no change-log entry" "$(tail -1 "$TDIR/out")"; fi
	cli item show "$id"
	out_has "no change: still version 2" "$id, version 2"

	# A change made meanwhile elsewhere is refused, the form stays open.
	keys e
	expect_screen "stale: edit form open" "Edit item"
	cli item edit "$id" --owner 王五 || echo "# cli edit failed: $(cat "$TDIR/err")"
	keys C-u
	typ "屏幕上的修改"
	keys F2
	expect_screen "stale: refused with the store's message" "was changed by someone else"
	expect_screen "stale: the form stays open with the text typed" "*Title 屏幕上的修改"
	esc_discard
	expect_not_screen "stale: Esc closes it" "Edit item"
	expect_line "stale: the list shows the other change" "修改后的事项：落实整改" "王五"
	tsv_of item "$id"
	out_has "stale: the other change kept" "${TAB}王五${TAB}修改后的事项：落实整改"
	# Deleted elsewhere: gone from the task without a key (issue 16, bug 2).
	cli item rm "$id" >/dev/null || echo "# cli rm failed: $(cat "$TDIR/err")"
	if wait_gone "修改后的事项：落实整改"; then ok "external: an item deleted elsewhere leaves its task"
	else not_ok "external: an item deleted elsewhere leaves its task"; fi
	keys q
	expect_exit "edit: q quits with status 0" 0
	db_clean "edit: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_delete() {
	tui_new_test
	seed item --task 2 --title 要删除的事项 --due 2022-05-01
	seed item --task 2 --title 保留的事项
	tasks_tab
	expect_screen "delete: listed" "要删除的事项"
	keys d
	expect_screen "delete: asks first" 'Delete the item "要删除的事项"? (y/n)'
	keys n
	expect_not_screen "delete: n closes the question" "(y/n)"
	cli item list --tsv
	out_has "delete: n keeps it" "要删除的事项"
	keys d
	expect_screen "delete: asks again" 'Delete the item "要删除的事项"? (y/n)'
	keys y
	expect_screen "delete: y deletes" "Item deleted: 要删除的事项"
	keys C-l   # clears the message naming it
	expect_not_screen "delete: gone from the list" "要删除的事项"
	expect_line "delete: the task's mark recounts" "▶ 2 $TASK2" "0/1"
	cli item list --tsv
	out_is "delete: the other item stays" "$(cut -f1 "$TDIR/out")${TAB}2${TAB}${TAB}open${TAB}${TAB}保留的事项"
	keys q
	expect_exit "delete: q quits with status 0" 0
	db_clean "delete: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_note_and_status() {
	tui_new_test
	seed item --task 2 --title 整改经费报销手续不全问题 --owner 张三 --due 2022-05-31
	local id=$ID
	tasks_tab
	keys n
	expect_screen "note: the form opens" "Progress note: 整改经费报销手续不全问题"
	expect_screen "note: dated today" "*Date 2022-06-15"
	typ "已补齐凭证 23 份，待复核"
	keys F2
	expect_screen "note: saved" "Progress note added: 整改经费报销手续不全问题"
	expect_screen "note: shown under the item" "06-15 已补齐凭证 23 份，待复核"
	# An earlier note typed afterwards goes in date order.
	keys n
	expect_screen "note: second form" "Progress note:"
	keys Up C-u
	typ "2022-06-01"
	keys Down
	typ "已召开专题会议部署整改"
	keys F2
	expect_screen "note: second saved" "Progress note added"
	expect_screen "note: the latest by date is the one shown" "06-15 已补齐凭证"
	cli item show "$id"
	out_has "note: the CLI lists the earlier note first" "Progress      2022-06-01  已召开专题会议部署整改"
	out_has "note: then the later one" "2022-06-15  已补齐凭证 23 份，待复核"
	# An empty note is refused.
	keys n
	expect_screen "note: third form" "Progress note:"
	keys F2
	expect_screen "note: an empty note is refused" "Progress: required"
	esc
	cli item show "$id"
	out_has "note: still version 3" "$id, version 3"

	keys S
	expect_screen "status: S lists the plan's statuses" "已销号"
	keys Down Down Enter
	expect_screen "status: changed" "整改经费报销手续不全问题: now 已完成"
	expect_line "status: no longer late" "整改经费报销手续不全问题" "已完成"
	if line_with "整改经费报销手续不全问题" | grep -qF "!整改"; then
		not_ok "status: the late mark is gone" "line: $(line_with 整改经费报销手续不全问题)"; else
		ok "status: the late mark is gone"; fi
	expect_line "status: the task counts it closed" "▶ 2 $TASK2" "1/1"
	tsv_of item "$id"
	out_has "status: the CLI sees done" "${TAB}done${TAB}"
	keys S Escape
	sleep 0.2
	tsv_of item "$id"
	out_has "status: Esc in the list changes nothing" "${TAB}done${TAB}"
	keys q
	expect_exit "note: q quits with status 0" 0
	db_clean "note: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_late_filter() {
	tui_new_test
	seed item --task 2 --title 逾期的整改事项 --due 2022-05-31
	seed item --task 2 --title 未到期的事项 --due 2022-12-31
	seed item --task 2 --title 已完成的旧事项 --due 2022-03-31 --status done
	tasks_tab
	expect_screen "late: all three listed" "已完成的旧事项"
	expect_screen "late: key bar offers f" "fLate"
	keys f
	expect_screen "late: f says the filter is on" "Late items only (f shows all)"
	expect_screen "late: the late item stays" "逾期的整改事项"
	expect_not_screen "late: the one not yet due is hidden" "未到期的事项"
	expect_not_screen "late: a closed one is never late" "已完成的旧事项"
	expect_screen "late: the key bar now offers all" "fAll"
	keys Up
	expect_screen "late: a task without late items says so" "No late items under this task."
	keys Down f
	expect_screen "late: f again shows all" "未到期的事项"
	expect_not_screen "late: the notice is gone" "Late items only"
	keys q
	expect_exit "late: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_matrix() {
	tui_new_test
	seed_people
	seed item --task 2 --title 甲 --owner 张三 --due 2022-05-31
	seed item --task 2 --title 乙 --owner 李四
	seed item --task 2 --title 丙 --owner 李四
	seed item --task 5 --title 丁 --owner 王五
	seed item --task 13 --title 戊 --owner 外单位的欧阳娜娜娜娜
	seed item --task 7 --title 己
	COLS=80 ROWS=24 tasks_tab
	keys m
	expect_screen "matrix: m shows it" "Items per person and task: 6"
	capture
	local head
	head=$(row 4)
	case $head in *"Owner"*" 1 "*" 2 "*"13"*"Total"*) ok "matrix: a column per task and a total" ;;
	*) not_ok "matrix: a column per task and a total" "row 4: $head" ;; esac
	expect_line "matrix: 张三 owns a late item under task 2" "张三" "  ·   1!  ·"
	expect_line "matrix: 李四 two under task 2" "李四" "  ·   2   ·" "   2"
	expect_line "matrix: 王五 one under task 5" "王五" "  1"
	expect_line "matrix: an owner who is not a person recorded has a row, cut" "外单位的" "…"
	expect_line "matrix: items without an owner" "(none)" "   1"
	expect_line "matrix: totals per task" "  0   3   0   0   1   0   1" "Total"
	fits "matrix: fits 80 columns with Chinese names" 80
	# The cursor: task 2, 李四; Enter opens the task on his first item there.
	keys Down Right
	expect_screen "matrix: the cursor's cell in words" "李四 · task 2 $TASK2: 2 items, 0 late"
	keys f
	expect_screen "matrix: f counts late items only" "Late items per person and task: 1"
	keys f
	expect_screen "matrix: f again counts all" "Items per person and task: 6"
	keys Enter
	expect_screen "matrix: Enter opens the task" "2. $TASK2"
	keys e
	expect_screen "matrix: on 李四's item" "*Title 乙"
	esc
	keys m Escape
	expect_screen "matrix: Esc goes back to the tasks" "2. $TASK2"
	keys q
	expect_exit "matrix: q quits with status 0" 0
	tui_end

	# Many people and more tasks than fit: it scrolls, never overflows.
	tui_new_test
	local i
	for ((i = 1; i <= 30; i++)); do
		cli person add --name "干部第${i}号" >/dev/null
	done
	seed item --task 13 --title 最后一项 --owner 干部第30号
	COLS=80 ROWS=24 tasks_tab
	keys m
	expect_screen "matrix scroll: shown" "Items per person and task: 1"
	expect_not_screen "matrix scroll: the 30th person is below" "干部第30…"
	keys PageDown PageDown PageDown End
	expect_screen "matrix scroll: the cursor's cell is the last person's, task 13" "干部第30号 · task 13"
	expect_line "matrix scroll: the last row in view (its name cut), counting the item" "干部第30…" "  1     1"
	fits "matrix scroll: fits 80 columns" 80
	keys q
	expect_exit "matrix scroll: q quits with status 0" 0
	tui_end

	# A plan with 22 tasks: the columns scroll sideways, the names stay.
	tui_new_test
	awk '{ print }
	     /^        text: .*严格实施《中国共产党党内问责条例》/ {
		for (i = 14; i <= 22; i++)
			printf "      - number: %d\n        title: 附加任务%d\n        roles: [supervision]\n        text: \"附加任务%d。\"\n", i, i, i
	     }' "$HERE/../../config/plan-2022.yaml" >"$TDIR/plan22.yaml"
	if cli init --plan "$TDIR/plan22.yaml"; then ok "matrix wide plan: a plan with 22 tasks"; else
		not_ok "matrix wide plan: a plan with 22 tasks" "$(cat "$TDIR/err")"; fi
	cli person add --name 张三 >/dev/null
	seed item --task 22 --title 最后的任务 --owner 张三
	COLS=80 ROWS=24 tasks_tab
	keys m
	expect_screen "matrix wide plan: shown" "Items per person and task: 1"
	expect_not_screen "matrix wide plan: task 22's column is off to the right" " 22 "
	capture
	case $(row 4) in *"▶"*) ok "matrix wide plan: ▶ says more columns follow" ;;
	*) not_ok "matrix wide plan: ▶ says more columns follow" "row 4: $(row 4)" ;; esac
	keys End
	expect_screen "matrix wide plan: End goes to the last task" "张三 · task 22 附加任务22: 1 item, 0 late"
	expect_line "matrix wide plan: its column scrolled into view" "Owner" " 22 " "◀" "Total"
	expect_line "matrix wide plan: the name column stays" "张三" "  1     1"
	fits "matrix wide plan: within 80 columns" 80
	keys q
	expect_exit "matrix wide plan: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_ledger() {
	tui_new_test
	seed item --task 2 --title 整改党组会议记录不规范 --owner 李四 --source 县委第二轮巡察反馈 --due 2022-12-31
	seed item --task 2 --title 整改经费报销手续不全 --owner 张三 --source 县委第二轮巡察反馈 --due 2022-05-31
	seed item --task 9 --title 规范固定资产登记 --source 2021年度经费审计 --due 2022-09-30
	seed item --task 5 --title 签订廉政承诺书 --source 党组会议决定 --due 2022-03-31
	cli item note "$(cli item list --tsv; grep 整改经费报销手续不全 "$TDIR/out" | cut -f1)" \
		--text 已补齐凭证 --date 2022-06-10 >/dev/null
	tasks_tab
	keys z
	expect_screen "ledger: z shows it" "Rectification ledger (整改台账): 3 items, 1 late"
	expect_not_screen "ledger: an item whose source is no inspection is not in it" "签订廉政承诺书"
	capture
	local first second third
	first=$(row 5) second=$(row 6) third=$(row 7)
	case "$first|$second|$third" in
	*整改经费报销手续不全*"|"*规范固定资产登记*"|"*整改党组会议记录不规范*)
		ok "ledger: by deadline" ;;
	*) not_ok "ledger: by deadline" "rows: $first / $second / $third" ;;
	esac
	expect_line "ledger: source, owner, whole deadline, status, latest progress, late mark" \
		"整改经费报销手续不全" "!县委第二轮巡察" "张三" "2022-05-31" "未开始" "06-10 已补齐凭证"
	expect_line "ledger: an audit finding is one" "规范固定资产登记" "2021年度经费审" "2022-09-30"
	keys f
	expect_screen "ledger: f shows late ones only" "late only: 1"
	expect_not_screen "ledger: the others hidden" "规范固定资产登记"
	keys f
	# a in the ledger: under the selected row's task, with its source.
	keys a
	expect_screen "ledger: a opens the item form" "New item"
	expect_screen "ledger: the source of the selected row prefilled" "Source 县委第二轮巡察反馈"
	typ "整改公务接待超标准问题"
	keys F2
	expect_screen "ledger: added" "Item added: 整改公务接待超标准问题"
	expect_screen "ledger: listed in the ledger" "整改公务接待超标准问题"
	expect_screen "ledger: counted" "Rectification ledger (整改台账): 4 items, 1 late"
	keys End Enter
	expect_screen "ledger: Enter edits the selected row" "Edit item"
	esc
	keys Escape
	expect_screen "ledger: Esc back to the tasks" "2. $TASK2"
	keys q
	expect_exit "ledger: q quits with status 0" 0
	cli item list --tsv
	out_has "ledger: the new item stored under task 2" "${TAB}2${TAB}${TAB}open${TAB}${TAB}整改公务接待超标准问题"
	db_clean "ledger: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_overview_jump() {
	tui_new_test
	seed item --task 5 --title 先到期的事项 --due 2022-04-30
	seed item --task 2 --title 逾期的整改事项 --owner 张三 --due 2022-05-31
	tui_start
	expect_screen "jump: the overview lists the late item" "逾期的整改事项"
	keys Down Enter
	expect_screen "jump: Enter opens its task" "2. $TASK2"
	keys e
	expect_screen "jump: with the item selected" "*Title 逾期的整改事项"
	esc
	keys q
	expect_exit "jump: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
t_small_and_resize() {
	tui_new_test
	local long="" i
	for ((i = 0; i < 10; i++)); do long+="落实党风廉政建设主体责任"; done
	seed item --task 2 --title "$long" --owner 欧阳娜娜娜娜娜娜 --due 2022-05-31
	seed item --task 2 --title 短事项 --owner 李四
	COLS=80 ROWS=24 tasks_tab
	expect_screen "80x24: the key bar ends with F10" "F10Quit"
	expect_line "80x24: a long title is cut with …" "落实党风廉政" "…"
	fits "80x24: every line within 80 columns" 80
	expect_vline "80x24: the separator intact on every row" 33 3 23
	keys z
	expect_screen "80x24: the ledger" "Rectification ledger"
	fits "80x24: the ledger within 80 columns" 80
	keys z a
	expect_screen "resize: form open" "New item"
	typ "调整窗口"
	bounce 40 10
	expect_screen "resize: the form survives with what was typed" "*Title 调整窗口"
	esc_discard
	bounce 30 8
	expect_screen "resize: the pane comes back" "2. $TASK2"
	fits "resize: within 100 columns" 100
	keys q
	expect_exit "resize: q quits with status 0" 0
	cli item list --tsv
	if grep -q 调整窗口 "$TDIR/out"; then not_ok "resize: the cancelled form wrote nothing"; else
		ok "resize: the cancelled form wrote nothing"; fi
	tui_end
}

# ---------------------------------------------------------------------------
t_help_and_chinese() {
	tui_new_test
	seed item --task 2 --title 整改经费报销手续不全问题 --owner 张三 --source 县委第二轮巡察反馈 --due 2022-05-31
	tasks_tab
	keys F1
	expect_screen "help: opens on the responsibilities' keys" "Responsibilities:"
	local label
	for label in "new item under the selected task" "add a dated progress note to the selected item" 		"change the selected item's status" "late items only / all items" 		"person × task matrix" "rectification ledger (整改台账)"; do
		expect_screen "help: lists '$label'" "$label"
	done
	expect_screen "help: the keys of every tab on top" "F10 q"
	esc
	expect_not_screen "help: Esc closes it" "Responsibilities:"
	keys q
	expect_exit "help: q quits with status 0" 0
	tui_end

	if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
		skip "Chinese: the pane in Chinese" "no zh_CN.UTF-8 locale"
		return
	fi
	tui_new_test
	seed item --task 2 --title 整改经费报销手续不全问题 --owner 张三 --source 县委第二轮巡察反馈 --due 2022-05-31
	tui_start LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
	keys 2
	wait_for "一、突出政治引领"
	keys Down
	expect_screen "Chinese: the pane" "2. $TASK2"
	expect_screen "Chinese: the key bar" "n进展 S状态 f逾期 m矩阵 z台账 v全文 /搜索 H历史 u撤销 F9报表 F10退出"
	expect_screen "Chinese: the list's head" "事项"
	keys a
	expect_screen "Chinese: the form" "新建事项"
	typ "建立健全财务报销制度"
	keys F2
	expect_screen "Chinese: saved" "事项已添加：建立健全财务报销制度"
	keys m
	expect_screen "Chinese: the matrix" "按人员和任务统计的事项：2 项"
	keys z
	expect_screen "Chinese: the ledger" "整改台账：共 1 项，逾期 1 项"
	fits "Chinese: within 100 columns" 100
	keys q
	expect_exit "Chinese: q quits with status 0" 0
	tui_end
}

# LZ_TUI_ONLY="t_add t_ledger" runs just those.
# ---------------------------------------------------------------------------
# Pasting (issue 16, bugs 4 and 5): the terminal's bracketed paste keeps the
# text in the field, newlines and tabs are no Enter and Tab; a text longer
# than the field holds stops at the limit, which is shown, with a message.
paste_text() {
	tm set-buffer -- "$1"
	tm paste-buffer -p -t "$SESSION"
}
t_paste() {
	tui_new_test
	seed item --task 2 --title 粘贴测试事项 --owner 张三
	local id=$ID
	tasks_tab
	keys a
	expect_screen "paste: the form opens" "New item"
	paste_text $'第一行\n第二行\t末尾'
	expect_screen "paste: one line in a title, the line break a space" "*Title 第一行 第二行 末尾"
	expect_screen "paste: says the line breaks became spaces" "Title is one line: the pasted line breaks are spaces."
	expect_screen "paste: no save was triggered" "New item"
	expect_screen "paste: the field's limit is shown" " 26/1000 "
	keys C-u
	paste_text "$(printf '题%.0s' $(seq 400))"
	expect_screen "paste: a text too long stops at the limit, and says so" \
		"Title holds at most 1000 bytes (333 Chinese characters): the rest was not pasted."
	expect_screen "paste: the limit reached is shown" " 999/1000 "
	esc_discard
	cli item list --tsv
	out_has "paste: nothing saved by the paste" "粘贴测试事项"
	keys n
	expect_screen "paste: the note form opens" "Progress note:"
	paste_text $'已补齐凭证\n待复核'
	keys F2
	expect_screen "paste: the note saved" "Progress note added"
	cli item show "$id"
	out_has "paste: a multi-line field keeps the line break" "已补齐凭证"
	out_has "paste: the second line kept" "              待复核"
	keys q
	expect_exit "paste: q quits with status 0" 0
	tui_end
}

all_tests="t_add t_rectification_columns t_edit t_delete t_note_and_status t_late_filter t_matrix t_ledger t_overview_jump t_small_and_resize t_help_and_chinese t_paste"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
