/*
 * mysql.h - MySQL-only entry points: how the server cuts a multi-statement
 * send into statements, and the SQL texts of the driver's lock calls.
 *
 * Nothing here needs the client library (statements.c and sql.c build in
 * every configuration), so unit tests and src/migrate can use them in a
 * build without MySQL support.
 */
#ifndef SS_DRIVERS_MYSQL_H
#define SS_DRIVERS_MYSQL_H

#include <stddef.h>

struct ss_err;
struct sqlp_buf;

/* One statement of a script as the server runs it. */
struct ss_my_stmt {
	size_t off, len;	/* bytes of the script: first token through terminator */
	int call;		/* a CALL: its results end with one OK (status) result */
};

struct ss_my_stmts {
	struct ss_my_stmt *v;
	size_t n, alloc;
};

/*
 * The statements of sql[0..len) in the order the server runs them when
 * the whole text is one multi-statement send (CLIENT_MULTI_STATEMENTS):
 * split where the server splits, which is not always where the mysql
 * client does:
 * - a stored program (CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT) and a
 *   MariaDB compound statement (BEGIN NOT ATOMIC, IF, CASE, LOOP, WHILE,
 *   REPEAT, label:) run through the ";" after their END, with no
 *   DELIMITER;
 * - an empty statement (";" alone) followed by another statement is a
 *   statement (the server fails on it); trailing ones are not;
 * - DELIMITER, a \g terminator and other client commands are statements
 *   the server rejects, so everything from there on is one statement;
 * - comments and MariaDB's sandbox line are not statements.
 * Fails with SS_ERR_PARSE when the text does not lex (unterminated
 * quote or comment).
 */
int ss_my_statements(const char *sql, size_t len, struct ss_my_stmts *out, struct ss_err *err);
void ss_my_stmts_release(struct ss_my_stmts *s);

/*
 * Which statement (0-based) a multi-statement send failed in, given what
 * came back before the error: kinds[i] is 'r' for a result set and 'o'
 * for an OK result, one per result.  Every statement gives one result,
 * but a CALL gives one per result set of its procedure, then an OK.
 * Returns s->n when the results do not fit the statements.
 */
size_t ss_my_failed_statement(const struct ss_my_stmts *s, const char *kinds, size_t nkinds);

/*
 * Where in sql a syntax error (ER_PARSE_ERROR, "... near 'TEXT' at line
 * N") is: the byte offset of TEXT on line N of statement s->v[failed],
 * lines counted as the server counts them (from the first non-blank byte
 * after the previous statement); for an empty TEXT, the end of that
 * statement.  -1 when msg has no such part or TEXT is not found there.
 */
long long ss_my_syntax_error_offset(const char *sql, size_t len, const struct ss_my_stmts *s,
				    size_t failed, const char *msg);

/*
 * Lock calls (golang-migrate's GET_LOCK name is a decimal number): append
 * the SELECT to sql.  timeout_s < 0 waits for ever.
 */
void ss_my_lock_sql(struct sqlp_buf *sql, const char *name, long timeout_s);
void ss_my_unlock_sql(struct sqlp_buf *sql, const char *name);

/*
 * Append s as a single-quoted string literal ('' and \\ doubled, as the
 * default sql_mode reads them).
 */
void ss_my_add_literal(struct sqlp_buf *sql, const char *s);

#endif /* SS_DRIVERS_MYSQL_H */
