#!/usr/bin/env bash
# End-to-end tests of the people pane (人员, tab 5, issue 16): people added
# with a Chinese name typed, edited and deleted through the screen; a
# namesake saved only after a yes; deletion saying which records still
# name the person; F5 in a form saying how to add a person when there is
# none, and adding one there.  Usage:
# t_people.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is 2022-06-15 08:00 UTC (lib.sh); messages are English, the
# plan's role names and the data Chinese.
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'

# people_tab [VAR=VALUE...]: the program on the people tab.
people_tab() {
	tui_start "$@"
	keys 5
	wait_for "People: "
}
# people_count N: the database holds N people.
people_count() {
	cli person list --tsv
	local got
	got=$(grep -c . "$TDIR/out")
	if [ "$got" -eq "$2" ]; then ok "$1"; else not_ok "$1" "expected $2 people, got $got"; fi
}

# ---------------------------------------------------------------------------
t_add() {
	tui_new_test
	people_tab
	expect_row "add: the tab is there, fifth" 1 "4 Meeting calendar   5 People"
	expect_screen "add: an empty list says how to add" "No people yet: F2 or a adds one."
	expect_row "add: the key bar shows the pane's keys" $((ROWS - 1)) "F2New F3Edit F4Delete"
	keys a
	expect_screen "add: the form opens" "New person"
	typ "张三"
	expect_screen "add: the Chinese name typed" "*Name 张三"
	keys Tab
	typ "办公室主任"
	keys Tab
	typ "办公室"
	keys Tab F5
	expect_screen "add: F5 offers the plan's roles" "分管领导一岗双责"
	keys Down Down Down Enter
	expect_screen "add: the role picked, by its name" "Roles 分管领导一岗双责"
	typ "（办公室）"
	keys F5 Enter
	expect_screen "add: a second role on a line of its own" "党组主体责任"
	keys F2
	expect_screen "add: saved" "Person added: 张三"
	expect_not_screen "add: the form closed" "New person"
	expect_screen "add: counted" "People: 1"
	expect_line "add: listed with post, department and roles by name and scope" "张三" "办公室主任" \
		"办公室" "分管领导一岗双责（办公室）、党组主体责任"
	expect_screen "add: no record names the new person" "No record names this person."
	cli person list --tsv
	out_is "add: stored, the roles by id" "1${TAB}张三${TAB}办公室主任${TAB}办公室${TAB}dual:办公室,main"
	# The name is required; spaces alone are no name.
	keys a
	expect_screen "add: a second form" "New person"
	typ "   "
	keys F2
	expect_screen "add: a name of spaces is refused" "Name: required"
	esc_discard
	expect_not_screen "add: Esc closes it" "New person"
	people_count "add: the refused form wrote nothing" 1
	keys q
	expect_exit "add: q quits with status 0" 0
	db_clean "add: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_edit() {
	tui_new_test
	seed person --name 李四 --post 副主席 --role dual:财务科
	local id=$ID
	seed person --name 王五
	people_tab
	expect_line "edit: the seeded person, the role by name and scope" "李四" "副主席" "分管领导一岗双责（财务科）"
	keys Enter
	expect_screen "edit: Enter opens the selected person" "Edit person"
	expect_screen "edit: the name loaded" "*Name 李四"
	expect_screen "edit: the role as a cell holds it" "Roles 分管领导一岗双责:财务科"
	keys Tab C-u
	typ "工会副主席"
	keys F2
	expect_screen "edit: saved" "Person saved: 李四"
	expect_line "edit: the list shows the new post" "李四" "工会副主席" "分管领导一岗双责（财务科）"
	tsv_of person "$id"
	out_is "edit: the CLI sees it, the role kept by id" "$id${TAB}李四${TAB}工会副主席${TAB}${TAB}dual:财务科"
	cli person show "$id"
	out_has "edit: version 2" "$id, version 2"
	# e on the second person; a role the plan lacks is refused, named.
	keys Down e
	expect_screen "edit: e opens the second person" "*Name 王五"
	keys Tab Tab Tab
	typ "无此责任"
	keys F2
	expect_screen "edit: an unknown role is refused" "unknown role '无此责任'"
	expect_screen "edit: the form stays open" "Edit person"
	esc_discard
	tsv_of person 2
	out_is "edit: the refused role wrote nothing" "2${TAB}王五${TAB}${TAB}${TAB}"
	keys q
	expect_exit "edit: q quits with status 0" 0
	db_clean "edit: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
t_delete() {
	tui_new_test
	seed person --name 赵六 --post 纪检组长
	seed person --name 孙七
	cli item add --task 2 --title 整改报销手续 --owner 赵六 >/dev/null
	cli meeting add --date 2022-06-10 --type special-meeting --status held --title 专题会议 \
		--host 赵六 >/dev/null
	people_tab
	expect_screen "delete: the records naming the person are counted" "Named in: 1 item, 1 meeting"
	keys d
	expect_screen "delete: asks, saying the records keep the name" \
		"Delete 赵六? 2 records still name this person and keep the name. (y/n)"
	keys n
	expect_not_screen "delete: n closes the question" "(y/n)"
	people_count "delete: n deleted nothing" 2
	keys d
	expect_screen "delete: asks again" "(y/n)"
	keys y
	expect_screen "delete: y deletes" "Person deleted: 赵六"
	expect_screen "delete: counted" "People: 1"
	people_count "delete: gone from the database" 1
	cli item list --tsv
	out_has "delete: the item is kept" "整改报销手续"
	cli item show "$(cut -f1 "$TDIR/out")"
	out_has "delete: the item keeps the owner's name" "赵六"
	# A person no record names: the plain question.
	keys d
	expect_screen "delete: a person no record names" "Delete the person 孙七? (y/n)"
	keys y
	expect_screen "delete: deleted" "Person deleted: 孙七"
	expect_screen "delete: the empty list says how to add" "No people yet: F2 or a adds one."
	keys q
	expect_exit "delete: q quits with status 0" 0
	db_clean "delete: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# A name another person has is saved only after a yes.
t_namesake() {
	tui_new_test
	seed person --name 张三 --post 主席
	people_tab
	keys a
	expect_screen "namesake: the form opens" "New person"
	typ "张三"
	keys Tab
	typ "干事"
	keys F2
	expect_screen "namesake: asks first" "Another person is named 张三 too. Save all the same? (y/n)"
	keys n
	expect_screen "namesake: no: not saved, and why" "Not saved: another person has this name."
	expect_screen "namesake: the form stays open with what was typed" "Post 干事"
	people_count "namesake: no: nothing written" 1
	keys F2
	expect_screen "namesake: asks again" "Save all the same? (y/n)"
	keys y
	expect_screen "namesake: yes: added" "Person added: 张三"
	people_count "namesake: two people named 张三" 2
	# Editing the namesake's post keeps its name: no question.
	keys e
	expect_screen "namesake: edit form" "Edit person"
	keys Tab C-u
	typ "办事员"
	keys F2
	expect_screen "namesake: an edit keeping the name saves at once" "Person saved: 张三"
	keys q
	expect_exit "namesake: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# F5 in a field naming a person, with nobody recorded: the list says how
# to add one, and adds one there.
t_pick_empty() {
	tui_new_test
	tui_start
	keys 2 a
	expect_screen "pick: the item form opens" "New item"
	typ "报销凭证补齐"
	keys Tab F5
	expect_screen "pick: an empty list says how to add" "No people yet: Enter adds one (tab 5 lists them)"
	expect_screen "pick: its one entry adds a person" "+ Add a person…"
	keys Enter
	expect_screen "pick: the person form over the item's" "New person"
	typ "周八"
	keys F2
	expect_screen "pick: the new person is the owner" "Owner 周八"
	expect_screen "pick: the item form is still open" "New item"
	keys F5
	expect_screen "pick: now the list offers the person" "周八"
	esc
	keys F2
	expect_screen "pick: the item saved" "Item added: 报销凭证补齐"
	cli item list --tsv
	cli item show "$(cut -f1 "$TDIR/out")"
	out_has "pick: the owner stored" "周八"
	people_count "pick: the person stored" 1
	keys 5
	expect_line "pick: the people tab lists the person" "周八"
	keys q
	expect_exit "pick: q quits with status 0" 0
	db_clean "pick: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# The help lists the pane's keys; in Chinese the labels are 姓名 and 职务;
# the tabs fit 80 columns.
t_help_and_chinese() {
	tui_new_test
	seed person --name 张三 --post 主席 --role dual:办公室
	people_tab
	keys F1
	expect_screen "help: the tab key listed" "1 2 3 4 5"
	expect_screen "help: the people section" "People:"
	expect_screen "help: add" "new person: name, post, department, the plan roles held"
	expect_screen "help: delete" "delete the selected person"
	esc
	tm resize-window -t "$SESSION" -x 80 -y 24
	expect_row "80 columns: every tab shows" 1 "5 People"
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	keys q
	expect_exit "help: q quits with status 0" 0
	tui_end
	if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
		skip "Chinese: 姓名 and 职务" "no zh_CN.UTF-8 locale"
		return
	fi
	tui_start LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
	keys 5
	wait_for "人员："
	expect_row "Chinese: the tab" 1 "5 人员"
	expect_line "Chinese: the columns 姓名, 职务, 部门, 责任" "姓名" "职务" "部门" "责任"
	expect_line "Chinese: the role by name and scope" "张三" "主席" "分管领导一岗双责（办公室）"
	fits "Chinese: within 100 columns" 100
	keys q
	expect_exit "Chinese: q quits with status 0" 0
	tui_end
}

# LZ_TUI_ONLY="t_add t_pick_empty" runs just those.
all_tests="t_add t_edit t_delete t_namesake t_pick_empty t_help_and_chinese"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
