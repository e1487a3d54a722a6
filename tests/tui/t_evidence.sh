#!/usr/bin/env bash
# Evidence from the screen (issue 17): in a record's view (v), a adds a
# file by its path, typed into a prompt; the view lists the record's
# evidence; a refused path is asked again with the reason, the text kept.
# Usage: t_evidence.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
set -u
. "$(dirname "$0")/lib.sh"

t_add_from_view() {
	tui_new_test
	cli init
	cli item add --task 2 --title 整改经费报销手续不全问题 --owner 张三
	id=$(cat "$TDIR/out")
	printf '%%PDF-1.4\n签到表\n' >"$TDIR/签到表.pdf"
	tui_start
	keys 2 Down Enter v
	expect_screen "view: a adds evidence" "a Add evidence"
	keys a
	expect_screen "view: the prompt asks for a path" "Add evidence: the path of a file"
	typ "$TDIR/没有这个文件.pdf"
	keys Enter
	expect_screen "view: a missing file is refused in the prompt" "cannot read $TDIR/没有这个文件.pdf"
	keys C-u
	typ "$TDIR/签到表.pdf"
	keys Enter
	expect_screen "view: the addition is said" "Evidence 1 added: 签到表.pdf (application/pdf, 19 bytes)"
	expect_screen "view: the record lists its evidence" "签到表.pdf  (application/pdf, 19 bytes, sha256"
	keys a
	typ "$TDIR/签到表.pdf"
	keys Enter
	expect_screen "view: the same file is not added twice" "签到表.pdf is evidence 1 already; not added again"
	# Dropped from a file manager: quoted; or typed from the home folder.
	printf '照片' >"$TDIR/会议 照片.jpg"
	keys a
	typ "'$TDIR/会议 照片.jpg' "
	keys Enter
	expect_screen "view: a quoted path, as dropped" "Evidence 2 added: 会议 照片.jpg"
	keys a
	expect_screen "view: the prompt again" "Add evidence: the path of a file"
	keys Escape
	expect_screen "view: Esc in the prompt goes back to the view" "a Add evidence"
	keys Escape
	expect_not_screen "view: Esc closes the view" "a Add evidence"
	keys H
	expect_screen "history: the addition is in the record's history" "Evidence"
	expect_not_screen "history: no evidence key there" "a Add evidence"
	keys Escape q
	tui_end
	cli evidence list "$id" --tsv
	out_has "cli: the file added from the screen" "1	签到表.pdf	application/pdf	19	"
	cli evidence verify
	out_has "cli: it verifies" "evidence verify passed: 2 evidence files of 1 record"
}

# F5 in the prompt lists the files of the documents, downloads and desktop
# folders, newest first, so a scan need not be typed (issue 16, the hour
# of use).
t_pick_recent() {
	tui_new_test
	cli init
	cli item add --task 2 --title 承诺书事项 --owner 张三
	mkdir -p "$TDIR/home/下载" "$TDIR/home/Documents"
	printf '%%PDF-1.4\n' >"$TDIR/home/Documents/旧文件.pdf"
	touch -d 2022-01-01 "$TDIR/home/Documents/旧文件.pdf"
	printf '%%PDF-1.4\n承诺书\n' >"$TDIR/home/下载/承诺书扫描.pdf"
	tui_start HOME="$TDIR/home" XDG_CONFIG_HOME="$TDIR/home/.config"
	keys 2 Down Enter v a
	expect_screen "pick: the prompt offers F5" "F5 list"
	keys F5
	expect_screen "pick: the downloads listed, from home" "~/下载/承诺书扫描.pdf"
	expect_screen "pick: the documents too" "~/Documents/旧文件.pdf"
	capture
	if [ "$(grep -n '承诺书扫描' "$TDIR/screen" | cut -d: -f1)" -lt "$(grep -n '旧文件' "$TDIR/screen" | cut -d: -f1)" ]; then
		ok "pick: the newest first"
	else
		not_ok "pick: the newest first"
	fi
	keys Enter
	expect_screen "pick: the path put into the prompt" "~/下载/承诺书扫描.pdf"
	keys Enter
	expect_screen "pick: added" "Evidence 1 added: 承诺书扫描.pdf (application/pdf"
	keys Escape q
	tui_end
}

t_add_from_view
t_pick_recent
finish
