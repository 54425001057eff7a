#!/usr/bin/env python3
"""long_runs.py DIR SIZE: write the long-run inputs of scaling.sh into DIR.

Each input is one construct stretched to about SIZE bytes: a word, a dollar
tag, a psql or client command line, a comment, a quoted run, many
statements.  A scanner that reads a construct again each time more input
comes (or looks back over it for each byte) takes quadratic time on them.
File names are NAME.DIALECT.sql.
"""
import sys

out, n = sys.argv[1], int(sys.argv[2])
w = "a" * n
cases = {
    "pg_word_create": ("postgres", "CREATE FUNCTION " + w + " ;\n"),
    "pg_word": ("postgres", "SELECT " + w + " ;\n"),
    "pg_dollar_in_word": ("postgres", "SELECT " + "a$" * (n // 2) + ";\n"),
    "pg_dollar_after_digits": ("postgres", "SELECT " + "1$" * (n // 2) + ";\n"),
    "pg_dollar_tag": ("postgres", "SELECT $" + w + "$ x $" + w + "$;\n"),
    "pg_meta_line": ("postgres", "\\set x " + w + "\nSELECT 1;\n"),
    "pg_meta_in_statement": ("postgres", "SELECT 1\n\\set x " + w + "\n;\n"),
    "pg_meta_lines_in_statement": ("postgres", "SELECT 1\n" + "\\echo x\n" * (n // 8) + ";\n"),
    "pg_line_comment": ("postgres", "SELECT 1 -- " + w + "\n;\n"),
    "pg_block_comment": ("postgres", "/* " + w + " */ SELECT 1;\n"),
    "pg_nested_comments": ("postgres", "/*" * (n // 4) + "*/" * (n // 4) + "SELECT 1;\n"),
    "pg_estring": ("postgres", "SELECT E'" + "\\\\" * (n // 2) + "';\n"),
    "pg_string": ("postgres", "SELECT '" + "a''" * (n // 3) + "';\n"),
    "pg_quoted_name": ("postgres", 'SELECT "' + 'a""' * (n // 3) + '";\n'),
    "pg_psql_variable": ("postgres", "SELECT :" + w + ";\n"),
    "pg_copy_line": ("postgres", "COPY t FROM stdin;\n" + w + "\n\\.\n"),
    "pg_parens": ("postgres", "SELECT " + "(" * (n // 2) + ")" * (n // 2) + ";\n"),
    "pg_begin_atomic": ("postgres", "CREATE FUNCTION f() BEGIN ATOMIC " + "case " * (n // 5) + "END;\n"),
    "pg_blanks": ("postgres", " " * n + "SELECT 1;\n"),
    "pg_statements": ("postgres", "x;" * (n // 2)),
    "my_word": ("mysql", "SELECT " + w + " ;\n"),
    "my_command_word": ("mysql", "SELECT 1 \\G " + w + "\n;\n"),
    "my_client_line": ("mysql", "source " + w + "\nSELECT 1;\n"),
    "my_backtick": ("mysql", "SELECT `" + "a``" * (n // 3) + "`;\n"),
    "my_hash_comment": ("mysql", "# " + w + "\nSELECT 1;\n"),
    "my_exec_comment": ("mysql", "/*!50003 " + "a " * (n // 2) + "*/;\n"),
    "my_string": ("mysql", "SELECT '" + "\\'" * (n // 2) + "';\n"),
    "my_delimiter_run": ("mysql", "DELIMITER //\nSELECT " + "a/" * (n // 2) + "//\n"),
    "my_statements": ("mysql", "x;" * (n // 2)),
    "ts_word": ("tsql", "SELECT " + w + "\nGO\n"),
    "ts_go_blanks": ("tsql", "SELECT 1\nGO" + " " * n + "\n"),
    "ts_sqlcmd_line": ("tsql", ":setvar x " + w + "\nGO\n"),
    "ts_bracket": ("tsql", "SELECT [" + "a]]" * (n // 3) + "]\nGO\n"),
    "ts_begin_end": ("tsql", "CREATE PROCEDURE p AS BEGIN " + "BEGIN END " * (n // 10) + "END\nGO\n"),
    "ts_batches": ("tsql", "SELECT 1\nGO\n" * (n // 12)),
}
for name, (dialect, text) in cases.items():
    with open("%s/%s.%s.sql" % (out, name, dialect), "w") as f:
        f.write(text)
