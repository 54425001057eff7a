#!/usr/bin/env bash
# The command skeleton: help, version, unknown commands and options.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

run "$SSYNC" --help
is "$T_RC" 0 "ssync --help exits 0"
like "$T_OUT" '^usage: ssync <command>' "ssync --help prints the usage"
for c in migrate dump filter schema-sync diff version help; do
	like "$T_OUT" "^  $c " "--help lists $c"
done

run "$SSYNC"
is "$T_RC" 2 "no command exits 2"
like "$T_ERR" '^usage: ssync' "no command prints the usage on stderr"

run "$SSYNC" version
is "$T_RC" 0 "ssync version exits 0"
like "$T_OUT" '^ssync [0-9]+\.[0-9]+\.[0-9]+' "version line"
like "$T_OUT" 'engines:.*postgres' "PostgreSQL engine is listed"

run "$SSYNC" --version
is "$T_RC" 0 "ssync --version exits 0"

run "$SSYNC" bogus
is "$T_RC" 2 "unknown command exits 2"
like "$T_ERR" "^ssync: unknown command 'bogus'" "unknown command is named"
like "$T_ERR" 'usage: ssync' "unknown command prints the usage"

for c in migrate dump filter schema-sync diff version; do
	run "$SSYNC" "$c" --help
	is "$T_RC" 0 "ssync $c --help exits 0"
	like "$T_OUT" "^usage: ssync $c" "ssync $c --help prints its usage"
	like "$T_OUT" '--log-format' "ssync $c --help lists the common options"
	run "$SSYNC" "$c" -help
	is "$T_RC" 0 "ssync $c -help (single dash) exits 0"
	run "$SSYNC" "$c" --no-such-option
	is "$T_RC" 2 "ssync $c with an unknown option exits 2"
	like "$(echo "$T_ERR" | head -1)" "^ssync: unknown option '--no-such-option'$" "ssync $c names the unknown option on one line"
	like "$T_ERR" "usage: ssync $c" "ssync $c prints the usage after the error"
done

run "$SSYNC" dump --log-format=xml
is "$T_RC" 2 "bad --log-format exits 2"
like "$T_ERR" "invalid value 'xml' for option '--log-format'" "bad --log-format is named"

run "$SSYNC" version --log-format json --bogus
is "$T_RC" 2 "unknown option in JSON log mode exits 2"

run "$SSYNC" help dump
is "$T_RC" 0 "ssync help dump exits 0"
like "$T_OUT" '^usage: ssync dump' "ssync help dump shows dump's help when not on a terminal"

done_testing
