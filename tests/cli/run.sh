#!/usr/bin/env bash
# Command-line tests through the real binary, as one TAP stream:
#   run.sh PATH-TO-lianzheng [NAME...]
# runs tests/cli/t_NAME.sh for each NAME, or every t_*.sh.  meson runs
# each file alone as the test cli-NAME, so a file must not lean on
# another: what several share belongs in lib.sh.
set -u
. "$(dirname "$0")/lib.sh"
shift
if [ $# -eq 0 ]; then
	for t in "$(dirname "$0")"/t_*.sh; do
		t=${t##*/t_}
		set -- "$@" "${t%.sh}"
	done
fi
for name in "$@"; do
	t="$(dirname "$0")/t_$name.sh"
	if [ ! -f "$t" ]; then
		not_ok "no test file $t"
		continue
	fi
	. "$t"
done
finish
