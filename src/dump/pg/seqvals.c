/*
 * seqvals.c - the values of a PostgreSQL database's sequences as setval()
 * calls, for the second phase of "ssync schema-sync": after a data sync
 * the destination's sequences must go on from where the source's are.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "dump/dump.h"
#include "dump/sync.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/*
 * Every sequence that has a value (last_value is NULL for one never used,
 * or unreadable to this role), with the table that owns it through a
 * serial column (deptype 'a') or an identity (deptype 'i').
 */
static const char seq_query[] =
	"SELECT s.schemaname, s.sequencename, s.last_value::pg_catalog.text, tn.nspname, t.relname"
	" FROM pg_catalog.pg_sequences s"
	" JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname"
	" JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename"
	" LEFT JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
	"  AND dep.objid = c.oid AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
	"  AND dep.deptype IN ('a', 'i')"
	" LEFT JOIN pg_catalog.pg_class t ON t.oid = dep.refobjid"
	" LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
	" WHERE s.last_value IS NOT NULL"
	" ORDER BY 1, 2";

/* "schema\x1fname": no identifier holds a unit separator in practice, and a clash only adds a setval */
static char *key_of(const char *schema, const char *name)
{
	return ss_xasprintf("%s\x1f%s", schema ? schema : "", name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct seq_ctx {
	char **keys;		/* sorted: the dump's sequences and tables */
	size_t nkeys;
	struct sqlp_buf out;
	unsigned count;
};

static int has_key(const struct seq_ctx *c, const char *schema, const char *name)
{
	char *k = key_of(schema, name);
	int found = bsearch(&k, c->keys, c->nkeys, sizeof(*c->keys), cmp_str) != NULL;

	free(k);
	return found;
}

static int seq_row(void *ctx, size_t ncols, const char *const *v, const size_t *len,
		   struct ss_err *err)
{
	struct seq_ctx *c = ctx;
	struct sqlp_buf qname = SQLP_BUF_INIT;

	(void)len;
	(void)err;
	if (ncols < 5 || !v[0] || !v[1] || !v[2])
		return 0;
	if (!has_key(c, v[0], v[1]) && !(v[3] && v[4] && has_key(c, v[3], v[4])))
		return 0;
	ss_quote_ident(&qname, v[0]);
	sqlp_buf_addch(&qname, '.');
	ss_quote_ident(&qname, v[1]);
	ss_buf_check(&qname);
	sqlp_buf_addstr(&c->out, "SELECT pg_catalog.setval(");
	ss_quote_literal(&c->out, qname.data);
	sqlp_buf_addf(&c->out, ", %s, true);\n", v[2]);
	sqlp_buf_release(&qname);
	c->count++;
	return 0;
}

int ss_pg_sequence_values(struct ss_conn *src, const struct ss_dump *d, char **out,
			  unsigned *count, struct ss_err *err)
{
	struct seq_ctx c = { NULL, 0, SQLP_BUF_INIT, 0 };
	int rc;

	*out = NULL;
	*count = 0;
	c.keys = ss_xmalloc((d->n ? d->n : 1) * sizeof(*c.keys));
	for (size_t i = 0; i < d->n; i++) {
		const struct ss_dobj *o = &d->objs[i];

		if (o->kind == SS_DK_SEQUENCE || o->kind == SS_DK_TABLE)
			c.keys[c.nkeys++] = key_of(o->schema, o->name);
	}
	qsort(c.keys, c.nkeys, sizeof(*c.keys), cmp_str);
	rc = ss_conn_query(src, seq_query, seq_row, &c, err);
	for (size_t i = 0; i < c.nkeys; i++)
		free(c.keys[i]);
	free(c.keys);
	if (rc) {
		sqlp_buf_release(&c.out);
		return -1;
	}
	ss_buf_check(&c.out);
	*out = sqlp_buf_detach(&c.out, NULL);
	*count = c.count;
	return 0;
}
