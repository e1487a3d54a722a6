# plan import-text: a plan file read from the plan's document.
PT="$SRC/tests/cli/data/plantext"
PLAN="$SRC/config/plan-2022.yaml"

# The parts a document gives: sections, tasks (number, section, title,
# text: roles are the plan author's reading) and the obligations the text
# states; and the calendar, from the holiday data.
text_parts() {
	"$LZ" plan show "$1" --tsv | awk -F'\t' 'BEGIN { OFS = "\t" }
		$1 == "section" { print }
		$1 == "task" { print $1, $2, $3, $4, $6 }
		$1 == "obligation" && $7 == "plan" { print }
		$1 == "holiday" || $1 == "workday" { print }'
}

# The seed, read as the secretary would: it has no title line, so the
# organization is given; the year is in its first sentence.
run "import-text seed" 0 plan import-text "$SRC/tests/data/seed-2022.txt" --org 县总工会 \
	-o "$WORK/seed.yaml"
expect_out "seed: counts" "sections: 4, tasks: 13, obligations: 11"
expect_err "seed: year found" "seed-2022.txt:1: year: 2022"
expect_err "seed: title made, and said so" "no title line; the title is made from the year and the organization: 2022年县总工会党风廉政建设和反腐败工作要点"
expect_err "seed: obligation of task 5" "seed-2022.txt:8: task 5: obligation \"全年召开不少于4次专题会议\": at least 4 per year of 党风廉政建设专题会议 (special-meeting)"
expect_err "seed: roles of task 7" "task 7: roles 主体责任 → main, 监督责任 → supervision, 第一责任 → first, 一岗双责 → dual, 落实责任 → department"
expect_err "seed: kept obligations said" "8 obligations set by party rules, local rules or practice are kept from the base plan"
run "seed: the result passes plan check" 0 plan check "$WORK/seed.yaml"
text_parts "$PLAN" >"$WORK/bundled.parts"
text_parts "$WORK/seed.yaml" >"$WORK/seed.parts"
if [ "$(grep -c '^task' "$WORK/seed.parts")" -eq 13 ] && cmp -s "$WORK/bundled.parts" "$WORK/seed.parts"; then
	ok "seed: sections, tasks, plan obligations and calendar as config/plan-2022.yaml"
else
	not_ok "seed: sections, tasks, plan obligations and calendar as config/plan-2022.yaml" \
		"$(diff "$WORK/bundled.parts" "$WORK/seed.parts" | head -5)"
fi
"$LZ" plan show "$WORK/seed.yaml" --tsv >"$WORK/out" 2>"$WORK/err"
expect_out "seed: title and organization" "plan	2022	县总工会	2022年县总工会党风廉政建设和反腐败工作要点"
if grep -q "^  # Found in task 11 (line 16): 每半年开展1次党风廉政建设谈心谈话（任务11）" "$WORK/seed.yaml"; then
	ok "seed: detections marked in the file"; else not_ok "seed: detections marked in the file"; fi

run "seed without --org" 65 plan import-text "$SRC/tests/data/seed-2022.txt" -o "$WORK/no-org.yaml"
expect_err "no organization: says how" "the organization is not named in a title line; give it with --org"
if [ ! -e "$WORK/no-org.yaml" ]; then ok "no organization: nothing written"; else not_ok "no organization: nothing written"; fi

# Documents in the other numbering styles and encodings, each against the
# plan show --tsv of what it must give.
doc() {  # doc NAME ARGS...: reads NAME.txt, compares with NAME.tsv
	local name=$1
	shift
	run "import-text $name" 0 plan import-text "$PT/$name.txt" "$@" -o "$WORK/$name.yaml"
	cp "$WORK/err" "$WORK/$name.err"
	"$LZ" plan show "$WORK/$name.yaml" --tsv >"$WORK/$name.tsv" 2>&1
	if cmp -s "$PT/$name.tsv" "$WORK/$name.tsv"; then ok "$name: the expected plan"; else
		not_ok "$name: the expected plan" "$(diff "$PT/$name.tsv" "$WORK/$name.tsv" | head -8)"; fi
}
has() {  # has NAME TEXT: what NAME's run said on stderr holds TEXT
	if grep -qF -- "$2" "$WORK/$1.err"; then ok "$1: $2"; else not_ok "$1: $2" "stderr lacks it"; fi
}

# (一)（二） per section, a 一、总体要求 section, a byte order mark, CRLF.
doc per-section-bom-crlf
has per-section-bom-crlf "tasks are numbered per section; here they are numbered 1 to 4 through the plan"
has per-section-bom-crlf ":3: section \"总体要求\": its paragraphs are the general requirement"
has per-section-bom-crlf ":1: organization: 某县总工会"
has per-section-bom-crlf "\"每季度开展1次廉政谈话提醒\" names no meeting type of the base plan; a new type 'meeting-1' is proposed"
has per-section-bom-crlf "the base plan's obligation 'heart-talk' (党风廉政建设谈心谈话), stated by its text, is not in this text: left out"
has per-section-bom-crlf ":11: task 4: this paragraph is part of its text"
if grep -q '^  # Proposed from task 4 ("每季度开展1次廉政谈话提醒")' "$WORK/per-section-bom-crlf.yaml" &&
   grep -q '^      # Numbered 2 within its section in the text (line 10)' "$WORK/per-section-bom-crlf.yaml"; then
	ok "per-section: proposal and numbering marked in the file"
else
	not_ok "per-section: proposal and numbering marked in the file"
fi

# 1. restarting per section, GB18030, full-width indentation, a task whose
# title stands alone on its line, a task of two paragraphs, 两次.
doc restart-gb18030
has restart-gb18030 "the text is GB18030; converted to UTF-8"
has restart-gb18030 ":1: organization: 县机关工会"
has restart-gb18030 ":4: task 1: no 。 in its first line; the line is its title and the paragraphs after it its text"
has restart-gb18030 "obligation \"每半年开展两次党风廉政建设谈心谈话\": at least 2 per half"

# (1) through the plan, no title, no year in the text: both given.
doc paren-through --year 2025 --org 测试单位
has paren-through "task 1: obligation \"每年召开1次民主生活会和1次组织生活会\": at least 1 per year of 组织生活会 (org-life)"
run "no year anywhere" 65 plan import-text "$PT/paren-through.txt" --org 测试单位 -o "$WORK/x.yaml"
expect_err "no year: says how" "give it with --year"

# A year without holiday data: written, with the warning.
run "year without holiday data" 0 plan import-text "$PT/paren-through.txt" --year 2031 --org 测试单位 \
	-o "$WORK/y2031.yaml"
expect_err "no holiday data: warned" "warning: no holiday data for 2031: only Saturdays and Sundays are days off"
if grep -q "^# no holiday data for 2031" "$WORK/y2031.yaml"; then ok "no holiday data: said in the file"; else
	not_ok "no holiday data: said in the file"; fi

# Bad inputs: one clear message, nothing written.
bad() {  # bad NAME STATUS MESSAGE FILE
	run "bad input: $1" "$2" plan import-text "$4" -o "$WORK/bad.yaml"
	expect_err "bad input: $1: message" "$3"
	if [ ! -e "$WORK/bad.yaml" ]; then ok "bad input: $1: nothing written"; else
		not_ok "bad input: $1: nothing written"; rm -f "$WORK/bad.yaml"; fi
}
: >"$WORK/empty.txt"
bad "empty file" 65 "empty.txt: the file is empty" "$WORK/empty.txt"
printf '  \n\r\n　\n' >"$WORK/blank.txt"
bad "blank file" 65 "blank.txt: the file is empty" "$WORK/blank.txt"
printf '一、标题\n1.任务。\0\1\2\3' >"$WORK/binary.txt"
bad "binary" 65 "binary.txt:2: the file holds binary data (byte 0x00), not a text" "$WORK/binary.txt"
head -c 3000 "$LZ" >"$WORK/program.txt"
bad "a program" 65 "program.txt" "$WORK/program.txt"
printf '一、标题\n1.任务。正文\n' | iconv -f UTF-8 -t UTF-16 >"$WORK/utf16.txt"
bad "UTF-16" 65 "the text is in UTF-16; save it as UTF-8 (or GB18030) text" "$WORK/utf16.txt"
printf '\xff\xff\xff\n' >"$WORK/notgb.txt"
bad "neither UTF-8 nor GB18030" 65 "notgb.txt: the file is neither UTF-8 nor GB18030 text" "$WORK/notgb.txt"
printf '2022年工作要点\n1.任务。正文。\n2.任务。正文。\n' >"$WORK/nosections.txt"
bad "no sections" 65 "no sections found: a plan's sections start with 一、 二、 … at the beginning of a line" \
	"$WORK/nosections.txt"
printf '2022年某单位党风廉政建设工作要点\n一、第一部分\n1.任务。正文。\n二、第二部分\n没有编号的段落。\n' >"$WORK/emptysec.txt"
bad "section without tasks" 65 "emptysec.txt:4: section \"第二部分\" has no numbered tasks" "$WORK/emptysec.txt"
bad "missing file" 66 "nope.txt: cannot open" "$WORK/nope.txt"
bad "a directory" 66 "not a regular file" "$WORK"

run "import-text without -o" 64 plan import-text "$PT/paren-through.txt" --year 2025 --org x
expect_err "without -o: usage" "usage: lianzheng plan import-text FILE [--year Y] [--org NAME] -o FILE"
run "import-text without file" 64 plan import-text -o "$WORK/x.yaml"
run "import-text unknown option" 64 plan import-text "$PT/paren-through.txt" --frob -o "$WORK/x.yaml"
run "import-text bad year" 65 plan import-text "$PT/paren-through.txt" --year 1999 --org x -o "$WORK/x.yaml"
run "import-text empty --org" 64 plan import-text "$PT/paren-through.txt" --year 2025 --org ' ' \
	-o "$WORK/x.yaml"
