# report, export and import through the real binary, on the fixed database
# of report_fixture.sh: the ledger in every format against golden files
# (English and, when the locale exists, Chinese), the HTML read by a real
# parser, CSV that survives a round trip byte for byte, iCalendar lines,
# and bad CSV refused whole with its row numbers.
#
# The clock is pinned to 2022-06-30 12:00 UTC, the report's date.
# LZ_UPDATE_GOLDEN=1 writes the outputs over the golden files instead of
# comparing (then review the diff before committing).
_rp_now_set=${LIANZHENG_NOW+1} _rp_now_old=${LIANZHENG_NOW-}
_rp_tz_set=${TZ+1} _rp_tz_old=${TZ-}
export TZ=UTC
LIANZHENG_NOW=$(date -u -d "2022-06-30 12:00" +%s)
export LIANZHENG_NOW

RP_GOLDEN="$SRC/tests/cli/golden"
RP_DB="$WORK/rp-fixture"
newdb "$RP_DB"

# rp_golden NAME FILE GOLDEN: FILE is byte for byte the golden file, but
# for the audit chain head: the change log records the system user, so
# the head differs from one machine to the next (rp_head checks it).
rp_golden() {
	sed -E '/chain head|链头/ s/#[0-9]+/#SEQ/; s/[0-9a-f]{64}/HASH/' "$2" >"$WORK/golden-cmp"
	if [ "${LZ_UPDATE_GOLDEN-}" = 1 ]; then
		cp "$WORK/golden-cmp" "$RP_GOLDEN/$3"
		ok "$1 (golden file written)"
	elif cmp -s "$WORK/golden-cmp" "$RP_GOLDEN/$3"; then
		ok "$1"
	else
		not_ok "$1" "differs from tests/cli/golden/$3:" \
			"$(diff "$RP_GOLDEN/$3" "$WORK/golden-cmp" | head -20)"
	fi
}
rp_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected '$3', got '$2'"; fi
}
rp_file_has() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "$2 lacks: $3"; fi
}
rp_file_lacks() {
	if grep -qF -- "$3" "$2"; then not_ok "$1" "$2 should not contain: $3"; else ok "$1"; fi
}

if "$SRC/tests/cli/report_fixture.sh" "$LZ" "$RP_DB" >"$WORK/out" 2>"$WORK/err"; then
	ok "rp the fixture database is built"
else
	not_ok "rp the fixture database is built"
fi
run "rp db check on the fixture" 0 --db "$RP_DB" db check

# ============================================================ report
for _rp_f in html md txt; do
	run "rp report --format $_rp_f" 0 --db "$RP_DB" report --date 2022-06-30 --format "$_rp_f"
	cp "$WORK/out" "$WORK/report.$_rp_f"
	rp_golden "rp report --format $_rp_f matches its golden file" "$WORK/out" "report.$_rp_f"
	expect_no_err "rp report --format $_rp_f says nothing on stderr"
done

# -o picks the format from the extension and writes the same bytes.
run "rp report -o FILE.html" 0 --db "$RP_DB" report --date 2022-06-30 -o "$WORK/rp.html"
expect_no_out "rp report -o prints nothing"
if cmp -s "$WORK/rp.html" "$WORK/report.html"; then ok "rp report -o x.html is the HTML report"; else
	not_ok "rp report -o x.html is the HTML report"; fi
run "rp report --output FILE.md" 0 --db "$RP_DB" report --date 2022-06-30 --output "$WORK/rp.md"
if cmp -s "$WORK/rp.md" "$WORK/report.md"; then ok "rp report --output x.md is Markdown"; else
	not_ok "rp report --output x.md is Markdown"; fi
run "rp report --year of the plan" 0 --db "$RP_DB" report --year 2022 --date 2022-06-30 -o "$WORK/rp.txt"
if cmp -s "$WORK/rp.txt" "$WORK/report.txt"; then ok "rp report -o x.txt is text"; else
	not_ok "rp report -o x.txt is text"; fi

# The HTML parses cleanly with a real parser (libxml2's, as CI runs it).
if command -v xmllint >/dev/null; then
	if xmllint --html --noout "$WORK/report.html" >"$WORK/xmllint" 2>&1 && [ ! -s "$WORK/xmllint" ]; then
		ok "rp xmllint --html reads the report without a message"
	else
		not_ok "rp xmllint --html reads the report without a message" "$(head -5 "$WORK/xmllint")"
	fi
	if xmllint --html --xpath 'count(//table)' "$WORK/report.html" >"$WORK/xpath" 2>/dev/null &&
		[ "$(cat "$WORK/xpath")" -ge 15 ]; then
		ok "rp the parsed HTML holds the ledger's tables"
	else
		not_ok "rp the parsed HTML holds the ledger's tables" "count: $(cat "$WORK/xpath")"
	fi
elif in_ci; then
	not_ok "rp xmllint --html" "xmllint is not installed, and CI installs it (LZ_CI=1)"
else
	echo "ok $((n += 1)) - rp xmllint --html # SKIP xmllint not installed (apt-get install libxml2-utils)"
fi

# Text from records is escaped: no markup gets through.
rp_file_has "rp html: a title's markup arrives as text" "$WORK/report.html" '&lt;b&gt;粗&lt;/b&gt; | *星* &amp; &#39;q&#39;'
rp_file_lacks "rp html: no <b> from a record" "$WORK/report.html" '<b>粗'
rp_file_has "rp html: A4 paper" "$WORK/report.html" '@page { size: A4;'
rp_file_has "rp html: title in 小标宋 with fallbacks" "$WORK/report.html" '"方正小标宋简体", "FZXiaoBiaoSong-B05S"'
rp_file_has "rp html: body in 仿宋 with fallbacks" "$WORK/report.html" '"仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "STFangsong", serif'
rp_file_has "rp md: markup escaped" "$WORK/report.md" '\<b\>粗\</b\> \| \*星\* \& '"'"'q'"'"''
rp_file_lacks "rp md: no raw pipe from a record" "$WORK/report.md" '</b> | *'

# What the ledger says, from the engine: counted meetings, late marks.
rp_file_has "rp txt: the special meeting counts for 2022" "$WORK/report.txt" '  2022     1/4  … due  2022-01-10  王五  研究部署2022年党风廉政建设工作'
rp_file_has "rp txt: a late entry is listed with its remark" "$WORK/report.txt" 'Note: late entry (补记)'
rp_file_has "rp txt: a meeting below quorum is listed with its remark" "$WORK/report.txt" 'Note: below quorum 3/7'
rp_file_has "rp txt: a planned meeting never marked is listed" "$WORK/report.txt" 'Note: not marked held or cancelled'
sed -n '/^支部委员会 (≥1 per month)/,/^$/p' "$WORK/report.txt" >"$WORK/committee"
rp_file_has "rp txt: the meeting below quorum does not count for March" "$WORK/committee" '! 3/2022    0/1  ✗ missed'
rp_file_has "rp txt: the planned meetings do not count" "$WORK/report.txt" '  2022     1/4  … due'
rp_file_has "rp txt: the late item is marked" "$WORK/report.txt" '进行中 (late)'
rp_file_has "rp txt: the overdue review is marked" "$WORK/report.txt" 'Next review: 2022-03-01 (late)'
rp_file_has "rp txt: role holders with their scope" "$WORK/report.txt" '分管领导一岗双责 (李四: 办公室,'
if awk '{ if (length($0) > 0) print }' "$WORK/report.txt" | LC_ALL=C.UTF-8 python3 -c '
import sys, unicodedata
bad = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)
    if w > 80 or line != line.rstrip():
        bad += 1
        print(w, line)
sys.exit(1 if bad else 0)' >"$WORK/wide"; then
	ok "rp txt: no line wider than 80 columns, none ending in a blank"
else
	not_ok "rp txt: no line wider than 80 columns, none ending in a blank" "$(head -3 "$WORK/wide")"
fi

# The meeting records (issue 16): every held meeting with its first topic,
# 应到/实到, absentees and why, topics, decisions, and a 补记 with its reason.
sed -n '/^4\. Meeting records/,/^5\. /p' "$WORK/report.txt" >"$WORK/minutes"
rp_file_has "rp txt: the meeting records are part 4" "$WORK/minutes" '4. Meeting records'
rp_file_has "rp txt: meeting records by date and time" "$WORK/minutes" '  1. Date: 2022-01-10 09:00'
rp_file_has "rp txt: expected and present" "$WORK/minutes" '     Expected/present: 9/8'
rp_file_has "rp txt: the absentees and why" "$WORK/minutes" '     Absent (reason): 赵六（出差）'
rp_file_has "rp txt: the topics, one a line" "$WORK/minutes" '     Topics: 传达上级纪委全会精神
     研究年度工作要点, 分解任务'
rp_file_has "rp txt: the decisions" "$WORK/minutes" '     Decisions: 印发责任分工方案'
rp_file_has "rp txt: the first topic" "$WORK/minutes" '     First topic: 学习习近平总书记重要讲话精神'
rp_file_has "rp txt: a late entry with its reason" "$WORK/minutes" \
	'     Note: late entry (补记); reason for the late entry: 记录人随队下基层调研，'
rp_file_lacks "rp txt: no planned meeting among the records" "$WORK/minutes" '二季度专题会议'
rp_file_lacks "rp txt: no cancelled meeting among the records" "$WORK/minutes" '二月主题党日'
if [ "$(grep -c '^[ !] *[0-9]*\. Date: ' "$WORK/minutes")" = 6 ]; then
	ok "rp txt: the six held meetings recorded"
else
	not_ok "rp txt: the six held meetings recorded" "$(grep 'Date: ' "$WORK/minutes")"
fi
rp_file_has "rp txt: the remarks list the late entry's reason as well" "$WORK/report.txt" \
	'Note: late entry (补记); reason for'
rp_file_has "rp md: the meeting records' columns" "$WORK/report.md" \
	'| No. | Date | Type | Host | Expected/present | Meeting | First topic | Absent (reason) | Topics | Decisions | Note |'
rp_file_has "rp html: the absentees in their cell" "$WORK/report.html" '<td>赵六（出差）</td>'

sed -n '/^5\. Rectification ledger/,/^6\. /p' "$WORK/report.txt" >"$WORK/rectification"
rp_file_has "rp txt: an item from an inspection is in the rectification ledger" "$WORK/rectification" '整改经费报销手续不全问题'
rp_file_lacks "rp txt: an item with another source is not" "$WORK/rectification" '签订廉政承诺书'
# The columns an inspection expects, in its order (issue 16): 问题, 整改措施,
# 责任领导, 责任人, 时限, 完成时间, 销号, 回头看 (its date and what it found).
rp_file_has "rp md: the rectification ledger's columns in the inspection's order" "$WORK/report.md" \
	'| No. | Problem | Rectification measures | Leader | Owner | Due | Done on | Signed off | Follow-up | Status | Source | Progress |'
rp_file_has "rp txt: the problem leads" "$WORK/rectification" '! 1. Problem: 整改经费报销手续不全问题'
rp_file_has "rp txt: 销号 with its date" "$WORK/rectification" '     Signed off: 2022-06-25'
rp_file_has "rp txt: 回头看, its date and what it found in one" "$WORK/rectification" \
	'     Follow-up: 2022-06-20 抽查 10 笔，未见反弹'
rp_file_has "rp html: 销号 in its cell" "$WORK/report.html" '<td>2022-06-25</td>'

# The ledger prints the audit chain's head as audit verify does, so a
# paper copy can be checked against the database later.
run "rp audit verify on the fixture" 0 --db "$RP_DB" audit verify
_rp_head=$(sed -n 's/^chain head: //p' "$WORK/out")
rp_file_has "rp html: the audit chain head, as audit verify prints it" "$WORK/report.html" "<b>Audit chain head: </b>$_rp_head</p>"
rp_file_has "rp md: the audit chain head" "$WORK/report.md" "**Audit chain head:** \\${_rp_head}"
rp_file_has "rp txt: the audit chain head" "$WORK/report.txt" "Audit chain head: ${_rp_head% *}"
rp_file_has "rp txt: its hash" "$WORK/report.txt" "${_rp_head#* }"

# The sign-off block ends the ledger (issue 16): blanks to sign by hand, or
# the names given; dated the day the ledger is made, not its as-of date.
if [ "$(tail -4 "$WORK/report.txt")" = "Sign-off
Prepared by: ________________
Reviewed by: ________________
Date: 2022-06-30" ]; then
	ok "rp txt: the sign-off block ends the ledger, blanks to sign"
else
	not_ok "rp txt: the sign-off block ends the ledger, blanks to sign" "$(tail -4 "$WORK/report.txt")"
fi
run "rp report --prepared-by --reviewed-by" 0 --db "$RP_DB" report --date 2022-03-31 --format txt \
	--prepared-by 李四 --reviewed-by '王五 <b>'
rp_file_has "rp txt: the preparer named" "$WORK/out" 'Prepared by: 李四'
rp_file_has "rp txt: the reviewer named" "$WORK/out" 'Reviewed by: 王五 <b>'
rp_file_has "rp txt: as of the date asked for" "$WORK/out" 'As of 2022-03-31'
rp_file_has "rp txt: signed the day it is made" "$WORK/out" 'Date: 2022-06-30'
run "rp report html with a reviewer" 0 --db "$RP_DB" report --date 2022-06-30 --format html \
	--reviewed-by '王五 <b>'
rp_file_has "rp html: the reviewer's name escaped" "$WORK/out" '<b>Reviewed by: </b>王五 &lt;b&gt;</p>'
run "rp report --prepared-by of two lines" 65 --db "$RP_DB" report --prepared-by $'李\n四'
expect_err "rp report --prepared-by: the option named" "--prepared-by"
run "rp report --reviewed-by without a value" 64 --db "$RP_DB" report --reviewed-by

# Chinese, as the secretary reads it.
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	for _rp_f in html md txt; do
		LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$RP_DB" report --date 2022-06-30 --format "$_rp_f" \
			>"$WORK/out" 2>"$WORK/err"
		rp_eq "rp report in Chinese --format $_rp_f exits 0" "$?" 0
		cp "$WORK/out" "$WORK/report.zh.$_rp_f"
		rp_golden "rp report in Chinese --format $_rp_f matches its golden file" "$WORK/out" "report.zh.$_rp_f"
	done
	rp_file_has "rp zh: the title" "$WORK/report.zh.txt" '县总工会2022年度党风廉政建设和反腐败工作台账'
	rp_file_has "rp zh: parts numbered as in official documents" "$WORK/report.zh.txt" '二、责任分工和落实情况'
	rp_file_has "rp zh: the meeting records" "$WORK/report.zh.txt" '四、会议记录'
	rp_file_has "rp zh: 填报人" "$WORK/report.zh.txt" '填报人：________________'
	rp_file_has "rp zh: 审核人" "$WORK/report.zh.txt" '审核人：________________'
	rp_file_has "rp zh: 日期" "$WORK/report.zh.txt" '日期：2022-06-30'
	rp_file_has "rp zh: the 整改台账's columns" "$WORK/report.zh.md" \
		'| 序号 | 问题 | 整改措施 | 责任领导 | 责任人 | 时限 | 完成时间 | 销号 | 回头看 | 状态 | 来源 | 进展 |'
	rp_file_has "rp zh: 缺席人员及原因" "$WORK/report.zh.txt" '缺席人员及原因：赵六（出差）'
	rp_file_has "rp zh: 应到/实到" "$WORK/report.zh.txt" '应到/实到：9/8'
	rp_file_has "rp zh: 补记 with its reason" "$WORK/report.zh.txt" '补记；补记原因：记录人随队下基层调研'
	rp_file_has "rp zh: html says its language" "$WORK/report.zh.html" '<html lang="zh-CN">'
	if command -v xmllint >/dev/null && xmllint --html --noout "$WORK/report.zh.html" >"$WORK/xmllint" 2>&1 &&
		[ ! -s "$WORK/xmllint" ]; then
		ok "rp zh: xmllint --html reads the Chinese report without a message"
	elif command -v xmllint >/dev/null; then
		not_ok "rp zh: xmllint --html reads the Chinese report without a message" "$(head -5 "$WORK/xmllint")"
	fi
else
	echo "ok $((n += 1)) - rp report in Chinese # SKIP no zh_CN.UTF-8 locale"
fi

# Bad options: nothing written, the right codes.
run "rp report --year of another plan" 65 --db "$RP_DB" report --year 2021
expect_err "rp report --year: names the planned years" "(planned: 2022)"
run "rp report --format pdf" 65 --db "$RP_DB" report --format pdf
expect_err "rp report --format: names the formats" "is not one of html, md, txt"
run "rp report -o without a value" 64 --db "$RP_DB" report -o
run "rp report with an operand" 64 --db "$RP_DB" report 2022
run "rp report -o a directory" 64 --db "$RP_DB" report -o "$WORK"
run "rp report -o in a missing directory" 74 --db "$RP_DB" report -o "$WORK/no/such/dir/x.html"
expect_err "rp report -o: names the file" "cannot write $WORK/no/such/dir/x.html"
# A failed write leaves the old file as it was.
echo "old report" >"$WORK/keep.html"
chmod a-w "$WORK"
if [ -w "$WORK" ]; then
	chmod u+w "$WORK"
	echo "ok $((n += 1)) - rp a failed report keeps the old file # SKIP running as root"
else
	run "rp report into a directory without write permission" 74 --db "$RP_DB" report -o "$WORK/keep.html"
	chmod u+w "$WORK"
	rp_eq "rp a failed report keeps the old file" "$(cat "$WORK/keep.html")" "old report"
fi

# ============================================================ export csv
for _rp_t in meetings items risks people; do
	run "rp export csv $_rp_t" 0 --db "$RP_DB" export csv "$_rp_t" -o "$WORK/$_rp_t.csv"
	rp_golden "rp export csv $_rp_t matches its golden file" "$WORK/$_rp_t.csv" "$_rp_t.csv"
done
if head -c 3 "$WORK/meetings.csv" | cmp -s - <(printf '\357\273\277'); then
	ok "rp csv starts with a UTF-8 byte order mark"; else not_ok "rp csv starts with a UTF-8 byte order mark"; fi
if python3 - "$WORK/items.csv" <<'PY'
import csv, io, sys
data = open(sys.argv[1], "rb").read()
rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
# Every row ends in CRLF; a line break inside a quoted cell is a bare LF.
sys.exit(0 if data.count(b"\r\n") == len(rows) and data.endswith(b"\r\n") else 1)
PY
then ok "rp csv rows end in CRLF"; else not_ok "rp csv rows end in CRLF"; fi
rp_file_has "rp csv: a formula is neutralised and quoted" "$WORK/meetings.csv" '"'"'"'=HYPERLINK(""x""), <b>粗</b> | *星* & '"'"'q'"'"' \\n"'
rp_file_has "rp csv: a leading - and @ are neutralised" "$WORK/meetings.csv" ",\"'-王五\","
rp_file_has "rp csv: list entries one a line, + neutralised" "$WORK/meetings.csv" "\"'@全体党员"
run "rp export csv to stdout" 0 --db "$RP_DB" export csv people
if cmp -s "$WORK/out" "$WORK/people.csv"; then ok "rp export csv to stdout is the same"; else
	not_ok "rp export csv to stdout is the same"; fi
# Headers in the messages' language.
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$RP_DB" export csv meetings >"$WORK/out" 2>"$WORK/err"
	rp_eq "rp export csv in Chinese exits 0" "$?" 0
	rp_golden "rp export csv meetings in Chinese matches its golden file" "$WORK/out" "meetings.zh.csv"
	cp "$WORK/out" "$WORK/meetings.zh.csv"
fi
run "rp export csv of an unknown table" 64 --db "$RP_DB" export csv votes
run "rp export without a format" 64 --db "$RP_DB" export
run "rp export csv --from (only for ics)" 64 --db "$RP_DB" export csv meetings --from 2022-01-01

# ============================================================ round trip
RP_DB2="$WORK/rp-empty"
newdb "$RP_DB2"
for _rp_t in meetings items risks; do
	run "rp import csv $_rp_t into an empty database" 0 --db "$RP_DB2" import csv "$_rp_t" "$WORK/$_rp_t.csv"
	expect_out "rp import csv $_rp_t says how many rows" "imported "
done
for _rp_t in meetings items risks; do
	run "rp export csv $_rp_t again" 0 --db "$RP_DB2" export csv "$_rp_t" -o "$WORK/$_rp_t.2.csv"
	if cmp -s "$WORK/$_rp_t.csv" "$WORK/$_rp_t.2.csv"; then
		ok "rp csv round trip of $_rp_t: identical bytes"
	else
		not_ok "rp csv round trip of $_rp_t: identical bytes" "$(diff "$WORK/$_rp_t.csv" "$WORK/$_rp_t.2.csv" | head -6)"
	fi
done
if [ -f "$WORK/meetings.zh.csv" ]; then
	RP_DB3="$WORK/rp-empty-zh"
	newdb "$RP_DB3"
	LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$RP_DB3" import csv meetings "$WORK/meetings.zh.csv" >"$WORK/out" 2>"$WORK/err"
	rp_eq "rp import csv with Chinese headers and status words exits 0" "$?" 0
	LC_ALL=zh_CN.UTF-8 LANGUAGE= "$LZ" --db "$RP_DB3" export csv meetings >"$WORK/out" 2>"$WORK/err"
	if cmp -s "$WORK/out" "$WORK/meetings.zh.csv"; then ok "rp csv round trip in Chinese: identical bytes"; else
		not_ok "rp csv round trip in Chinese: identical bytes"; fi
fi
# The values themselves came back, the guard apostrophe gone.
run "rp the formula-like meeting came back" 0 --db "$RP_DB2" meeting list --tsv --from 2022-06-01 --to 2022-06-01
expect_out "rp its title is the original text" $'\t=HYPERLINK("x"), <b>粗</b> | *星* & \'q\' \\\\\\\\n'
run "rp meeting show of the imported meeting" 0 --db "$RP_DB2" meeting show "$(cut -f1 "$WORK/out")"
expect_out "rp an imported meeting is marked so" "imported"
expect_out "rp its host kept its leading -" "-王五"
run "rp db check after the import" 0 --db "$RP_DB2" db check
# A second import of the same file is refused whole.
run "rp the same file again" 65 --db "$RP_DB2" import csv meetings "$WORK/meetings.csv"
expect_err "rp names the repeated rows" "meetings.csv:2: a meeting of this date, time, type and title is already recorded"
run "rp nothing was added twice" 0 --db "$RP_DB2" meeting list --tsv
expect_lines "rp still nine meetings" 9 '	'
# --dry-run checks and writes nothing.
RP_DB4="$WORK/rp-dry"
newdb "$RP_DB4"
run "rp import --dry-run" 0 --db "$RP_DB4" import csv items "$WORK/items.csv" --dry-run
expect_out "rp --dry-run says the rows are valid" "5 rows are valid; nothing was written (--dry-run)"
run "rp --dry-run wrote nothing" 0 --db "$RP_DB4" item list --tsv
expect_no_out "rp no items after --dry-run"

# ============================================================ bad csv
RP_DB5="$WORK/rp-bad"
newdb "$RP_DB5"
RP_HEAD='Date,Start,End,Type,Status,Title,Location,Host,Recorder,Expected,Present,Attendees,Absent,Non-voting,First topic,Topics,Decisions,Summary,Tasks'
{
	printf '\357\273\277%s\r\n' "$RP_HEAD"
	printf '2022-01-05,09:00,,special-meeting,held,好的一行,,,,,,,,,,,,,\r\n'
	printf '2022-01-06,09:00,,special-meeting,held,"两行\r\n标题",,,,,,,,,,,,,\r\n'
	printf '2022-02-30,,,special-meeting,held,坏日期,,,,,,,,,,,,,\r\n'
	printf '2022-01-07,,,无此类型,held,坏类型,,,,,,,,,,,,,\r\n'
	printf '2022-01-08,,,special-meeting,held,少了几列\r\n'
	printf '2022-01-09,,,special-meeting,held,\377\376坏编码,,,,,,,,,,,,,\r\n'
	printf '2022/1/10,9:00,,党风廉政建设专题会议,held,表格软件改过的日期,,,,,,,,,,,,,\r\n'
} >"$WORK/bad.csv"
run "rp bad csv is refused" 65 --db "$RP_DB5" import csv meetings "$WORK/bad.csv"
expect_err "rp a title with a line break, row 3" "bad.csv:3: title must be one line: it has a line break at character 3"
expect_err "rp a bad date, row 4" "bad.csv:4: Date: 2022-02-30: February has no 30th"
expect_err "rp an unknown type, row 5" "bad.csv:5: Type: unknown meeting type '无此类型'"
expect_err "rp a wrong column count, row 6" "bad.csv:6: 6 columns instead of 19"
expect_err "rp invalid UTF-8, row 7" 'bad.csv:7: not UTF-8 text; save the file as "CSV UTF-8"'
expect_err "rp says nothing was imported" "nothing imported"
if grep -q 'bad.csv:2:\|bad.csv:8:' "$WORK/err"; then not_ok "rp the good rows are not blamed"; else
	ok "rp the good rows are not blamed"; fi
run "rp nothing of the bad file was written" 0 --db "$RP_DB5" meeting list --tsv
expect_no_out "rp no meetings after a refused import"
printf 'Task,Titel\r\n2,x\r\n' >"$WORK/bad-head.csv"
run "rp a file with the wrong columns" 65 --db "$RP_DB5" import csv items "$WORK/bad-head.csv"
expect_err "rp says which columns row 1 may name" "bad-head.csv:1: the items table has no column 'Titel'; its columns are: Task, Title, Owner, Source, Due, Status, Progress"
printf '' >"$WORK/empty.csv"
run "rp an empty file" 65 --db "$RP_DB5" import csv risks "$WORK/empty.csv"
expect_err "rp says it is empty" "empty.csv: the file is empty"
printf '%s\r\n"2022-01-05,09:00\r\n' "$RP_HEAD" >"$WORK/open-quote.csv"
run "rp an unclosed quote" 65 --db "$RP_DB5" import csv meetings "$WORK/open-quote.csv"
expect_err "rp says where the quote opened" "open-quote.csv:2: a quoted field is not closed"
run "rp import of a missing file" 66 --db "$RP_DB5" import csv meetings "$WORK/none.csv"
run "rp import csv of an unknown table" 64 --db "$RP_DB5" import csv votes "$WORK/people.csv"
expect_err "rp names the tables import takes" "is not one of meetings, items, risks, people"
run "rp import without a file" 64 --db "$RP_DB5" import csv meetings

# ============================================================ ics
run "rp export ics" 0 --db "$RP_DB" export ics -o "$WORK/meetings.ics"
rp_golden "rp export ics matches its golden file" "$WORK/meetings.ics" "meetings.ics"
run "rp the meetings to compare with" 0 --db "$RP_DB" meeting list --tsv
_rp_want=$(awk -F'\t' '$5 != "cancelled"' "$WORK/out" | wc -l)
if python3 - "$WORK/meetings.ics" "$_rp_want" >"$WORK/ics-check" 2>&1 <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
want = int(sys.argv[2])
problems = []
if not data.endswith(b"\r\n"):
    problems.append("does not end in CRLF")
lines = data.split(b"\r\n")[:-1]
for i, line in enumerate(lines, 1):
    if b"\n" in line or b"\r" in line:
        problems.append("line %d: a bare CR or LF" % i)
    if len(line) > 75:
        problems.append("line %d: %d octets" % (i, len(line)))
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("line %d: not valid UTF-8 on its own" % i)
events = sum(1 for l in lines if l == b"BEGIN:VEVENT")
if events != want:
    problems.append("%d VEVENTs, expected %d" % (events, want))
unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
uids = [l for l in unfolded.split("\r\n") if l.startswith("UID:")]
if len(set(uids)) != len(uids):
    problems.append("UIDs repeat")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then ok "rp ics: CRLF, lines of at most 75 octets, each valid UTF-8, one VEVENT per meeting not cancelled"
else not_ok "rp ics: CRLF, lines of at most 75 octets, each valid UTF-8, one VEVENT per meeting not cancelled" "$(head -5 "$WORK/ics-check")"; fi
rp_file_lacks "rp ics: the cancelled meeting is left out" "$WORK/meetings.ics" "UID:meeting-11-"
rp_file_has "rp ics: text escaped" "$WORK/meetings.ics" 'SUMMARY:=HYPERLINK("x")\, <b>粗</b> | *星* & '"'"'q'"'"' \\\\n'
rp_file_has "rp ics: Beijing time" "$WORK/meetings.ics" "DTSTART;TZID=Asia/Shanghai:20220110T090000"
rp_file_has "rp ics: a meeting without a time is all day" "$WORK/meetings.ics" "DTSTART;VALUE=DATE:20220512"
run "rp export ics --from --to" 0 --db "$RP_DB" export ics --from 2022-03-01 --to 2022-03-31
expect_lines "rp ics: only March's two meetings" 2 '^BEGIN:VEVENT'
run "rp export ics, UIDs stable" 0 --db "$RP_DB" export ics
if cmp -s "$WORK/out" "$WORK/meetings.ics"; then ok "rp ics: the same export twice is the same"; else
	not_ok "rp ics: the same export twice is the same"; fi
run "rp export ics --from a bad date" 65 --db "$RP_DB" export ics --from 2022-13-01
run "rp export ics with an operand" 64 --db "$RP_DB" export ics meetings

if [ -n "$_rp_now_set" ]; then export LIANZHENG_NOW=$_rp_now_old; else unset LIANZHENG_NOW; fi
if [ -n "$_rp_tz_set" ]; then export TZ=$_rp_tz_old; else unset TZ; fi
