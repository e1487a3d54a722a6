# What CI promises the tests.  .ci/run installs every package the README
# lists and sets LZ_CI=1: there a tool of that list is never missing, so a
# test that would skip for want of one fails instead, for the skip would
# hide that something broke.  Skips for what CI does not promise (running
# as root or not, a generated zh_CN.UTF-8 locale, /dev/zero being a
# device) stay skips everywhere.  Sourced by the shell tests.

# in_ci: true under .ci/run.
in_ci() { [ "${LZ_CI-}" = 1 ]; }

# need_tools STATUS TOOL...: returns when every TOOL is installed; else the
# whole test is skipped (TAP's "1..0 # SKIP", exit STATUS: 0 for a TAP
# test, 77 for one meson reads by its exit status), or fails under CI.
need_tools() {
	local status=$1 tool
	shift
	for tool; do
		command -v "$tool" >/dev/null 2>&1 && continue
		if in_ci; then
			echo "not ok 1 - $tool is not installed, and CI installs it (LZ_CI=1)"
			echo "1..1"
			exit 1
		fi
		echo "1..0 # SKIP $tool is not installed"
		exit "$status"
	done
}
