# plan check and plan show.
PLAN="$SRC/config/plan-2022.yaml"
run "plan check bundled" 0 plan check "$PLAN"
expect_out "plan check reports counts" "sections: 4, tasks: 13, obligations: 11"
expect_no_err "plan check quiet on stderr"
run "plan check missing file" 66 plan check "$WORK/nope.yaml"
expect_err "missing file named" "$WORK/nope.yaml: cannot open"
run "plan check directory" 66 plan check "$WORK"
run "plan check without file" 64 plan check
run "plan check two files" 64 plan check "$PLAN" "$PLAN"
run "plan without subcommand" 64 plan
run "plan bad subcommand" 64 plan frob

printf 'format: 1\nyear: 2022\ntitel: x\n' >"$WORK/bad.yaml"
run "plan check invalid" 65 plan check "$WORK/bad.yaml"
expect_err "invalid: located message" "$WORK/bad.yaml:3:1: unknown key 'titel' in the plan; did you mean 'title'?"
expect_err "invalid: every problem" "missing key 'organization'"
expect_no_out "invalid: nothing on stdout"

head -c 1048577 /dev/zero | tr '\0' 'a' >"$WORK/big.yaml"
run "plan check over size cap" 65 plan check "$WORK/big.yaml"
expect_err "size cap message" "larger than 1048576 bytes"

run "plan show bundled" 0 plan show
expect_out "plan show has the title" "2022年县总工会党风廉政建设和反腐败工作要点"
expect_out "plan show has section one" "一、突出政治引领"
expect_out "plan show has task 13" "13. 严肃执纪问责"
expect_out "plan show has obligations" "党风廉政建设专题会议"
run "plan show file" 0 plan show "$PLAN"
run "plan show missing" 66 plan show "$WORK/nope.yaml"
run "plan show bad option" 64 plan show --frob

run "plan show --tsv" 0 plan show --tsv
expect_lines "tsv: 4 sections" 4 '^section	'
expect_lines "tsv: 13 tasks" 13 '^task	'
expect_out "tsv: special-meeting obligation" "obligation	special-meeting	special-meeting	4	year	5	plan"
expect_out "tsv: warning-education obligation" "obligation	warning-education	warning-education	1	quarter	11	plan"
expect_out "tsv: heart-talk obligation" "obligation	heart-talk	heart-talk	1	half	11	plan"
expect_out "tsv: first topic required" "meeting_type	leading-group	党组会议		first_topic"
expect_lines "tsv: 7 holidays" 7 '^holiday	'
expect_lines "tsv: 7 workdays" 7 '^workday	'
if awk -F'\t' '$1=="task" && NF!=6 {bad=1} END {exit bad}' "$WORK/out"; then
	ok "tsv: task lines have 6 fields"; else not_ok "tsv: task lines have 6 fields"; fi

# Wide output never cuts a character: every line of a narrow rendering
# stays valid UTF-8 and within the width.
COLUMNS=40 "$LZ" plan show >"$WORK/out" 2>"$WORK/err"
if iconv -f UTF-8 -t UTF-8 "$WORK/out" >/dev/null 2>&1; then ok "narrow show is valid UTF-8"; else not_ok "narrow show is valid UTF-8"; fi

# Valid plans beyond the bundled one: a minimal plan, the README's example,
# and a plan saved with a byte order mark as Windows editors write it.
for f in "$SRC"/tests/plans/good/*.yaml; do
	run "plan check $(basename "$f")" 0 plan check "$f"
done

# Every required field of a meeting type is shown, not only the first topic
# (issue 16, bug 14): in the text's column and, comma-separated, in the TSV's.
sed 's/required_fields: \[first_topic\]/required_fields: [first_topic, host, recorder]/' \
	"$PLAN" >"$WORK/required.yaml"
run "plan show: a type requiring three fields" 0 plan show "$WORK/required.yaml"
expect_out "plan show: the first topic required" "党组会议                                        first topic (第一议题)"
expect_lines "plan show: the host required, a row of its own" 1 '^ *host$'
expect_lines "plan show: the recorder required, a row of its own" 1 '^ *recorder$'
run "plan show --tsv: a type requiring three fields" 0 plan show "$WORK/required.yaml" --tsv
expect_out "tsv: every required field, comma-separated" \
	"meeting_type	leading-group	党组会议		first_topic,host,recorder"
if awk -F'\t' '$1=="meeting_type" && NF!=6 {bad=1} END {exit bad}' "$WORK/out"; then
	ok "tsv: meeting_type lines keep 6 fields (the short name added last)"; else not_ok "tsv: meeting_type lines keep 6 fields (the short name added last)"; fi
