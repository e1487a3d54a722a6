#!/usr/bin/env bash
# The full-screen program's outputs (issue 13, item 2): F9 and B refuse
# the database's own data.mdb, say why, and leave it as it was.  Usage:
# t_output.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
set -u
. "$(dirname "$0")/lib.sh"

t_own_files() {
	tui_new_test
	cli init
	cli meeting add --date 2022-06-10 --type special-meeting --title 研究部署二季度工作
	cp "$DB/data.mdb" "$TDIR/data.copy"
	tui_start
	keys F9
	expect_screen "F9: asks what to write" "Report or export"
	keys Enter
	expect_screen "F9: then the file name" "Save as"
	keys C-u
	typ "$DB/data.mdb"
	keys Enter
	expect_screen "F9: data.mdb exists, a yes is asked" "data.mdb exists. Replace it? (y/n)"
	keys y
	expect_screen "F9: the database's own file is refused" "is a file of the database in $DB"
	keys B
	expect_screen "B: asks for a file" "Back up the database to file:"
	keys C-u
	typ "$DB/data.mdb"
	keys Enter
	expect_screen "B: the database's own file is refused" "is a file of the database in $DB"
	esc
	keys q
	expect_exit "own files: q quits with status 0" 0
	if cmp -s "$DB/data.mdb" "$TDIR/data.copy"; then ok "own files: data.mdb is as it was"; else
		not_ok "own files: data.mdb is as it was"; fi
	cli meeting list --tsv
	out_has "own files: the meeting is still there" "研究部署二季度工作"
	tui_end
}

t_own_files
finish
