#!/usr/bin/env bash
# Monkey test: 20,000 random keys (letters, digits, arrows, function keys,
# Enter, Esc, Tab, Chinese text) and resizes down to 20×6, sent to the
# full-screen program over a seeded database.  Passes when the program
# neither crashes nor reports a sanitizer error, quits with status 0 when
# asked, and `db check` is clean afterwards.  TAP output.
set -u
LZ=${1:?usage: monkey.sh PATH-TO-lianzheng}
KEYS=${LZ_MONKEY_KEYS:-20000}
. "$(dirname "$0")/../ci.sh"
need_tools 0 tmux
WORK=$(mktemp -d)
SOCK="lz-monkey-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export LIANZHENG_NOW=1655280000 TZ=UTC
DB="$WORK/db"

# A seeded database: the year's drafted meetings, held ones, items, risks.
"$LZ" --db "$DB" init >/dev/null
"$LZ" --db "$DB" schedule >/dev/null
"$LZ" --db "$DB" meeting add --date 2022-06-10 --type leading-group --title 党组会议 \
	--first-topic 学习 --expected 9 --present 8 >/dev/null
"$LZ" --db "$DB" item add --task 2 --title 整改事项 --owner 张三 --due 2022-05-31 >/dev/null
"$LZ" --db "$DB" risk add --post 财务岗 --link 报销 --desc 审核不严 --level high --review 2022-03-01 >/dev/null

tm new-session -d -s m -x 100 -y 30 \
	"env HOME='$WORK' LIANZHENG_NOW=$LIANZHENG_NOW TZ=UTC ASAN_OPTIONS=${ASAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} '$LZ' --db '$DB' 2>'$WORK/stderr'; echo EXITED:\$? >'$WORK/exit'; sleep 30"

keys=(a e d h j k l t g s m H C S r f z u B 1 2 3 4 '?' / q y n x 0 9 ' ' Enter Escape Tab BTab Up Down Left Right
      PageUp PageDown Home End BSpace DC F1 F2 F3 F4 F5 F10 C-a C-e C-u C-k C-j C-l)
RANDOM=20221125
sent=0 resizes=0
alive() { [ ! -e "$WORK/exit" ]; }
# Keys go in batches of 25 per tmux call; a resize or text ends a batch.
batch=()
flush() { [ ${#batch[@]} -gt 0 ] && tm send-keys -t m "${batch[@]}"; batch=(); }
while [ "$sent" -lt "$KEYS" ] && alive; do
	r=$((RANDOM % 100))
	if [ "$r" -lt 2 ]; then
		flush
		tm resize-window -t m -x $((20 + RANDOM % 100)) -y $((6 + RANDOM % 30))
		resizes=$((resizes + 1))
	elif [ "$r" -lt 5 ]; then
		flush
		tm send-keys -t m -l "研究部署党风廉政建设"
	else
		k=${keys[$((RANDOM % ${#keys[@]}))]}
		# q and F10 quit: keep the session going; they are tested at the end.
		case $k in q|F10) k=Escape ;; esac
		batch+=("$k")
		[ ${#batch[@]} -ge 25 ] && flush
	fi
	sent=$((sent + 1))
done
flush
sleep 1
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

if alive; then ok "the program is alive after $sent keys and $resizes resizes"
else not_ok "the program is alive after the keys" "it ended: $(cat "$WORK/exit") after $sent keys"; fi
# Leave any dialog or form, then quit.
tm resize-window -t m -x 100 -y 30
for _ in 1 2 3 4 5; do tm send-keys -t m Escape; sleep 0.1; done
tm send-keys -t m F10
for _ in $(seq 100); do [ -e "$WORK/exit" ] && break; sleep 0.1; done
status=$(sed 's/EXITED://' "$WORK/exit" 2>/dev/null)
if [ "$status" = 0 ]; then ok "F10 quits with status 0"; else not_ok "F10 quits with status 0" "status: ${status:-none}"; fi
if [ ! -s "$WORK/stderr" ]; then ok "no sanitizer or error report"
else not_ok "no sanitizer or error report" "$(head -20 "$WORK/stderr")"; fi
if "$LZ" --db "$DB" db check >/dev/null 2>"$WORK/check"; then ok "db check is clean"
else not_ok "db check is clean" "$(cat "$WORK/check")"; fi
echo "1..$n"
[ "$failed" -eq 0 ]
