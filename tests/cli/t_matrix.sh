# item matrix: the person × task split of the items, printable, and its
# --tsv form; --late counts only late items as of --date.
MX=$WORK/matrix-db
newdb "$MX"
run "matrix: a person" 0 --db "$MX" person add --name 王书记 --post 党组书记
run "matrix: an item of his" 0 --db "$MX" item add --task 5 --title 主体责任清单 --owner 王书记 --due 2022-03-31
run "matrix: an item of someone not recorded" 0 --db "$MX" item add --task 2 --title 巡察整改 --owner 李四 --due 2022-12-31
run "matrix: an item without owner" 0 --db "$MX" item add --task 2 --title 无人负责的事项
run "item matrix" 0 --db "$MX" item matrix --date 2022-06-30
expect_out "matrix: header lists tasks and total" "Owner       1  2  3  4  5   6  7  8  9  10  11  12  13  Total"
expect_out "matrix: the recorded person's late item" "王书记      ·  ·  ·  ·  1!  ·"
expect_out "matrix: an owner named only in items" "李四        ·  1  ·  ·  ·   ·"
expect_out "matrix: items without owner get a row" "(no owner)"
expect_out "matrix: totals per task, 0 where nobody owns one" "Total       0  2  0  0  1   0"
run "item matrix --tsv" 0 --db "$MX" item matrix --tsv --date 2022-06-30
expect_out "matrix --tsv: owner, task, items, late" "王书记	5	1	1"
expect_out "matrix --tsv: not late before the deadline" "李四	2	1	0"
expect_lines "matrix --tsv: one line per non-empty cell" 3 "	"
run "item matrix --late" 0 --db "$MX" item matrix --late --tsv --date 2022-06-30
expect_lines "matrix --late: only the late item" 1 "	"
run "item matrix with a bad date" 65 --db "$MX" item matrix --date 2022-13-01
run "item matrix with an operand" 64 --db "$MX" item matrix 5
