#!/usr/bin/env bash
# Command-line tests through the real binary.
set -u
. "$(dirname "$0")/lib.sh"
for t in "$(dirname "$0")"/t_*.sh; do
	. "$t"
done
finish
