#!/usr/bin/env bash
# The full-screen program's outputs (issue 13, item 2): F9 and B refuse
# the database's own data.mdb, say why, and leave it as it was; both offer
# the documents folder and ask before replacing a file (issue 16).  Usage:
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
	expect_screen "B: data.mdb exists, a yes is asked" "data.mdb exists. Replace it? (y/n)"
	keys y
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

# B and F9 offer the same folder, the desktop's documents folder
# (user-dirs.dirs), else ~/Documents, else the home directory; B replaces
# an existing backup only after a yes (issue 16).
t_documents_folder() {
	tui_new_test
	local home=$TDIR/home
	mkdir -p "$home/.config" "$home/文档" "$home/Documents"
	printf '# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/桌面"\nXDG_DOCUMENTS_DIR="$HOME/文档"\n' \
		>"$home/.config/user-dirs.dirs"
	cli init
	tui_start HOME="$home" XDG_CONFIG_HOME=
	keys B
	expect_screen "folder: B offers the documents folder of user-dirs.dirs" \
		"$home/文档/lianzheng-backup-2022-06-15.mdb"
	keys Enter
	expect_screen "folder: B wrote there" "Backup written to $home/文档/lianzheng-backup-2022-06-15.mdb."
	echo "an older backup" >"$TDIR/older"
	cp "$TDIR/older" "$home/文档/lianzheng-backup-2022-06-15.mdb"
	keys B
	expect_screen "folder: B again" "Back up the database to file:"
	keys Enter
	expect_screen "folder: B asks before replacing a backup" \
		"lianzheng-backup-2022-06-15.mdb exists. Replace it? (y/n)"
	keys n
	expect_screen "folder: no: the name is asked again" "Back up the database to file:"
	esc
	expect_not_screen "folder: Esc closes the prompt" "Back up the database to file:"
	if cmp -s "$TDIR/older" "$home/文档/lianzheng-backup-2022-06-15.mdb"; then
		ok "folder: the backup said no to is untouched"
	else not_ok "folder: the backup said no to is untouched"; fi
	keys B
	expect_screen "folder: B a third time" "Back up the database to file:"
	keys Enter
	expect_screen "folder: asked again" "Replace it? (y/n)"
	keys y
	expect_screen "folder: yes replaces it" "Backup written to $home/文档/lianzheng-backup-2022-06-15.mdb."
	if cmp -s "$TDIR/older" "$home/文档/lianzheng-backup-2022-06-15.mdb"; then
		not_ok "folder: the backup was replaced"
	else ok "folder: the backup was replaced"; fi
	keys F9
	expect_screen "folder: F9 asks what to write" "Report or export"
	keys Enter
	expect_screen "folder: F9 offers the same folder" "$home/文档/ledger-2022.html"
	esc
	keys q
	expect_exit "folder: q quits with status 0" 0
	tui_end
	# Without user-dirs.dirs: ~/Documents; without that either: home.
	rm "$home/.config/user-dirs.dirs"
	tui_start HOME="$home" XDG_CONFIG_HOME=
	keys B
	expect_screen "folder: else B offers ~/Documents" "$home/Documents/lianzheng-backup-2022-06-15.mdb"
	esc
	keys F9 Enter
	expect_screen "folder: and F9 too" "$home/Documents/ledger-2022.html"
	esc
	keys q
	tui_end
	rmdir "$home/Documents"
	tui_start HOME="$home" XDG_CONFIG_HOME=
	keys B
	expect_screen "folder: else B offers home" "$home/lianzheng-backup-2022-06-15.mdb"
	esc
	keys F9 Enter
	expect_screen "folder: and F9 too" "$home/ledger-2022.html"
	esc
	keys q
	tui_end
}

t_own_files
t_documents_folder
finish
