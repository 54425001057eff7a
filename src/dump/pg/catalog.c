/*
 * catalog.c - how the PostgreSQL dumper talks to the server.
 *
 * Round trips (spec: dump-and-filter.md 1.2):
 *   0  session setup, one simple-query string: REPEATABLE READ READ ONLY
 *      transaction, empty search_path, fixed deparse settings; returns the
 *      version, encoding and the reserved words for identifier quoting;
 *   1  with patterns only: inventory + dependency edges; the client then
 *      applies the PCRE2 patterns and builds oid[] selections;
 *   2  the definition queries (and, without patterns, the edges) in one
 *      libpq pipeline, the selections passed as oid[] parameters, COMMIT
 *      riding at the end.
 * So a dump costs 2 round trips and 9 catalog queries (3 and 10 with
 * patterns) whatever the number of objects.  No table is locked.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "drivers/driver.h"
#include "drivers/pg/pg.h"
#include "dump/pg/pg_dump_int.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct arrivals;

struct pgq {
	char *sql;
	int nparams;
	const char *params[2];
	PGresult *res;
	int q;			/* enum ss_pgq, or -1 (COMMIT, the first round trip) */
};

/*
 * Where the connections' threads leave each definition query's result
 * for the builder: state[q] 0 pending, 1 arrived (res->r[q] set), -1
 * failed.  A result is handed over (and no longer owned by its batch) as
 * soon as it is complete.
 */
struct arrivals {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ss_pg_results *res;
	signed char state[SS_PGQ_COUNT];
	double last_ms;		/* when the last result arrived */
};

static void arrive(struct arrivals *a, struct pgq *q, int ok)
{
	if (!a || q->q < 0)
		return;
	pthread_mutex_lock(&a->mu);
	if (!a->state[q->q]) {
		a->last_ms = ss_now_ms();
		a->state[q->q] = ok && q->res ? 1 : -1;
		if (ok && q->res) {
			a->res->r[q->q] = q->res;
			q->res = NULL;
		}
	}
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
}

/* The builder's side: wait until query q's result is there (0) or failed (-1). */
static int await(void *arg, enum ss_pgq q)
{
	struct arrivals *a = arg;
	int st;

	pthread_mutex_lock(&a->mu);
	while (!(st = a->state[q]))
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	return st > 0 ? 0 : -1;
}

static int status_ok(PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);

	return st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
}

#ifndef LIBPQ_HAS_PIPELINING
/* Without pipelining: one simple-query string, parameters inlined as literals. */
static char *inline_params(const struct pgq *q)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	for (const char *p = q->sql; *p; p++) {
		if (*p == '$' && (p[1] == '1' || p[1] == '2')) {
			const char *v = q->params[p[1] - '1'];

			/* oid arrays: digits, commas and braces only */
			if (v)
				sqlp_buf_addf(&b, "'%s'", v);
			else
				sqlp_buf_addstr(&b, "NULL");
			p++;
			continue;
		}
		sqlp_buf_addch(&b, *p);
	}
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}
#endif

/*
 * Send every query of qs in one round trip and keep each result.  The
 * first failing query's error wins; the rest are discarded.
 */
static int run_batch(PGconn *pg, struct pgq *qs, int n, int progress, struct arrivals *a,
		     struct ss_err *err)
{
	int rc = 0;

#ifdef LIBPQ_HAS_PIPELINING
	if (!PQenterPipelineMode(pg)) {
		ss_pg_fill_error(pg, NULL, err);
		return -1;
	}
	/*
	 * A flush request after each query makes the server send a result
	 * as soon as it is complete, instead of when its output buffer
	 * fills: the builder starts on small results without waiting for the
	 * next big one.
	 */
	for (int i = 0; i < n; i++)
		if (!PQsendQueryParams(pg, qs[i].sql, qs[i].nparams, NULL, qs[i].params, NULL, NULL, 0) ||
		    !PQsendFlushRequest(pg)) {
			ss_pg_fill_error(pg, NULL, err);
			PQexitPipelineMode(pg);
			return -1;
		}
	if (!PQpipelineSync(pg)) {
		ss_pg_fill_error(pg, NULL, err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		PGresult *res = PQgetResult(pg), *extra;

		if (!res) {
			if (!rc)
				ss_pg_fill_error(pg, NULL, err);
			rc = -1;
			break;
		}
		if (!status_ok(res)) {
			if (!rc && PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
				ss_pg_fill_error(pg, res, err);
			rc = -1;
			PQclear(res);
		} else {
			qs[i].res = res;
		}
		/* each query's results end with a NULL */
		while ((extra = PQgetResult(pg)))
			PQclear(extra);
		arrive(a, &qs[i], !rc);
		if (progress)
			ss_progress("ssync dump: reading the catalog (%d of %d queries)", i + 1, n);
	}
	{
		PGresult *res;

		/* up to and including the sync point */
		while ((res = PQgetResult(pg))) {
			ExecStatusType st = PQresultStatus(res);

			PQclear(res);
			if (st == PGRES_PIPELINE_SYNC)
				break;
		}
	}
	PQexitPipelineMode(pg);
#else
	{
		struct sqlp_buf all = SQLP_BUF_INIT;
		PGresult *res;
		int i = 0;

		for (int k = 0; k < n; k++) {
			char *s = inline_params(&qs[k]);

			sqlp_buf_addstr(&all, s);
			sqlp_buf_addstr(&all, ";\n");
			free(s);
		}
		ss_buf_check(&all);
		if (!PQsendQuery(pg, all.data)) {
			sqlp_buf_release(&all);
			ss_pg_fill_error(pg, NULL, err);
			return -1;
		}
		sqlp_buf_release(&all);
		while ((res = PQgetResult(pg))) {
			if (!status_ok(res)) {
				if (!rc)
					ss_pg_fill_error(pg, res, err);
				rc = -1;
				PQclear(res);
			} else if (i < n) {
				qs[i].res = res;
				arrive(a, &qs[i], !rc);
				i++;
			} else {
				PQclear(res);
			}
		}
	}
#endif
	return rc;
}

static void clear_batch(struct pgq *qs, int n)
{
	for (int i = 0; i < n; i++) {
		PQclear(qs[i].res);
		qs[i].res = NULL;
	}
}

struct session {
	int version;
	char *version_text;
	char *encoding;
	char *snapshot;		/* exported for the helper connection */
};

/*
 * Session setup.  export: also export the snapshot into s->snapshot for a
 * helper connection; import: start the transaction on that snapshot.
 */
static int setup(PGconn *pg, struct session *s, int export, const char *import,
		 struct ss_dump *d, struct ss_err *err)
{
	PGresult *res, *last = NULL;
	int rc = 0;
	char *sql;

	if (import)
		sql = ss_xasprintf("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n"
				   "SET TRANSACTION SNAPSHOT '%s';\n%s", import,
				   strchr(ss_pgq_setup, '\n') + 1);
	else
		sql = ss_xasprintf("%s%s", ss_pgq_setup,
				   export ? "SELECT pg_export_snapshot();\n" : "");
	if (!PQsendQuery(pg, sql)) {
		free(sql);
		ss_pg_fill_error(pg, NULL, err);
		return -1;
	}
	free(sql);
	while ((res = PQgetResult(pg))) {
		if (!status_ok(res)) {
			if (!rc)
				ss_pg_fill_error(pg, res, err);
			rc = -1;
			PQclear(res);
		} else if (PQresultStatus(res) == PGRES_TUPLES_OK && PQnfields(res) == 4) {
			PQclear(last);
			last = res;
		} else if (PQresultStatus(res) == PGRES_TUPLES_OK && PQnfields(res) == 1 &&
			   PQntuples(res) == 1) {
			free(s->snapshot);
			s->snapshot = ss_xstrdup(PQgetvalue(res, 0, 0));
			PQclear(res);
		} else {
			PQclear(res);
		}
	}
	if (!rc && (!last || PQntuples(last) != 1))
		rc = ss_err_set(err, SS_ERR_INTERNAL, "session setup returned no version row");
	if (!rc) {
		s->version = atoi(PQgetvalue(last, 0, 0));
		s->version_text = ss_xstrdup(PQgetvalue(last, 0, 1));
		s->encoding = ss_xstrdup(PQgetvalue(last, 0, 2));
		ss_dump_set_keywords(PQgetvalue(last, 0, 3));
		if (s->version < 120000)
			rc = ss_err_set(err, SS_ERR_UNSUPPORTED,
					"PostgreSQL %s is too old: ssync dump needs 12 or later",
					s->version_text);
	}
	PQclear(last);
	return rc;
}

/* --- selection -------------------------------------------------------- */

struct inv {
	const PGresult *r;
	unsigned char *sel;	/* per row */
	unsigned char *state;	/* relations: 0 unknown, 1 resolving, 2 done */
	/* (class, oid) -> row */
	unsigned long long *keys;
	int *rows;
	size_t cap;
	struct ss_dump_select *s;
	int with_tables;	/* --include-table given */
};

static unsigned long long inv_key(char k, unsigned oid)
{
	return ((unsigned long long)(unsigned char)k << 32) | oid;
}

static size_t inv_slot(const struct inv *v, unsigned long long key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (v->cap - 1);
}

/* Row of (k, oid) in the inventory, -1 if absent. */
static int inv_find(const struct inv *v, char k, unsigned oid)
{
	unsigned long long key = inv_key(k, oid);

	for (size_t h = inv_slot(v, key); v->keys[h]; h = (h + 1) & (v->cap - 1))
		if (v->keys[h] == key)
			return v->rows[h];
	return -1;
}

static int inv_rel(const struct inv *v, unsigned oid)
{
	return inv_find(v, 'c', oid);
}

/* A relation: partitions and owned sequences follow their table. */
static int rel_selected(struct inv *v, int row)
{
	const PGresult *r = v->r;
	unsigned parent;
	int prow;

	if (v->state[row] == 2)
		return v->sel[row];
	if (v->state[row] == 1)
		return 0;	/* a loop in the catalog: not expected */
	v->state[row] = 1;
	parent = (unsigned)strtoul(PQgetvalue(r, row, INV_PARENT), NULL, 10);
	prow = parent ? inv_rel(v, parent) : -1;
	if (prow >= 0)
		v->sel[row] = (unsigned char)rel_selected(v, prow);
	else
		v->sel[row] = (unsigned char)(ss_dump_select_schema(v->s, PQgetvalue(r, row, INV_NSP)) &&
					      ss_dump_select_table(v->s, PQgetvalue(r, row, INV_NSP),
								   PQgetvalue(r, row, INV_NAME)));
	v->state[row] = 2;
	return v->sel[row];
}

static void add_oid(struct sqlp_buf *b, const char *oid)
{
	sqlp_buf_addch(b, b->len ? ',' : '{');
	sqlp_buf_addstr(b, oid);
}

/*
 * Apply the patterns to the inventory: fills the oid[] texts (malloc'd)
 * of namespaces, relations, types, functions, operators and others
 * (extensions, collations).
 */
enum { SEL_NSP, SEL_REL, SEL_TYPE, SEL_PROC, SEL_OPR, SEL_OTHER, SEL_COUNT };

/* The selections each definition query takes as $1, $2 (-1: none). */
static const int query_params[SS_PGQ_COUNT][2] = {
	[SS_PGQ_INVENTORY] = { -1, -1 },
	[SS_PGQ_DEPEND] = { -1, -1 },
	[SS_PGQ_MISC] = { SEL_NSP, SEL_OTHER },
	[SS_PGQ_TYPES] = { SEL_TYPE, -1 },
	[SS_PGQ_FUNCS] = { SEL_PROC, SEL_OPR },
	[SS_PGQ_RELS] = { SEL_REL, -1 },
	[SS_PGQ_COLS] = { SEL_REL, -1 },
	[SS_PGQ_CONS] = { SEL_REL, SEL_TYPE },
	[SS_PGQ_INDEXES] = { SEL_REL, -1 },
	[SS_PGQ_TRIGGERS] = { SEL_REL, -1 },
	[SS_PGQ_CHECKS] = { SEL_REL, SEL_TYPE },
};

static void select_inventory(struct inv *v, char **arrays)
{
	const PGresult *r = v->r;
	int n = PQntuples(r);
	struct sqlp_buf b[SEL_COUNT];

	for (int k = 0; k < SEL_COUNT; k++)
		sqlp_buf_init(&b[k]);
	v->cap = 64;
	while (v->cap < (size_t)n * 2 + 2)
		v->cap *= 2;
	v->keys = ss_xcalloc(v->cap, sizeof(*v->keys));
	v->rows = ss_xcalloc(v->cap, sizeof(*v->rows));
	v->sel = ss_xcalloc((size_t)n + 1, 1);
	v->state = ss_xcalloc((size_t)n + 1, 1);
	for (int i = 0; i < n; i++) {
		unsigned oid = (unsigned)strtoul(PQgetvalue(r, i, INV_OID), NULL, 10);
		unsigned long long key = inv_key(*PQgetvalue(r, i, INV_K), oid);
		size_t h = inv_slot(v, key);

		while (v->keys[h])
			h = (h + 1) & (v->cap - 1);
		v->keys[h] = key;
		v->rows[h] = i;
	}
	for (int i = 0; i < n; i++) {
		const char *k = PQgetvalue(r, i, INV_K), *nsp = PQgetvalue(r, i, INV_NSP);

		if (*k == 'c')
			rel_selected(v, i);
		else if (*k != 'n' && *k != 'V')	/* servers: none with patterns, as pg_dump */
			v->sel[i] = (unsigned char)(!v->with_tables && ss_dump_select_schema(v->s, nsp));
	}
	/* a schema is kept when selected and, with --include-table, when it holds a kept table */
	for (int i = 0; i < n; i++) {
		const char *name = PQgetvalue(r, i, INV_NAME);

		if (*PQgetvalue(r, i, INV_K) != 'n' || !ss_dump_select_schema(v->s, name))
			continue;
		if (!v->with_tables) {
			v->sel[i] = 1;
			continue;
		}
		for (int j = 0; j < n && !v->sel[i]; j++)
			if (*PQgetvalue(r, j, INV_K) == 'c' && v->sel[j] &&
			    !strcmp(PQgetvalue(r, j, INV_NSP), name))
				v->sel[i] = 1;
	}
	for (int i = 0; i < n; i++) {
		const char *k = PQgetvalue(r, i, INV_K);
		int which = *k == 'n' ? SEL_NSP : *k == 'c' ? SEL_REL : *k == 't' ? SEL_TYPE :
			    *k == 'p' ? SEL_PROC : *k == 'O' ? SEL_OPR : SEL_OTHER;

		if (v->sel[i])
			add_oid(&b[which], PQgetvalue(r, i, INV_OID));
	}
	for (int k = 0; k < SEL_COUNT; k++) {
		if (!b[k].len)
			sqlp_buf_addch(&b[k], '{');
		sqlp_buf_addch(&b[k], '}');
		ss_buf_check(&b[k]);
		arrays[k] = sqlp_buf_detach(&b[k], NULL);
	}
}

static const char *inv_kind(const char *k, const char *sub)
{
	switch (*k) {
	case 'n': return "schema";
	case 't': return "type";
	case 'p': return "function";
	case 'O': return "operator";
	case 'l': return "collation";
	case 'e': return "extension";
	case 'V': return "server";
	}
	switch (*sub) {
	case 'v': return "view";
	case 'm': return "materialized view";
	case 'S': return "sequence";
	case 'f': return "foreign table";
	}
	return "table";
}

struct pair {
	int from, to;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->to > y->to) - (x->to < y->to);
}

/* Warn about each kept object that needs an object the patterns left out. */
static unsigned warn_excluded(struct inv *v, const PGresult *dep)
{
	const PGresult *r = v->r;
	struct pair *pairs = NULL;
	size_t np = 0, ap = 0;
	unsigned shown = 0;

	for (int i = 0; i < PQntuples(dep); i++) {
		char k = *PQgetvalue(dep, i, DEP_K), rk = *PQgetvalue(dep, i, DEP_RK);
		unsigned oid = (unsigned)strtoul(PQgetvalue(dep, i, DEP_OID), NULL, 10);
		unsigned tab = (unsigned)strtoul(PQgetvalue(dep, i, DEP_TAB), NULL, 10);
		unsigned roid = (unsigned)strtoul(PQgetvalue(dep, i, DEP_ROID), NULL, 10);
		int from = inv_find(v, k, oid), to;

		if (from < 0 && tab)
			from = inv_rel(v, tab);
		if (from < 0 || !v->sel[from])
			continue;
		to = inv_find(v, rk, roid);
		if (to < 0 || v->sel[to] || to == from)
			continue;
		pairs = ss_xgrow(pairs, np + 1, &ap, sizeof(*pairs));
		pairs[np].from = from;
		pairs[np].to = to;
		np++;
	}
	if (np)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (size_t i = 0; i < np; i++) {
		const struct pair *p = &pairs[i];

		if (i && !cmp_pair(p, &pairs[i - 1]))
			continue;
		if (shown++ < 100)
			ss_warn("%s %s%s%s depends on %s %s%s%s, which is not dumped",
				inv_kind(PQgetvalue(r, p->from, INV_K), PQgetvalue(r, p->from, INV_SUB)),
				PQgetvalue(r, p->from, INV_NSP), *PQgetvalue(r, p->from, INV_NSP) ? "." : "",
				PQgetvalue(r, p->from, INV_NAME),
				inv_kind(PQgetvalue(r, p->to, INV_K), PQgetvalue(r, p->to, INV_SUB)),
				PQgetvalue(r, p->to, INV_NSP), *PQgetvalue(r, p->to, INV_NSP) ? "." : "",
				PQgetvalue(r, p->to, INV_NAME));
	}
	if (shown > 100)
		ss_warn("... and %u more objects that depend on objects not dumped", shown - 100);
	free(pairs);
	return shown;
}

static void warn_unmatched(struct ss_patlist *l, const char *opt)
{
	for (size_t i = 0; i < l->n; i++)
		if (!l->hits[i])
			ss_warn("--%s '%s' matched nothing", opt, l->src[i]);
}

/* --- the definition round trip, on one or two connections ---------------- */

/*
 * The queries that go to the helper connection when there is one: the
 * indexes and the tables' CHECK constraints, which also carry the view
 * definitions, partition keys and bounds (split; else all constraints
 * and the relations).  pg_get_indexdef, pg_get_constraintdef of a CHECK,
 * pg_get_viewdef and the partition deparse open relations, and on a cold
 * backend building a relation's cache entry costs more than the deparse
 * itself, so every deparse that opens relations runs on the same backend
 * and pays for each relation once.  The other constraints, whose deparse
 * does not open the table, and the rest of the relations' rows go to the
 * main connection with the columns, and so do the small queries and the
 * dependencies (the helper keeps the triggers, rules and policies, whose
 * deparse opens tables).  Measured on 10,000 tables: 0.57 s and 0.60 s
 * of CPU on the two backends (0.55 s and 0.66 s with the small queries
 * on the helper); on 2,000 tables 0.25-0.29 s in all instead of 0.29-0.37.
 */
static int on_helper(enum ss_pgq q, int split)
{
	if (q == SS_PGQ_CHECKS || q == SS_PGQ_INDEXES)
		return 1;
	if (split)
		return q == SS_PGQ_TRIGGERS;
	return q == SS_PGQ_RELS || q == SS_PGQ_CONS;
}

/*
 * The order the definition queries are sent in on one connection: what
 * the builder needs first comes first (it builds the constraints' table
 * map before the types, and the tables need columns and constraints).
 */
static const enum ss_pgq send_order[] = {
	SS_PGQ_MISC, SS_PGQ_CONS, SS_PGQ_CHECKS, SS_PGQ_TYPES, SS_PGQ_FUNCS, SS_PGQ_RELS,
	SS_PGQ_COLS, SS_PGQ_INDEXES, SS_PGQ_TRIGGERS, SS_PGQ_DEPEND
};

struct batch {
	PGconn *pg;
	struct pgq qs[SS_PGQ_COUNT + 1];	/* this connection's queries, COMMIT last */
	int n;
	int progress;
	struct arrivals *a;
	struct ss_err err;
	int rc;
};

static void batch_add(struct batch *b, const struct pgq *q)
{
	b->qs[b->n] = *q;
	b->qs[b->n].res = NULL;
	b->n++;
}

static void run_one_batch(struct batch *b)
{
	b->rc = run_batch(b->pg, b->qs, b->n, b->progress, b->a, &b->err);
	/* whatever did not arrive (a broken connection) has failed */
	for (int i = 0; i < b->n; i++)
		arrive(b->a, &b->qs[i], 0);
}

static void *batch_thread(void *arg)
{
	run_one_batch(arg);
	return NULL;
}

/* A snapshot id from the server: hex digits and dashes only. */
static int snapshot_ok(const char *id)
{
	return id && *id && strspn(id, "0123456789ABCDEFabcdef-") == strlen(id);
}

/*
 * Run the definition queries qs[0..n-1] (each with its .q) on pg, or
 * split between pg and a helper connection that imported pg's snapshot,
 * each connection read by a thread of its own, and build the objects
 * from the results as they arrive.
 */
static int run_definitions(PGconn *pg, struct session *s, struct pgq *qs, int n,
			   struct ss_pg_results *res, const struct ss_pg_dump_opts *o,
			   struct ss_dump *d, struct ss_pg_dump_stats *st, struct ss_err *err)
{
	struct ss_conn *helper = NULL;
	struct arrivals a;
	struct batch *b = ss_xcalloc(2, sizeof(*b));
	pthread_t tid[2];
	int started[2] = { 0, 0 }, rc, split = 0;
	double t0;

	if (o->jobs > 1 && o->url && snapshot_ok(s->snapshot)) {
		struct ss_err e = SS_ERR_INIT;
		struct session hs = { 0, NULL, NULL, NULL };

		/* connecting and importing the snapshot: one more round trip in sequence */
		d->nroundtrips++;
		if (ss_connect(o->url, &helper, &e) ||
		    setup(ss_pg_handle(helper), &hs, 0, s->snapshot, d, &e)) {
			ss_info("second connection not used: %s", e.msg ? e.msg : "unknown error");
			ss_conn_close(helper);
			helper = NULL;
		}
		ss_err_release(&e);
		free(hs.version_text);
		free(hs.encoding);
		free(hs.snapshot);
	}
	memset(&a, 0, sizeof(a));
	pthread_mutex_init(&a.mu, NULL);
	pthread_cond_init(&a.cv, NULL);
	a.res = res;
	for (int k = 0; k < 2; k++) {
		b[k].pg = k == 0 ? pg : helper ? ss_pg_handle(helper) : NULL;
		b[k].a = &a;
		b[k].err = (struct ss_err)SS_ERR_INIT;
	}
	b[0].progress = o->progress;
	/*
	 * Queries not asked for count as there: DEPEND when the first round
	 * trip read it, CHECKS when CONS reads every constraint.
	 */
	for (int q = 0; q < SS_PGQ_COUNT; q++)
		a.state[q] = 1;
	for (int i = 0; i < n; i++) {
		a.state[qs[i].q] = 0;
		split |= qs[i].q == SS_PGQ_CHECKS;
	}
	for (size_t k = 0; k < sizeof(send_order) / sizeof(send_order[0]); k++)
		for (int i = 0; i < n; i++)
			if (qs[i].q == (int)send_order[k])
				batch_add(&b[helper && on_helper(send_order[k], split) ? 1 : 0], &qs[i]);
	for (int k = 0; k < (helper ? 2 : 1); k++) {
		b[k].qs[b[k].n].sql = "COMMIT";
		b[k].qs[b[k].n].q = -1;
		b[k].n++;
	}
	if (helper)
		d->nconnections = 2;
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
	/*
	 * libpq keeps the results (about 60 MB on 10,000 tables) in memory
	 * malloc'd by the threads that read them.  glibc gives each thread an
	 * arena of its own that grows one mprotect() at a time (15,000 calls
	 * there) and is trimmed back with madvise(); the main arena grows
	 * with padding.  Measured: about 30 ms less CPU of the dump's 330.
	 */
	mallopt(M_ARENA_MAX, 1);
#endif
	t0 = ss_now_ms();
	for (int k = 0; k < (helper ? 2 : 1); k++) {
		started[k] = pthread_create(&tid[k], NULL, batch_thread, &b[k]) == 0;
		if (!started[k])
			run_one_batch(&b[k]);
	}
	rc = ss_pg_build(d, res, o, await, &a, err);
	for (int k = 0; k < 2; k++)
		if (started[k])
			pthread_join(tid[k], NULL);
	st->ms_definitions = a.last_ms - t0;
	st->ms_build = ss_now_ms() - a.last_ms;
	if (b[0].rc || b[1].rc) {
		/* a failed query: its error is the one to report */
		ss_err_release(err);
		ss_err_move(err, b[0].rc ? &b[0].err : &b[1].err);
		rc = -1;
	} else if (rc && !ss_err_isset(err)) {
		rc = ss_err_set(err, SS_ERR_INTERNAL, "a catalog query's result went missing");
	}
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < b[k].n; i++)
			PQclear(b[k].qs[i].res);
		ss_err_release(&b[k].err);
	}
	free(b);
	pthread_mutex_destroy(&a.mu);
	pthread_cond_destroy(&a.cv);
	ss_conn_close(helper);
	return rc;
}

/* --- the read -------------------------------------------------------- */

static char *make_header(const struct session *s)
{
	return ss_xasprintf(
		"--\n"
		"-- PostgreSQL schema dumped by ssync %s (server %s)\n"
		"--\n"
		"\n"
		"SET statement_timeout = 0;\n"
		"SET lock_timeout = 0;\n"
		"SET idle_in_transaction_session_timeout = 0;\n"
		"SET client_encoding = '%s';\n"
		"SET standard_conforming_strings = on;\n"
		"SELECT pg_catalog.set_config('search_path', '', false);\n"
		"SET check_function_bodies = false;\n"
		"SET xmloption = content;\n"
		"SET client_min_messages = warning;\n"
		"SET row_security = off;\n"
		"SET default_table_access_method = heap;\n",
		PACKAGE_VERSION, s->version_text, s->encoding);
}

static int read_once(PGconn *pg, struct ss_dump *d, const struct ss_pg_dump_opts *o,
		     char **header, struct ss_pg_dump_stats *st, struct ss_err *err)
{
	struct session s = { 0, NULL, NULL, NULL };
	struct pgq qs[SS_PGQ_COUNT + 1];
	struct ss_pg_results res;
	char *arrays[SEL_COUNT] = { NULL };
	int all = !o->select || ss_dump_select_all(o->select);
	/*
	 * With two connections and no patterns, the tables' CHECK constraints
	 * are a query of their own (see on_helper): 10 queries in all.  With
	 * patterns the first round trip already takes two, so the constraints
	 * stay one query.
	 */
	int split = all && o->jobs > 1 && o->url;
	int rc = -1, nq = 0;
	double t0 = ss_now_ms(), t1;
	PGresult *dep = NULL, *inv_res = NULL;

	memset(qs, 0, sizeof(qs));
	memset(&res, 0, sizeof(res));
	ss_progress("ssync dump: reading the catalog");
	d->nroundtrips++;
	if (setup(pg, &s, o->jobs > 1 && o->url, NULL, d, err))
		goto out;
	t1 = ss_now_ms();
	st->ms_setup = t1 - t0;
	d->engine_version = ss_xstrdup(s.version_text);
	if (!all) {
		struct inv v;

		qs[0].sql = ss_pgq_build(SS_PGQ_INVENTORY, s.version, 0);
		qs[1].sql = ss_pgq_build(SS_PGQ_DEPEND, s.version, 0);
		d->nqueries += 2;
		d->nroundtrips++;
		if (run_batch(pg, qs, 2, o->progress, NULL, err))
			goto out;
		inv_res = qs[0].res;
		dep = qs[1].res;
		qs[0].res = qs[1].res = NULL;
		free(qs[0].sql);
		free(qs[1].sql);
		memset(qs, 0, sizeof(qs));
		memset(&v, 0, sizeof(v));
		v.r = inv_res;
		v.s = o->select;
		v.with_tables = o->select->include_table.n > 0;
		select_inventory(&v, arrays);
		st->nwarnings = warn_excluded(&v, dep);
		warn_unmatched(&o->select->include_schema, "include-schema");
		warn_unmatched(&o->select->include_table, "include-table");
		free(v.sel);
		free(v.state);
		free(v.keys);
		free(v.rows);
		st->ms_inventory = ss_now_ms() - t1;
		t1 = ss_now_ms();
	}
	ss_progress("ssync dump: reading definitions");
	/* the definition queries: DEPEND too unless the first round trip read it */
	if (!all)
		res.r[SS_PGQ_DEPEND] = dep;
	dep = NULL;
	for (int q = SS_PGQ_DEPEND; q < SS_PGQ_COUNT; q++) {
		if (res.r[q] || (q == SS_PGQ_CHECKS && !split))
			continue;
		qs[nq].sql = ss_pgq_build(q == SS_PGQ_DEPEND ? SS_PGQ_DEPEND_RAW : (enum ss_pgq)q,
					  s.version, split);
		qs[nq].q = q;
		for (int k = 0; k < 2 && query_params[q][k] >= 0; k++)
			qs[nq].params[qs[nq].nparams++] = arrays[query_params[q][k]];
		nq++;
	}
	d->nqueries += (unsigned)nq;
	d->nroundtrips++;
	if (run_definitions(pg, &s, qs, nq, &res, o, d, st, err))
		goto out;
	st->nobjects = (unsigned)d->n;
	*header = make_header(&s);
	rc = 0;
out:
	for (int q = 0; q < SS_PGQ_COUNT; q++)
		PQclear(res.r[q]);
	clear_batch(qs, nq);
	for (int i = 0; i < SS_PGQ_COUNT + 1; i++)
		free(qs[i].sql);
	for (int k = 0; k < SEL_COUNT; k++)
		free(arrays[k]);
	PQclear(dep);
	PQclear(inv_res);
	free(s.version_text);
	free(s.encoding);
	free(s.snapshot);
	return rc;
}

int ss_pg_dump_read(struct ss_conn *conn, struct ss_dump *d, const struct ss_pg_dump_opts *o,
		    char **header, struct ss_pg_dump_stats *st, struct ss_err *err)
{
	PGconn *pg;

	memset(st, 0, sizeof(*st));
	if (strcmp(conn->driver->name, "postgres"))
		return ss_err_set(err, SS_ERR_UNSUPPORTED,
				  "ssync dump reads PostgreSQL only; this is a %s database",
				  conn->driver->title);
	pg = ss_pg_handle(conn);
	for (int attempt = 0;; attempt++) {
		struct ss_err e = SS_ERR_INIT;
		PGresult *r;

		if (!read_once(pg, d, o, header, st, &e))
			return 0;
		/* the transaction is over or aborted: end it before anything else */
		r = PQexec(pg, "ROLLBACK");
		PQclear(r);
		if (attempt == 0 && !strcmp(e.sqlstate, "XX000")) {
			ss_warn("the catalog changed during the dump (%s); reading it again", e.msg);
			ss_err_release(&e);
			ss_dump_release(d);
			ss_dump_init(d);
			continue;
		}
		ss_err_move(err, &e);
		return -1;
	}
}
