#!/usr/bin/env bash
# End-to-end tests of the full-screen program: the real binary in a private
# tmux server, keys in, screen out, database checked with the command line
# afterwards.  Usage: run.sh PATH-TO-lianzheng PATH-TO-lz-tui-inject
#
# The clock is pinned to 2022-06-15 08:00 UTC (a Wednesday in the plan
# year) unless a test says otherwise; messages are English (LC_ALL=C.UTF-8,
# LANGUAGE empty); titles are Chinese.
set -u
. "$(dirname "$0")/lib.sh"

TAB=$'\t'

# grid_cell DATE: the six columns of DATE's cell in the month grid (the
# month in view must be DATE's): 休/班, the meeting symbol, the day number,
# the today mark.  The pane starts on screen row 3, the grid two rows below.
grid_cell() {
	local first day slot
	first=$(date -u -d "${1%-*}-01" +%u)
	day=$((10#${1##*-}))
	slot=$((first - 1 + day - 1))
	scr cols "$TDIR/screen" $((3 + 2 + slot / 7)) $((slot % 7 * 6)) 6
}
# The day list is right of the separator at column 43; its rows start on
# screen row 5.
SEP_COL=43
LIST_ROW=5

# tui_cal [VAR=VALUE...]: the program started (tui_start), then turned to
# its calendar (tab 4): it opens on the overview.
tui_cal() {
	tui_start "$@"
	keys 4
	wait_for "Mo    Tu"
}

# A held 党组会议 seeded through the command line; its id is 1.
seed_meeting() {
	cli meeting add --date 2022-06-15 --type leading-group --status held \
		--title "$1" --first-topic 学习习近平总书记重要讲话精神 >/dev/null ||
		echo "# seeding failed: $(cat "$TDIR/err")"
}

# ---------------------------------------------------------------------------
# 1. First start on an empty directory.
t_first_start() {
	tui_new_test
	tui_start
	expect_row "first start: title line shows the organisation" 0 "县总工会"
	expect_row "first start: title line shows today" 0 "2022-06-15 Wednesday"
	expect_row "first start: tabs" 1 "1 Overview   2 Responsibilities   3 Risk points   4 Meeting calendar"
	expect_row "first start: the overview is the first screen" 3 "Meeting obligations"
	keys 4
	expect_row "first start: calendar on 2022-06" 3 "2022-06"
	expect_row "first start: today selected" 3 "2022-06-15 Wednesday"
	expect_row "first start: weekday header, Monday first" 4 "Mo    Tu    We    Th    Fr    Sa    Su"
	expect_row "first start: June 2022 begins on a Wednesday; 端午 holiday 3–5" 5 "            1     2 休  3 休  4 休  5"
	expect_row "first start: empty day" $LIST_ROW "No meetings. F2 or a adds one."
	expect_row "first start: key bar on the last row, F1 Help first" $((ROWS - 1)) "F1Help"
	expect_row "first start: key bar ends with F10 Quit" $((ROWS - 1)) "F10Quit"
	check "first start: the database directory was created" test -s "$DB/data.mdb"
	keys q
	expect_exit "first start: q quits with status 0" 0
	# Silently: nothing but the wrapper's line is left on the screen.
	capture
	local other
	other=$(grep -v '^EXITED:' "$TDIR/screen" | grep -c .)
	if [ "$other" -eq 0 ]; then ok "first start: no message printed around the full screen"; else
		not_ok "first start: no message printed around the full screen" "unexpected lines after exit"; fi
	cli meeting list --tsv
	out_is "first start: no meetings" ""
	db_clean "first start: db check clean"
	tui_end

	# Today outside the plan year: the plan year, same month and day.
	tui_new_test
	tui_start LIANZHENG_NOW=1781510400  # 2026-06-15 08:00 UTC
	expect_row "2026 clock: the overview says 2026 has no plan" 3 "2026 has no plan yet: N starts it"
	expect_row "2026 clock: the overview first, 2022's obligations" 4 "Meeting obligations"
	keys 4
	expect_row "2026 clock: calendar opens in the plan year 2022" 3 "2022-06"
	expect_row "2026 clock: on 2022-06-15" 3 "2022-06-15 Wednesday"
	expect_row "2026 clock: title shows the real today" 0 "2026-06-15 Monday"
	keys q
	expect_exit "2026 clock: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 2. A meeting added through the form.
t_add_meeting() {
	tui_new_test
	local title="党组会议学习贯彻党的二十大精神" topic="学习习近平总书记关于全面从严治党的重要论述"
	tui_cal
	keys a
	expect_screen "add: the form opens" "New meeting"
	expect_screen "add: date from the selected day" "*Date 2022-06-15"
	expect_screen "add: type 党组会议 first" "Type 党组会议 ▾"
	keys Down Space
	expect_screen "add: Space cycles the status to held" "Status held ▾"
	expect_screen "add: the first topic becomes required when held" "*First topic"
	keys Down
	typ "$title"
	expect_screen "add: title typed" "*Title $title"
	local i
	for i in 1 2 3 4 5 6 7 8 9; do keys Down; done
	typ "$topic"
	expect_screen "add: first topic typed" "$topic"
	keys F2
	expect_screen "add: saved message" "Meeting added: $title"
	expect_not_screen "add: the form closed" "New meeting"
	capture
	local cell
	cell=$(grid_cell 2022-06-15)
	if [ "${cell:2:1}" = "◆" ]; then ok "add: the day cell shows ◆"; else
		not_ok "add: the day cell shows ◆" "cell 2022-06-15 is '$cell'"; fi
	expect_row "add: day list shows the type" $LIST_ROW "◆ 党组会议"
	expect_row "add: day list shows the title" $LIST_ROW "$title"
	expect_row "add: day list shows the status" $LIST_ROW "held"
	keys q
	expect_exit "add: q quits with status 0" 0
	cli meeting list --tsv
	out_is "add: meeting list --tsv" "1${TAB}2022-06-15${TAB}${TAB}leading-group${TAB}held${TAB}$title"
	cli meeting show 1
	out_has "add: first topic stored" "First topic   $topic"
	out_has "add: version 1" "Record        1, version 1"
	db_clean "add: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# 3. Edit: Enter on the day, then e.
t_edit_meeting() {
	tui_new_test
	seed_meeting "旧标题"
	tui_cal
	expect_row "edit: seeded meeting listed" $LIST_ROW "旧标题"
	keys Enter
	keys e
	expect_screen "edit: the form opens" "Edit meeting"
	expect_screen "edit: title loaded" "*Title 旧标题"
	keys C-u
	typ "新标题：专题研究巡察整改"
	expect_screen "edit: new title typed" "*Title 新标题：专题研究巡察整改"
	keys F2
	expect_screen "edit: saved message" "Meeting saved: 新标题：专题研究巡察整改"
	expect_row "edit: day list shows the new title" $LIST_ROW "新标题：专题研究巡察整改"
	keys q
	expect_exit "edit: q quits with status 0" 0
	cli meeting list --tsv
	out_is "edit: list has the new title" "1${TAB}2022-06-15${TAB}${TAB}leading-group${TAB}held${TAB}新标题：专题研究巡察整改"
	cli meeting show 1
	out_has "edit: version 2" "Record        1, version 2"
	out_has "edit: fields the form did not change are kept" "First topic   学习习近平总书记重要讲话精神"
	db_clean "edit: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# 4. Esc on a changed form writes nothing.
t_escape_cancels() {
	tui_new_test
	seed_meeting "不变的会议"
	cli meeting list --tsv; cp "$TDIR/out" "$TDIR/list.before"
	cli meeting show 1; cp "$TDIR/out" "$TDIR/show.before"
	cp "$DB/data.mdb" "$TDIR/data.before"
	tui_cal
	expect_row "esc: meeting listed" $LIST_ROW "不变的会议"
	keys Enter e
	expect_screen "esc: edit form open" "Edit meeting"
	keys C-u
	typ "改过但取消"
	keys Up Space   # status: held -> cancelled
	expect_screen "esc: status changed in the form" "Status cancelled ▾"
	# Esc on what was typed asks first; n keeps the form as it was.
	keys Escape
	expect_screen "esc: asks before throwing the typing away" "Discard what was typed into this form? (y/n)"
	keys n
	expect_screen "esc: n keeps the form with the typing" "改过但取消"
	esc_discard
	expect_not_screen "esc: the form closed" "Edit meeting"
	expect_row "esc: the day list keeps the old title" $LIST_ROW "不变的会议"
	# A new meeting typed and cancelled as well.
	esc
	keys a
	expect_screen "esc: new form open" "New meeting"
	keys Down Down
	typ "不应出现"
	expect_screen "esc: new title typed" "*Title 不应出现"
	esc_discard
	expect_not_screen "esc: new form closed" "New meeting"
	keys q
	expect_exit "esc: q quits with status 0" 0
	cli meeting list --tsv
	if cmp -s "$TDIR/out" "$TDIR/list.before"; then ok "esc: meeting list --tsv unchanged"; else
		not_ok "esc: meeting list --tsv unchanged" "$(diff "$TDIR/list.before" "$TDIR/out")"; fi
	cli meeting show 1
	if cmp -s "$TDIR/out" "$TDIR/show.before"; then ok "esc: meeting show unchanged"; else
		not_ok "esc: meeting show unchanged" "$(diff "$TDIR/show.before" "$TDIR/out")"; fi
	check "esc: data.mdb byte-for-byte unchanged" cmp -s "$DB/data.mdb" "$TDIR/data.before"
	tui_end
}

# ---------------------------------------------------------------------------
# 5. An impossible date is refused; fixed, it saves.
t_invalid_date() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "bad date: form open" "New meeting"
	keys Up Up Up C-u   # Type -> End -> Start -> Date
	typ "2022-02-30"
	keys Tab
	expect_screen "bad date: message beside the field on leaving it" "February has no 30th"
	expect_row "bad date: the message is on the Date row" 2 "*Date 2022-02-30"
	keys Down Down Down Down   # Start -> End -> Type -> Status -> Title
	typ "日期有误的会议"
	expect_screen "bad date: title typed" "*Title 日期有误的会议"
	keys F2
	expect_screen "bad date: save refused with a message at the bottom" "Date: February has no 30th"
	expect_screen "bad date: the form stays open" "New meeting"
	expect_screen "bad date: the title is kept" "*Title 日期有误的会议"
	cli meeting list --tsv
	out_is "bad date: nothing saved" ""
	# The cursor went back to the date: replace it.
	keys C-u
	typ "2022-06-16"
	keys F2
	expect_screen "bad date: fixed date saves" "Meeting added: 日期有误的会议"
	expect_row "bad date: the calendar moves to the meeting's day" 3 "2022-06-16 Thursday"
	keys q
	expect_exit "bad date: q quits with status 0" 0
	cli meeting list --tsv
	out_is "bad date: saved on the fixed date" "1${TAB}2022-06-16${TAB}${TAB}leading-group${TAB}planned${TAB}日期有误的会议"
	db_clean "bad date: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# 6. A held 党组会议 needs its 第一议题.
t_first_topic_required() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "first topic: form open" "New meeting"
	keys Down Space Down
	expect_screen "first topic: held" "Status held ▾"
	typ "没有第一议题的党组会"
	expect_screen "first topic: title typed" "*Title 没有第一议题的党组会"
	keys F2
	if wait_for "First topic: required" || screen_has "第一议题"; then
		ok "first topic: save shows the first-topic error"; else
		not_ok "first topic: save shows the first-topic error" "no message naming the first topic"; fi
	expect_screen "first topic: the form stays open" "New meeting"
	expect_screen "first topic: the typed title is still there" "*Title 没有第一议题的党组会"
	cli meeting list --tsv
	out_is "first topic: nothing saved" ""
	# Typing the topic now saves (the cursor is on the field in error).
	typ "学习党章"
	keys F2
	expect_screen "first topic: with the topic it saves" "Meeting added: 没有第一议题的党组会"
	keys q
	expect_exit "first topic: q quits with status 0" 0
	cli meeting show 1
	out_has "first topic: stored" "First topic   学习党章"
	tui_end
}

# ---------------------------------------------------------------------------
# 7. Too small, and back.  The notice names the minimum; the minimum it
# names is the real one (the calendar shows at exactly that size, not one
# column or row less).
too_small_text() {
	capture
	tr '\n' ' ' <"$TDIR/screen" | tr -s ' '
}
# wait_too_small W H: polls until the notice for W×H shows (its lines
# joined: a narrow window breaks it into lines).
wait_too_small() {
	local i
	for ((i = 0; i < WAIT * 10; i++)); do
		[[ $(too_small_text) == *"Terminal too small: $1×$2, need at least "* ]] && return 0
		sleep 0.1
	done
	return 1
}
t_resize() {
	tui_new_test
	tui_cal
	keys Right
	expect_row "resize: selected 06-16" 3 "2022-06-16 Thursday"
	tm resize-window -t "$SESSION" -x 40 -y 10
	wait_too_small 40 10
	local text min_c=60 min_r=16
	text=$(too_small_text)
	if [[ $text =~ Terminal\ too\ small:\ 40×10,\ need\ at\ least\ ([0-9]+)×([0-9]+)\. ]]; then
		min_c=${BASH_REMATCH[1]} min_r=${BASH_REMATCH[2]}
		ok "resize: 40×10 shows the too-small notice (minimum ${min_c}×${min_r})"
	else
		not_ok "resize: 40×10 shows the too-small notice" "want: Terminal too small: 40×10, need at least W×H."
	fi
	if [ "$HAVE_PY" = 1 ]; then
		local w
		w=$(scr width "$TDIR/screen" 40 | head -1)
		if [ "$w" -le 40 ]; then ok "resize: the notice fits 40 columns"; else
			not_ok "resize: the notice fits 40 columns" "widest line: $w"; fi
	else skip "resize: the notice fits 40 columns" "python3 missing"; fi
	expect_not_screen "resize: no calendar drawn while too small" "Meeting calendar"
	# Keys while too small do not act on the hidden calendar.
	keys Right Right a
	settle
	tm resize-window -t "$SESSION" -x $((min_c - 1)) -y "$min_r"
	if wait_too_small $((min_c - 1)) "$min_r"; then
		ok "resize: one column short of ${min_c}×${min_r} is too small"; else
		not_ok "resize: one column short of ${min_c}×${min_r} is too small"; fi
	tm resize-window -t "$SESSION" -x "$min_c" -y $((min_r - 1))
	if wait_too_small "$min_c" $((min_r - 1)); then
		ok "resize: one row short of ${min_c}×${min_r} is too small"; else
		not_ok "resize: one row short of ${min_c}×${min_r} is too small"; fi
	tm resize-window -t "$SESSION" -x "$min_c" -y "$min_r"
	expect_row "resize: at exactly ${min_c}×${min_r} the calendar shows" 3 "2022-06-16 Thursday"
	expect_row "resize: at ${min_c}×${min_r} the key bar shows" $((min_r - 1)) "F1"
	expect_not_screen "resize: no form was opened by keys typed while too small" "New meeting"
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	expect_row "resize: back to 100×30, calendar again" 3 "2022-06"
	expect_row "resize: the same selected day" 3 "2022-06-16 Thursday"
	expect_row "resize: key bar back" $((ROWS - 1)) "F10Quit"
	expect_row "resize: tabs back" 1 "4 Meeting calendar"
	# A resize while a form is open: the form is drawn for the new size.
	keys a
	expect_screen "resize: form open" "New meeting"
	tm resize-window -t "$SESSION" -x 40 -y 10
	sleep 0.3
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	expect_screen "resize: the form survives a resize" "New meeting"
	esc
	expect_not_screen "resize: form closed" "New meeting"
	# The notice says F10 quits: it does, even while too small.
	tm resize-window -t "$SESSION" -x 40 -y 10
	check "resize: small again" wait_too_small 40 10
	keys F10
	expect_exit "resize: F10 quits while too small, status 0" 0
	cli meeting list --tsv
	out_is "resize: nothing saved" ""
	tui_end
}

# ---------------------------------------------------------------------------
# 8. A 200-character title never overflows its column.
t_long_title() {
	tui_new_test
	local title="" i
	for ((i = 0; i < 20; i++)); do title+="党风廉政建设和反腐败"; done  # 200 characters
	cli meeting add --date 2022-06-15 --type special-meeting --status planned --title "$title" >/dev/null
	cli meeting add --date 2022-06-15 --type leading-group --status held --time 09:00 \
		--first-topic 学习 --title "短标题" >/dev/null
	local mid="党风廉政建设和反腐败工党风廉政建设和反腐败工党风廉政建设和反腐败工党风廉政建设和反腐败工作"
	cli meeting add --date 2022-06-16 --type special-meeting --status planned --title "$mid" >/dev/null
	tui_cal
	expect_screen "long title: listed" "党风廉政建设和反"
	if [ "$HAVE_PY" = 0 ]; then
		skip "long title: widths" "python3 missing"
		tui_end
		return
	fi
	local state
	for state in list focused form; do
		case $state in
		focused) keys Enter ;;
		form) keys e; expect_screen "long title: edit form open" "Edit meeting" ;;
		esac
		settle
		local bad
		bad=$(scr width "$TDIR/screen" "$COLS" | tail -n +2 | tr '\n' ' ')
		if [ -z "$bad" ]; then ok "long title ($state): every line within $COLS columns"; else
			not_ok "long title ($state): every line within $COLS columns" "lines too wide (row:width): $bad"; fi
		local broken
		if [ "$state" = form ]; then
			# The form's box: right border at column 97 on every row it spans.
			broken=$(scr vline "$TDIR/screen" 97 2 $((ROWS - 2)) "│")
			if [ -z "$broken" ]; then ok "long title (form): the form's right border intact"; else
				not_ok "long title (form): the form's right border intact" "rows without │ at column 97: $broken"; fi
			expect_row "long title (form): the title field shows its end, scrolled" 7 "建设和反腐败 "
			esc
			continue
		fi
		broken=$(scr vline "$TDIR/screen" $SEP_COL 3 $((ROWS - 1)) "│")
		if [ -z "$broken" ]; then ok "long title ($state): the │ separator intact on every row"; else
			not_ok "long title ($state): the │ separator intact on every row" "rows without │ at column $SEP_COL: $broken"; fi
		# The long one is first (no time sorts before 09:00): cut with …,
		# the status still at the right edge.
		local r
		r=$(row $LIST_ROW)
		case $r in *"…"*planned) ok "long title ($state): cut with … and the status kept at the right edge" ;;
		*) not_ok "long title ($state): cut with … and the status kept at the right edge" "row: $r" ;;
		esac
		if [ "$(scr width "$TDIR/screen" 1000 | head -1)" -le "$COLS" ] &&
		   [ "$(scr end "$TDIR/screen" $LIST_ROW planned)" = "$COLS" ]; then
			ok "long title ($state): the status ends at the last column"; else
			not_ok "long title ($state): the status ends at the last column" \
				"'planned' ends at column $(scr end "$TDIR/screen" $LIST_ROW planned)"; fi
	done
	# A wide terminal has room for a 45-character title (90 columns): it
	# is shown whole, not cut at what an index entry holds.
	tm resize-window -t "$SESSION" -x 200 -y "$ROWS"
	keys Right
	expect_row "wide: on 06-16" 3 "2022-06-16 Thursday"
	if wait_for "$mid"; then ok "wide: a 45-character title shown whole at 200 columns"; else
		not_ok "wide: a 45-character title shown whole at 200 columns" \
			"want: $mid" "row $LIST_ROW: $(row $LIST_ROW)"; fi
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	keys q
	expect_exit "long title: q quits with status 0" 0
	cli meeting list --tsv
	# The 200-character title is on a day before another meeting's day.
	out_has "long title: meeting list --tsv prints the 200-character title whole" "${TAB}$title"
	out_has "wide: meeting list --tsv prints the 45-character title whole" "${TAB}$mid"
	tui_end
}

# ---------------------------------------------------------------------------
# 9. Terminal escapes stored in a title are shown, not obeyed.
t_escape_in_title() {
	tui_new_test
	cli meeting list >/dev/null   # creates the database with the plan
	local evil
	evil=$(printf '\033[2Jx\033]0;x\007')
	if "$INJECT" "$DB" 2022-06-15 special-meeting planned "$evil" >"$TDIR/out" 2>"$TDIR/err"; then
		ok "escapes: record written past validation"; else
		not_ok "escapes: record written past validation" "$(cat "$TDIR/err")"; fi
	tui_cal
	local before
	before=$(pane '#{pane_title}')
	expect_screen "escapes: shown as visible characters" "^[[2Jx^[]0;x^G"
	settle
	expect_row "escapes: the title line is intact" 0 "县总工会"
	expect_row "escapes: the tabs are intact" 1 "4 Meeting calendar"
	expect_row "escapes: the grid is intact" 3 "2022-06"
	expect_row "escapes: the key bar is intact" $((ROWS - 1)) "F10Quit"
	local after
	after=$(pane '#{pane_title}')
	if [ "$after" = "lz-test-title" ] && [ "$after" = "$before" ]; then
		ok "escapes: the window title is unchanged"; else
		not_ok "escapes: the window title is unchanged" "before '$before', after '$after'"; fi
	# In the edit form the same, and the cursor sits after the text shown.
	keys Enter e
	expect_screen "escapes: edit form open" "Edit meeting"
	expect_screen "escapes: visible in the form's title field" "*Title ^[[2Jx^[]0;x^G"
	settle
	if [ "$HAVE_PY" = 1 ]; then
		local y end cx cy
		for ((y = 0; y < ROWS; y++)); do
			case $(row $y) in *"*Title "*) break ;; esac
		done
		end=$(scr end "$TDIR/screen" $y "^[[2Jx^[]0;x^G")
		cx=$(pane '#{cursor_x}') cy=$(pane '#{cursor_y}')
		if [ "$cx" = "$end" ] && [ "$cy" = "$y" ]; then
			ok "escapes: the form's cursor is right after the title shown"; else
			not_ok "escapes: the form's cursor is right after the title shown" \
				"cursor at column $cx row $cy; the title shown ends at column $end of row $y"; fi
	else skip "escapes: the form's cursor is right after the title shown" "python3 missing"; fi
	esc
	expect_not_screen "escapes: form closed" "Edit meeting"
	after=$(pane '#{pane_title}')
	if [ "$after" = "lz-test-title" ]; then ok "escapes: the window title still unchanged"; else
		not_ok "escapes: the window title still unchanged" "now '$after'"; fi
	keys q
	expect_exit "escapes: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 10. Delete with confirmation; mark held / cancelled.
t_delete_and_status() {
	tui_new_test
	cli meeting add --date 2022-06-15 --type special-meeting --status planned --title "专题会议" >/dev/null
	tui_cal
	expect_row "status: planned at first" $LIST_ROW "planned"
	keys Enter x
	expect_screen "status: x marks held" "Marked held: 专题会议"
	expect_row "status: day list shows held" $LIST_ROW "held"
	cli meeting list --tsv
	out_is "status: CLI sees held" "1${TAB}2022-06-15${TAB}${TAB}special-meeting${TAB}held${TAB}专题会议"
	keys C
	expect_screen "status: C asks first (issue 16, bug 6)" 'Mark the meeting "专题会议" cancelled? (y/n)'
	keys y
	expect_screen "status: C marks cancelled" "Marked cancelled: 专题会议"
	expect_row "status: day list shows cancelled" $LIST_ROW "cancelled"
	cli meeting list --tsv
	out_is "status: CLI sees cancelled" "1${TAB}2022-06-15${TAB}${TAB}special-meeting${TAB}cancelled${TAB}专题会议"
	# On the grid, a day of two meetings: x and C ask which (issue 16, bug 6).
	cli meeting add --date 2022-06-15 --type special-meeting --status planned --title "第二个会议" \
		--time 15:00 >/dev/null
	keys Escape
	wait_for "第二个会议"
	keys x
	expect_screen "grid: x asks which meeting" "Mark which meeting held?"
	keys Down Enter
	expect_screen "grid: x marks the one picked" "Marked held: 第二个会议"
	keys C
	expect_screen "grid: C asks which meeting" "Mark which meeting cancelled?"
	keys Down Enter
	expect_screen "grid: C then asks to confirm" 'Mark the meeting "第二个会议" cancelled? (y/n)'
	keys n
	expect_not_screen "grid: n closes the question" "(y/n)"
	cli meeting list --tsv
	out_has "grid: the first meeting untouched" "cancelled${TAB}专题会议"
	out_has "grid: the second held, not cancelled" "held${TAB}第二个会议"
	cli meeting rm 2 >/dev/null
	wait_gone "第二个会议"
	keys Enter
	keys d
	expect_screen "delete: asks first" 'Delete the meeting "专题会议"? (y/n)'
	keys n
	expect_not_screen "delete: n closes the question" "(y/n)"
	expect_row "delete: n keeps the meeting" $LIST_ROW "专题会议"
	cli meeting list --tsv
	out_has "delete: n keeps it in the database" "专题会议"
	keys d
	expect_screen "delete: asks again" 'Delete the meeting "专题会议"? (y/n)'
	keys y
	expect_screen "delete: y deletes" "Meeting deleted."
	expect_row "delete: the day is empty" $LIST_ROW "No meetings. F2 or a adds one."
	capture
	local cell
	cell=$(grid_cell 2022-06-15)
	if [ "${cell:2:1}" = " " ] || [ "${#cell}" -lt 3 ]; then ok "delete: the day cell has no symbol"; else
		not_ok "delete: the day cell has no symbol" "cell is '$cell'"; fi
	keys q
	expect_exit "delete: q quits with status 0" 0
	cli meeting list --tsv
	out_is "delete: gone from the database" ""
	db_clean "delete: db check clean"
	tui_end
}

# ---------------------------------------------------------------------------
# 11. Go to a date: National Day holidays and make-up days; t for today.
t_goto() {
	tui_new_test
	tui_cal
	keys g
	expect_screen "goto: the prompt opens" "Go to date (2022-03-01, 3/1 …):"
	expect_screen "goto: prefilled with the selected day" "2022-06-15"
	# The offered date is replaced by what is typed (issue 16, bug 9).
	typ "2022-10-01"
	keys Enter
	expect_row "goto: October 2022 in view" 3 "2022-10"
	expect_row "goto: on 10-01, a holiday" 3 "2022-10-01 Saturday 休 国庆节"
	capture
	local d bad=
	for d in 01 02 03 04 05 06 07; do
		case $(grid_cell 2022-10-$d) in 休*) ;; *) bad+="10-$d:'$(grid_cell 2022-10-$d)' " ;; esac
	done
	if [ -z "$bad" ]; then ok "goto: 休 on 10-01 … 10-07"; else not_ok "goto: 休 on 10-01 … 10-07" "cells: $bad"; fi
	bad=
	for d in 08 09; do
		case $(grid_cell 2022-10-$d) in 班*) ;; *) bad+="10-$d:'$(grid_cell 2022-10-$d)' " ;; esac
	done
	if [ -z "$bad" ]; then ok "goto: 班 on 10-08 and 10-09"; else not_ok "goto: 班 on 10-08 and 10-09" "cells: $bad"; fi
	case $(grid_cell 2022-10-10) in 休* | 班*) not_ok "goto: 10-10 an ordinary day" "cell '$(grid_cell 2022-10-10)'" ;;
	*) ok "goto: 10-10 an ordinary day" ;; esac
	keys Down
	expect_row "goto: ↓ a week later is the make-up day 10-08" 3 "2022-10-08 Saturday 班 make-up working day"
	# An impossible date is refused and asked again.
	keys g C-u
	typ "2022-13-01"
	keys Enter
	expect_screen "goto: impossible date refused" "2022-13-01: there is no month 13"
	expect_screen "goto: prompt asked again" "Go to date (2022-03-01, 3/1 …):"
	esc
	expect_not_screen "goto: Esc closes the prompt" "Go to date"
	expect_row "goto: still on 10-08" 3 "2022-10-08"
	keys t
	expect_row "goto: t returns to today" 3 "2022-06-15 Wednesday"
	expect_row "goto: t shows June" 3 "2022-06"
	keys PageDown
	expect_row "nav: PgDn the same day next month" 3 "2022-07-15 Friday"
	keys End
	expect_row "nav: End the month's last day" 3 "2022-07-31 Sunday"
	keys Home
	expect_row "nav: Home the month's first day" 3 "2022-07-01 Friday"
	keys PageUp
	expect_row "nav: PgUp back a month" 3 "2022-06-01 Wednesday"
	keys Up
	expect_row "nav: ↑ a week earlier, into May" 3 "2022-05-25 Wednesday"
	keys Left
	expect_row "nav: ← a day earlier" 3 "2022-05-24 Tuesday"
	keys g C-u
	typ "2022-01-31"
	keys Enter
	expect_row "nav: go to 01-31" 3 "2022-01-31 Monday 休 春节"
	keys PageDown
	expect_row "nav: PgDn from 01-31 stops at 02-28" 3 "2022-02-28 Monday"
	keys t
	expect_row "nav: t again" 3 "2022-06-15 Wednesday"
	keys q
	expect_exit "goto: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 12. Help and tabs.
t_help_and_tabs() {
	tui_new_test
	tui_cal
	keys F1
	expect_screen "help: F1 opens it" "Keys — Esc or q closes this help"
	local k
	for k in "F1 ?" "F2 a" "F3 e" "F4 d Del" "x / C" "/" "H" "u" "B" "PgUp PgDn" "F10 q"; do
		expect_screen "help: lists $k" "$k"
	done
	expect_screen "help: explains the new-meeting key" "new meeting on the selected day"
	keys NPage NPage NPage
	expect_screen "help: PgDn scrolls to the form keys" "cancel: nothing is written"
	esc
	expect_not_screen "help: Esc closes it" "Keys — Esc or q"
	expect_row "help: calendar back" 3 "2022-06-15 Wednesday"
	keys '?'
	expect_screen "help: ? opens it too" "Keys — Esc or q closes this help"
	keys q
	expect_not_screen "help: q closes it (and does not quit)" "Keys — Esc or q"
	expect_row "help: q left the program running" $((ROWS - 1)) "F10Quit"

	local t name
	keys 1
	expect_screen "tabs: 1 shows the overview's obligations" "Meeting obligations"
	expect_screen "tabs: the overview lists the next 14 days" "Next 14 days"
	keys 2
	expect_screen "tabs: 2 lists the plan's sections" "一、突出政治引领"
	expect_screen "tabs: 2 shows the selected task's text" "巩固拓展党史学习教育成果"
	keys 3
	expect_screen "tabs: 3 shows the risk register" "Risk points: 0, past their review date: 0"
	expect_screen "tabs: 3 shows the heat map" "Likelihood × impact"
	keys a
	expect_screen "tabs: a on the risk tab opens the risk form" "New risk point"
	expect_not_screen "tabs: not the calendar's meeting form" "New meeting"
	esc
	expect_not_screen "tabs: Esc closes the risk form" "New risk point"
	keys 4
	expect_row "tabs: 4 returns to the calendar" 3 "2022-06-15 Wednesday"
	keys Tab
	expect_screen "tabs: Tab from the calendar to the people (tab 5)" "People: 0"
	keys Tab
	expect_screen "tabs: Tab from the people to the registers (tab 6)" "[Notices (通报传达)]"
	keys Tab
	expect_screen "tabs: Tab from the last tab goes round to Overview" "Meeting obligations"
	keys BTab
	expect_screen "tabs: Shift-Tab back to the registers" "[Notices (通报传达)]"
	keys BTab
	expect_screen "tabs: Shift-Tab back to the people" "People: 0"
	keys BTab
	expect_row "tabs: Shift-Tab back to the calendar" 3 "2022-06-15 Wednesday"
	keys F10
	expect_exit "tabs: F10 quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 13. Signals and quitting restore the terminal.
terminal_restored() {
	local what=$1
	expect_not_screen "$what: the key bar is gone" "F10Quit"
	expect_not_screen "$what: the title line is gone" "县总工会"
	local alt cur kp
	alt=$(pane '#{alternate_on}') cur=$(pane '#{cursor_flag}') kp=$(pane '#{keypad_cursor_flag}')
	if [ "$alt" = 0 ] && [ "$cur" = 1 ] && [ "$kp" = 0 ]; then ok "$what: normal screen, cursor shown, keypad reset"; else
		not_ok "$what: normal screen, cursor shown, keypad reset" \
			"alternate_on=$alt cursor_flag=$cur keypad_cursor_flag=$kp"; fi
}
t_signals() {
	tui_new_test
	tui_cal
	check "signal: the program's pid is known" test -n "$PID"
	kill -TERM "$PID" 2>/dev/null
	expect_exit "signal: SIGTERM ends it with status 143" 143
	terminal_restored "signal"
	tui_end

	tui_cal
	keys q
	expect_exit "quit: q ends it with status 0" 0
	terminal_restored "quit"
	tui_end

	tui_cal
	keys C-c
	if wait_for "EXITED:"; then ok "ctrl-c: ends it"; else not_ok "ctrl-c: ends it"; fi
	expect_exit "ctrl-c: status 130, as an interrupted program's (issue 16, bug 12)" 130
	terminal_restored "ctrl-c"
	tui_end

	tui_cal
	keys a
	expect_screen "ctrl-c in a form: form open" "New meeting"
	keys C-c
	expect_exit "ctrl-c in a form: ends the program with status 130" 130
	terminal_restored "ctrl-c in a form"
	tui_end

	# With a form open the signal must still end the program.
	tui_cal
	keys a
	expect_screen "signal in a form: form open" "New meeting"
	kill -TERM "$PID" 2>/dev/null
	if wait_for "EXITED:"; then ok "signal in a form: SIGTERM ends the program"; else
		not_ok "signal in a form: SIGTERM ends the program" "still running after ${WAIT}s (pid $PID)"; fi
	terminal_restored "signal in a form"
	kill -KILL "$PID" 2>/dev/null
	tui_end

	# Closing the terminal (SIGHUP, then no terminal) with a question open.
	cli meeting add --date 2022-06-15 --type special-meeting --title "待删" >/dev/null
	tui_cal
	keys d
	expect_screen "hangup in a dialog: question open" "(y/n)"
	tm kill-pane -t "$SESSION"
	if pid_gone "$WAIT"; then ok "hangup in a dialog: the program ends when its terminal closes"; else
		local t0 t1
		t0=$(cpu_ticks "$PID"); sleep 1; t1=$(cpu_ticks "$PID")
		not_ok "hangup in a dialog: the program ends when its terminal closes" \
			"pid $PID still running $WAIT s after the pane closed;" \
			"it used $((t1 - t0)) clock ticks of CPU in the last second (of $(getconf CLK_TCK))"
		kill -KILL "$PID" 2>/dev/null
	fi
	cli meeting list --tsv
	out_has "hangup in a dialog: nothing deleted" "待删"
	tui_end
}

# ---------------------------------------------------------------------------
# 14. Multi-line fields: Ctrl-J makes lines; many lines still show the last.
t_multiline_field() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "multi-line: form open" "New meeting"
	keys Down Down
	typ "多行字段"
	keys Down Down Down Down Down Down   # Title -> Location, Host, Recorder, Expected, Present, Attendees
	expect_screen "multi-line: on Attendees" "Attendees"
	# A line exactly as wide as the field: the cursor after it must stay
	# inside the field (on the next row), not on the form's border.
	if [ "$HAVE_PY" = 1 ]; then
		settle
		local fx fill cx cy
		fx=$(($(scr end "$TDIR/screen" 13 "Attendees") + 1))
		fill=$(printf '%*s' $((97 - fx)) '' | tr ' ' x)
		typ "$fill"
		wait_for "$fill"
		settle
		cx=$(pane '#{cursor_x}') cy=$(pane '#{cursor_y}')
		if [ "$cx" -lt 97 ]; then ok "multi-line: after a line that fills the field the cursor stays inside it"; else
			not_ok "multi-line: after a line that fills the field the cursor stays inside it" \
				"typed $((97 - fx)) characters into the field at columns $fx..96;" \
				"cursor at column $cx row $cy (column 97 is the form's border); want column $fx row 14"; fi
		keys C-u
		wait_gone "$fill"
	else skip "multi-line: after a line that fills the field the cursor stays inside it" "python3 missing"; fi
	typ "张三"
	keys C-j
	typ "李四"
	expect_screen "multi-line: Ctrl-J starts a second line" "李四"
	expect_row "multi-line: first line on the field's first row" 13 "Attendees 张三"
	local i
	for ((i = 3; i <= 70; i++)); do
		keys C-j
		typ "第${i}人"
	done
	expect_screen "multi-line: after 70 lines the last line is shown" "第70人"
	expect_screen "multi-line: and the one before it" "第69人"
	keys F2
	expect_screen "multi-line: saved" "Meeting added: 多行字段"
	keys q
	expect_exit "multi-line: q quits with status 0" 0
	cli meeting show 1
	out_has "multi-line: first attendee stored" "张三"
	out_has "multi-line: last attendee stored" "第70人"
	tui_end
}

# ---------------------------------------------------------------------------
# 15. The day list lays every row out alike.
t_list_alignment() {
	tui_new_test
	cli meeting add --date 2022-06-15 --type special-meeting --status held --time 09:00 --title "甲会议" >/dev/null
	cli meeting add --date 2022-06-15 --type special-meeting --status planned --time 10:00 --title "乙会议" >/dev/null
	tui_cal
	expect_row "alignment: held row" $LIST_ROW "甲会议"
	expect_row "alignment: planned row" $((LIST_ROW + 1)) "乙会议"
	if [ "$HAVE_PY" = 1 ]; then
		local a b
		a=$(scr find "$TDIR/screen" $LIST_ROW "甲会议")
		b=$(scr find "$TDIR/screen" $((LIST_ROW + 1)) "乙会议")
		if [ "$a" = "$b" ]; then ok "alignment: titles start in the same column"; else
			not_ok "alignment: titles start in the same column" \
				"held row's title at column $a, planned row's at column $b" \
				"row $LIST_ROW: $(row $LIST_ROW)" "row $((LIST_ROW + 1)): $(row $((LIST_ROW + 1)))"; fi
	else skip "alignment: titles start in the same column" "python3 missing"; fi
	case $(row $((LIST_ROW + 1))) in
	*"● 专题会议"*) ok "alignment: the type name shown on the planned row too" ;;
	*) not_ok "alignment: the type name shown on the planned row too" "row: $(row $((LIST_ROW + 1)))" ;;
	esac
	keys q
	expect_exit "alignment: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 16. Search with / from any pane: a list of every record holding the
# text; Enter opens the hit in its pane.
t_search() {
	tui_new_test
	cli meeting add --date 2022-03-10 --type special-meeting --status held --title "巡察整改专题会" >/dev/null
	cli meeting add --date 2022-09-20 --type special-meeting --title "巡察整改推进会" >/dev/null
	cli item add --task 2 --title "巡察整改台账核对" --owner 张三 --source 县委第二轮巡察反馈 --due 2022-05-31 >/dev/null
	cli risk add --post 财务岗 --link 报销 --desc "巡察整改经费报销审核" --level 高 --likelihood 4 --impact 5 >/dev/null
	tui_start
	keys /
	expect_screen "search: the prompt opens from the overview" "Search every record for:"
	typ "巡察整改"
	keys Enter
	expect_screen "search: counts the hits" '4 records contain "巡察整改":'
	expect_line "search: lists the meetings" "巡察整改推进会" "2022-09-20" "meeting" "planned"
	expect_screen "search: lists the item" "巡察整改台账核对"
	expect_screen "search: lists the risk point" "巡察整改经费报销审核"
	# By date: the March meeting, the May item, the risk point's review in
	# September, the September meeting.
	keys Down Down Down Enter
	expect_screen "search: Enter on a meeting opens the calendar" "2022-09-20 Tuesday"
	expect_row "search: the meeting is selected in the day list" $LIST_ROW "巡察整改推进会"
	keys /
	expect_screen "search: the prompt keeps the last text" "巡察整改"
	keys Enter Down Enter
	expect_screen "search: Enter on an item opens its task" "2. "
	expect_screen "search: the item is listed under its task" "巡察整改台账核对"
	# The last search is offered: typing replaces it (issue 16, bug 9).
	keys /
	expect_screen "search: the last text offered again" "巡察整改"
	typ "台账核对"
	keys Enter
	expect_screen "search: a single hit opens at once" "巡察整改台账核对"
	keys / C-u
	typ "没有这个会"
	keys Enter
	expect_screen "search: no match says so" 'No record contains "没有这个会".'
	keys q
	expect_exit "search: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 18. H shows a record's history from the change log; u undoes the latest
# change, then the one before; B writes a backup.
t_history_undo_backup() {
	tui_new_test
	cli meeting add --date 2022-06-15 --type special-meeting --status planned --title "专题会议" >/dev/null
	cli meeting edit 1 --title "专题会议（改）" --host 王五 >/dev/null
	tui_cal
	keys H
	expect_screen "history: asks for a record first" "Choose a record first"
	keys Enter H
	expect_screen "history: the page opens" "History of meeting 1: 专题会议（改）"
	expect_screen "history: the add is listed" "#2"
	expect_screen "history: the change shows before and after" "Title: 专题会议 → 专题会议（改）"
	expect_screen "history: a field filled in" "Host: — → 王五"
	esc
	keys u
	expect_screen "undo: names what it would take back, made elsewhere" \
		"Undo the change to meeting “专题会议（改）”, made outside this window ("
	keys n
	expect_row "undo: n takes nothing back" $LIST_ROW "专题会议（改）"
	keys u y
	expect_screen "undo: says what it took back" "Undone: the change to meeting “专题会议（改）”"
	expect_row "undo: the old title is back" $LIST_ROW "专题会议"
	cli meeting show 1
	out_has "undo: the command line sees the old title" "专题会议"
	keys u
	expect_screen "undo again: asks about the add" "Undo the new meeting “专题会议”, made outside"
	keys y
	expect_screen "undo again: the add is taken back" "Undone: the new meeting “专题会议”"
	cli meeting list --tsv
	out_is "undo again: the meeting is gone" ""
	keys u
	expect_screen "undo: nothing left says so" "there is no change to undo"
	cli audit verify
	out_has "undo: the audit chain is intact" "audit passed"
	keys B
	expect_screen "backup: asks for a file, a dated name offered" "lianzheng-backup-"
	keys C-u
	typ "$TDIR/copy.mdb"
	keys Enter
	expect_screen "backup: says where it went" "Backup written to $TDIR/copy.mdb."
	check "backup: the file exists" test -s "$TDIR/copy.mdb"
	keys q
	expect_exit "history/undo/backup: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# 17. Choice fields (Space, ← →, F5) and Enter through the form.
t_choices_and_enter() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "choices: form open on the type" "Type 党组会议 ▾"
	keys Right
	expect_screen "choices: → next type" "Type 党风廉政建设专题会议 ▾"
	keys Left Left
	expect_screen "choices: ← wraps to the last type" "Type 理论学习中心组学习 ▾"
	keys Space
	expect_screen "choices: Space wraps to the first type" "Type 党组会议 ▾"
	keys F5
	expect_screen "choices: F5 opens the list" "集中警示教育"
	keys Down Down Enter
	expect_screen "choices: picked from the list" "Type 集中警示教育 ▾"
	keys F5
	expect_screen "choices: list again" "支部党员大会"
	keys Down
	esc
	wait_gone "支部党员大会"
	expect_screen "choices: Esc in the list keeps the choice" "Type 集中警示教育 ▾"
	expect_screen "choices: the form is still open" "New meeting"
	keys Down Down
	typ "警示教育大会"
	expect_screen "choices: title typed" "*Title 警示教育大会"
	# Tab moves field by field (Enter would start a new line in the texts
	# of several lines); F2 saves wherever the cursor is.
	local i
	for ((i = 0; i < 15; i++)); do keys Tab; done
	keys F2
	expect_screen "choices: F2 saves" "Meeting added: 警示教育大会"
	# The message belongs to that save: the next key clears it, so the
	# next form does not show it behind itself.
	keys a
	expect_screen "choices: another form opens" "New meeting"
	settle
	case $(row $((ROWS - 1))) in
	*"Meeting added"*) not_ok "choices: the previous save's message is gone while the next form is open" \
		"bottom row: $(row $((ROWS - 1)))" ;;
	*) ok "choices: the previous save's message is gone while the next form is open" ;;
	esac
	esc
	expect_not_screen "choices: form closed" "New meeting"
	expect_not_screen "choices: no message left after Esc" "Meeting added"
	keys q
	expect_exit "choices: q quits with status 0" 0
	cli meeting list --tsv
	out_is "choices: stored with the picked type" "1${TAB}2022-06-15${TAB}${TAB}warning-education${TAB}planned${TAB}警示教育大会"
	tui_end
}

# ---------------------------------------------------------------------------
# F9: the ledger into a file the secretary names; an existing file is
# replaced only after a yes, and Esc writes nothing.
t_export() {
	tui_new_test
	seed_meeting "研究部署二季度工作"
	tui_start
	keys F9
	expect_screen "export: F9 asks what to write" "Report or export"
	expect_screen "export: the ledger for printing is offered" "Ledger for printing (HTML, A4)"
	expect_screen "export: the calendar is offered" "Meeting calendar (iCalendar)"
	keys Down Down Enter
	expect_screen "export: then the file name" "Save as"
	expect_screen "export: a default name with the plan year" "ledger-2022.txt"
	keys C-u
	typ "$TDIR/台账.txt"
	keys Enter
	expect_screen "export: says where it wrote" "Written: $TDIR/台账.txt"
	if grep -qF "县总工会 2022 ledger of party conduct and integrity work" "$TDIR/台账.txt" 2>/dev/null &&
		grep -qE '^  党组会议 +1 +0 +0$' "$TDIR/台账.txt"; then
		ok "export: the file is the ledger, the meeting counted"
	else not_ok "export: the file is the ledger, the meeting counted"; fi
	echo "kept" >"$TDIR/keep.csv"
	keys F9
	expect_screen "export: F9 again" "Report or export"
	keys Down Down Down Enter
	expect_screen "export: the meetings as CSV" "meetings-2022.csv"
	keys C-u
	typ "$TDIR/keep.csv"
	keys Enter
	expect_screen "export: an existing file needs a yes" "keep.csv exists. Replace it? (y/n)"
	keys n
	expect_screen "export: no: the name is asked again" "Save as"
	esc
	expect_not_screen "export: Esc closes the prompt" "Save as"
	if [ "$(cat "$TDIR/keep.csv")" = kept ]; then ok "export: the file said no to is untouched"; else
		not_ok "export: the file said no to is untouched"; fi
	keys q
	expect_exit "export: q quits with status 0" 0
	tui_end
}

# Rules and frames under a TERM whose line-drawing set the terminal does
# not honour in UTF-8 (tmux as xterm-256color): box characters, never the
# "qqqq" and "xxxx" of the raw set.
t_line_drawing() {
	tui_new_test
	tui_start TERM=xterm-256color
	expect_row "line drawing: the rule under the tabs is box characters" 2 "────────────────────"
	expect_not_screen "line drawing: no raw line-drawing letters" "qqqqqqqq"
	keys 4
	wait_for "Mo    Tu"
	expect_row "line drawing: the calendar's separator" 4 "│"
	keys q
	expect_exit "line drawing: q quits with status 0" 0
	tui_end
}

# The overview's obligation names: whole at 100 columns; at 80, cut so
# that beside twelve months' bars a period not even planned still says so.
t_overview_names() {
	if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
		skip "overview names: in Chinese" "no zh_CN.UTF-8 locale"
		return
	fi
	tui_new_test
	tui_start LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
	wait_for "会议规定动作"
	expect_row "overview names: the longest name whole at 100 columns" 6 "党风廉政建设谈心谈话（≥1次/半年） 上半年…"
	expect_row "overview names: a monthly row keeps its note at 100 columns" 8 "0/1，剩余 16 天 ! 尚未安排"
	tm resize-window -t "$SESSION" -x 80 -y 24
	sleep 0.3
	capture
	expect_row "overview names: cut at 80 columns" 6 "党风廉政建设谈心谈话（≥1次/… 上半年…"
	expect_row "overview names: a monthly row still warns at 80 columns" 8 "12·  ! 尚未安排"
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	keys q
	expect_exit "overview names: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# Changes committed elsewhere show without a key, and on Ctrl-L at once
# (issue 16, bug 2): the month grid, the day list and the overview agree
# with the database.
t_external_changes() {
	tui_new_test
	tui_cal
	cli meeting add --date 2022-06-15 --type leading-group --status held --title 外部添加的会议 \
		--first-topic 学习 >/dev/null || echo "# cli add failed: $(cat "$TDIR/err")"
	expect_row "external: the day list shows a meeting added elsewhere" $LIST_ROW "外部添加的会议"
	local cell i
	for ((i = 0; i < WAIT * 10; i++)); do
		capture
		cell=$(grid_cell 2022-06-15)
		[ "${cell:2:1}" = "◆" ] && break
		sleep 0.1
	done
	if [ "${cell:2:1}" = "◆" ]; then ok "external: the month grid shows it too"; else
		not_ok "external: the month grid shows it too" "cell 2022-06-15 is '$cell'"; fi
	cli meeting rm 1 >/dev/null || echo "# cli rm failed: $(cat "$TDIR/err")"
	keys C-l
	if wait_gone "外部添加的会议" 1; then ok "external: removed elsewhere, gone after Ctrl-L"
	else not_ok "external: removed elsewhere, gone after Ctrl-L"; fi
	for ((i = 0; i < WAIT * 10; i++)); do
		capture
		cell=$(grid_cell 2022-06-15)
		[ "${cell:2:1}" != "◆" ] && break
		sleep 0.1
	done
	if [ "${cell:2:1}" != "◆" ]; then ok "external: and gone from the month grid"; else
		not_ok "external: and gone from the month grid" "cell 2022-06-15 is '$cell'"; fi
	keys q
	expect_exit "external: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# Home and End in the codes terminals send, also those TERM's terminfo
# lacks (issue 16, bug 8): xterm-256color knows only ESC O H / ESC O F.
t_home_end() {
	tui_new_test
	tui_cal TERM=xterm-256color
	local seq
	for seq in '[1~' '[H' 'OH' '[7~'; do
		keys t
		expect_row "home/end: today first" 3 "2022-06-15"
		typ $'\e'"$seq"
		expect_row "home/end: ESC $seq is Home: the first of the month" 3 "2022-06-01"
	done
	for seq in '[4~' '[F' 'OF' '[8~'; do
		keys t
		expect_row "home/end: today again" 3 "2022-06-15"
		typ $'\e'"$seq"
		expect_row "home/end: ESC $seq is End: the last of the month" 3 "2022-06-30"
	done
	expect_not_screen "home/end: no tab was switched" "Meeting obligations"
	keys q
	expect_exit "home/end: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# A person found by search: 姓名, and each role by its name and scope, not
# its id (issue 16, bug 3).
t_person_view() {
	tui_new_test
	cli person add --name 张三 --post 办公室主任 --role dual:办公室 >/dev/null ||
		echo "# seeding failed: $(cat "$TDIR/err")"
	tui_start LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8
	keys /
	typ 张三
	keys Enter
	expect_screen "person view: the name's label is 姓名" " 姓名"
	expect_screen "person view: the role by name and scope" "分管领导一岗双责（办公室）"
	expect_not_screen "person view: no role id" "dual:"
	expect_not_screen "person view: not 名称" "名称"
	esc
	keys q
	expect_exit "person view: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# At 40×10 a form's bottom frame stays whole: the hint and the field's
# size give way to the "↓" and the corner (issue 16, bug 13).
t_small_form() {
	tui_new_test
	tui_cal
	keys a
	expect_screen "small form: the form opens" "New meeting"
	tm resize-window -t "$SESSION" -x 40 -y 10
	expect_line "small form: the bottom frame whole at 40×10" "└─F2 save" "─↓──┘"
	keys Down Down Down Down Down
	expect_line "small form: whole with the field's size shown" "└─F2 save" " 0/1000 ─↓──┘"
	tm resize-window -t "$SESSION" -x "$COLS" -y "$ROWS"
	esc
	keys q
	expect_exit "small form: q quits with status 0" 0
	tui_end
}

# ---------------------------------------------------------------------------
# A meeting recorded as held after the allowance is a late entry (补记): the
# screen asks why — for x on the day's list and for the form — and shows
# the reason with the flag under the list (issue 16).
t_late_reason() {
	tui_new_test
	cli meeting add --date 2022-06-01 --type special-meeting --status planned --time 09:00 \
		--title "六月初专题会" >/dev/null
	cli meeting add --date 2022-06-01 --type special-meeting --status planned --time 15:00 \
		--title "表单补记的会" >/dev/null
	tui_cal
	keys g
	wait_for "Go to date (2022-03-01, 3/1 …):"
	typ 2022-06-01
	keys Enter
	expect_row "late: on 06-01" 3 "2022-06-01 Wednesday"
	keys Enter x
	expect_screen "late: x on a meeting past its allowance asks why" \
		"Late entry (补记): the allowance ended 2022-06-07. Why is it recorded late?"
	esc
	expect_screen "late: Esc marks nothing" "Not marked: the late entry's reason was not given."
	cli meeting list --tsv
	out_has "late: still planned" "planned${TAB}六月初专题会"
	keys x
	wait_for "Why is it recorded late?"
	typ "主持人出差，返回后补记"
	keys Enter
	expect_screen "late: marked held with the reason" "Marked held: 六月初专题会"
	expect_screen "late: the flag under the list" "late entry (补记); reason for the late entry:"
	expect_screen "late: its reason to the end, on the rows it needs" "返回后补记"
	cli meeting show 1
	out_has "late: the reason recorded" "Reason for late entry  主持人出差，返回后补记"
	# The form asks as well; Enter with nothing saves without a reason.
	keys Down e
	expect_screen "late: the edit form" "Edit meeting"
	keys Up Space
	expect_screen "late: status held in the form" "Status held ▾"
	keys F2
	expect_screen "late: the form's save asks why" "Why is it recorded late?"
	keys Enter
	expect_screen "late: saved without a reason" "Meeting saved: 表单补记的会"
	cli meeting show 2
	out_has "late: the form's meeting is a late entry" "late entry (补记)"
	if grep -q "Reason for late entry" "$TDIR/out"; then
		not_ok "late: no reason recorded when none was given"; else
		ok "late: no reason recorded when none was given"; fi
	keys q
	expect_exit "late: q quits with status 0" 0
	tui_end
}

# LZ_TUI_ONLY="t_goto t_search" runs just those (when working on a test).
all_tests="t_first_start t_add_meeting t_edit_meeting t_escape_cancels t_invalid_date t_first_topic_required t_resize t_long_title t_escape_in_title t_delete_and_status t_goto t_help_and_tabs t_signals t_multiline_field t_list_alignment t_search t_choices_and_enter t_history_undo_backup t_export t_line_drawing t_overview_names t_external_changes t_home_end t_person_view t_small_form t_late_reason"
for t in ${LZ_TUI_ONLY:-$all_tests}; do
	"$t"
done
finish
