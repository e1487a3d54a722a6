# Global options and usage errors.
run "--help" 0 --help
expect_out "--help lists plan check" "plan check FILE"
expect_out "--help gives exit codes" "64 usage error"
# The add options come from the field tables: a new field is listed with no edit here.
expect_out "--help lists an item's rectification options" "[--followup-result S]"
expect_out "--help lists a meeting's list options" "[--absent NAME:REASON]..."
run "-h" 0 -h
run "--version" 0 --version
expect_out "--version names the program" "lianzheng "
run "no command, not on a terminal" 64
expect_err "no command without a terminal says so" "needs a terminal"
expect_err "usage error points to --help" "lianzheng --help"
run "unknown command" 64 frobnicate
expect_err "unknown command named" "unknown command 'frobnicate'"
run "unknown option" 64 --frob plan show
expect_err "unknown option named" "unknown option '--frob'"
run "--db without value" 64 --db
