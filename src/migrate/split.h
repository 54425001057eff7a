/*
 * split.h - cutting a migration body into statements.
 *
 * Two uses: x-multi-statement (one exec per statement), and naming the
 * failing statement of a whole-file exec when the server gives no
 * position (the driver says how many statements completed first).
 *
 * ss_mig_split_statements uses sqlparse (a real splitter that knows
 * quotes, dollar quotes, comments and BEGIN ... END bodies); when it
 * fails (a lexical error), callers fall back to golang-migrate's own
 * behaviour.
 */
#ifndef SS_MIGRATE_SPLIT_H
#define SS_MIGRATE_SPLIT_H

#include <stddef.h>

#include "migrate/engine.h"

struct ss_err;

struct ss_mig_piece {
	size_t off, len;	/* bytes of the body */
};

struct ss_mig_pieces {
	struct ss_mig_piece *v;
	size_t n, alloc;
};

/*
 * golang-migrate's x-multi-statement cut: a piece ends after every ";"
 * byte, whatever surrounds it (quotes, comments and $$ bodies included);
 * the text after the last ";" is a piece too.  Blank pieces are kept (the
 * caller skips them, as golang-migrate does).
 */
void ss_mig_split_semicolons(const char *s, size_t len, struct ss_mig_pieces *out);

/*
 * The statements of s as the server would run them, in order, each from
 * its first token through its terminator.  PostgreSQL: sqlparse's items,
 * COPY data kept with its COPY.  MySQL: as the server cuts one
 * multi-statement send (drivers/mysql/mysql.h: stored-program bodies
 * whole, client commands and a rejected empty statement count).  T-SQL:
 * one piece per GO batch, GO lines left out, a batch ended by "GO n"
 * given n times; from a lexical error on, the rest is one batch (the
 * server says what is wrong).  Fails with SS_ERR_PARSE (line:column in
 * err) when the text does not lex (PostgreSQL, MySQL).
 */
int ss_mig_split_statements(enum ss_mig_dialect dialect, const char *s, size_t len,
			    struct ss_mig_pieces *out, struct ss_err *err);

void ss_mig_pieces_release(struct ss_mig_pieces *p);

#endif /* SS_MIGRATE_SPLIT_H */
