/*
 * classify_tsql.c - a T-SQL batch without ';' is one item: the rule that
 * names it past its leading settings (SET, USE, BEGIN TRAN).
 */
#include <string.h>

#include "classify.h"

/* Words that start a T-SQL statement on a line of its own. */
static int ts_stmt_start(const struct cx *c)
{
	static const char *const starts[] = {
		"alter", "begin", "bulk", "checkpoint", "close", "commit", "create", "dbcc",
		"deallocate", "declare", "delete", "deny", "disable", "drop", "enable", "exec",
		"execute", "fetch", "grant", "if", "insert", "merge", "open", "print",
		"raiserror", "return", "revoke", "rollback", "select", "set", "throw",
		"truncate", "update", "use", "waitfor", "while", NULL
	};
	int i;

	for (i = 0; starts[i]; i++)
		if (is_n(c, starts[i], strlen(starts[i])))
			return 1;
	return 0;
}

/*
 * T-SQL needs no ';': "SET NOCOUNT ON / INSERT ..." or "USE db / DECLARE ..."
 * in one batch is one item.  Named by its leading SET, USE or BEGIN TRAN it
 * would be copied to every output file (session, transaction) or dropped
 * (database) with all the code that follows, so it is classified by the
 * first statement on a later line that is not one of those.  start: the
 * tokenizer at the item's first word.
 */
void sqlp__ts_past_settings(struct cx *c, struct cx start)
{
	struct name obj0, tbl0;
	enum sqlp_class k, cls0 = c->it->cls;
	enum sqlp_objkind kind0 = c->it->objkind;
	int round;

	if (cls0 != SQLP_C_SESSION && cls0 != SQLP_C_DATABASE && cls0 != SQLP_C_TRANSACTION)
		return;
	obj0 = *c->obj;
	tbl0 = *c->tbl;
	for (round = 0; round < 16; round++) {
		struct cx w = start;
		const char *end;

		k = c->it->cls;
		if (!(k == SQLP_C_SESSION && is(&start, "set")) &&
		    !(k == SQLP_C_DATABASE && is(&start, "use")) &&
		    !(k == SQLP_C_TRANSACTION && is(&start, "begin")))
			break;
		end = w.t.p + w.t.n;
		for (;;) {
			next(&w);
			if (w.t.t == T_END || memchr(end, '\n', (size_t)(w.t.p - end)))
				break;
			end = w.t.p + w.t.n;
		}
		if (w.t.t != T_WORD || !ts_stmt_start(&w))
			break;
		c->obj->n = c->tbl->n = 0;
		c->obj->parts = c->tbl->parts = 0;
		c->obj->s[0] = c->tbl->s[0] = 0;
		start = w;
		*c = w;
		sqlp__classify_stmt(c);
	}
	/* settings all the way down: named as before, by the first */
	k = c->it->cls;
	if (k == SQLP_C_SESSION || k == SQLP_C_DATABASE || k == SQLP_C_TRANSACTION) {
		c->it->cls = cls0;
		c->it->objkind = kind0;
		*c->obj = obj0;
		*c->tbl = tbl0;
	}
}
