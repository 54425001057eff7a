/*
 * diff.c - the DDL that turns one dumped schema into another (see diff.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump/diff.h"
#include "dump/dump.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* An object as written: its text, and its match on the other side. */
struct entry {
	const struct ss_dobj *o;
	char *key;
	char *text;
	const struct entry *other;
};

struct side {
	struct entry *v;
	size_t n, alloc;
	struct entry **sorted;	/* by key */
};

struct collect {
	struct ss_dump_sink base;
	struct side *s;
};

static int collect_object(struct ss_dump_sink *sink, const struct ss_dobj *o, const char *text,
			  struct ss_err *err)
{
	struct side *s = ((struct collect *)sink)->s;
	struct entry *e;

	(void)err;
	s->v = ss_xgrow(s->v, s->n + 1, &s->alloc, sizeof(*s->v));
	e = &s->v[s->n++];
	e->o = o;
	e->key = ss_xasprintf("%d\x1f%s\x1f%s\x1f%s", (int)o->kind, o->schema ? o->schema : "",
			      o->name, o->sub ? o->sub : "");
	e->text = ss_xstrdup(text);
	e->other = NULL;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
	int c = strcmp(x->key, y->key);

	/* objects of the same key (two settings of one index): in load order */
	return c ? c : (x > y) - (x < y);
}

static int read_side(const struct ss_dump *d, struct side *s, struct ss_err *err)
{
	struct collect c = { { NULL, collect_object, NULL }, s };

	memset(s, 0, sizeof(*s));
	if (ss_dump_feed(d, (1u << SS_SEC_PRE) | (1u << SS_SEC_POST), &c.base, 0, err))
		return -1;
	s->sorted = ss_xmalloc((s->n ? s->n : 1) * sizeof(*s->sorted));
	for (size_t i = 0; i < s->n; i++)
		s->sorted[i] = &s->v[i];
	qsort(s->sorted, s->n, sizeof(*s->sorted), cmp_entry);
	return 0;
}

/* Pair the objects of the same key, the k-th of a side with the k-th of the other. */
static void match(struct side *a, struct side *b)
{
	size_t i = 0, k = 0;

	while (i < a->n && k < b->n) {
		int c = strcmp(a->sorted[i]->key, b->sorted[k]->key);

		if (c < 0) {
			i++;
		} else if (c > 0) {
			k++;
		} else {
			a->sorted[i]->other = b->sorted[k];
			b->sorted[k]->other = a->sorted[i];
			i++;
			k++;
		}
	}
}

static void release_side(struct side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].text);
	}
	free(s->v);
	free(s->sorted);
}

/* --- writing ----------------------------------------------------------- */

struct out {
	FILE *f;
	struct sqlp_buf b;
	struct ss_diff_stats *st;
	const char *header;
	int started;
};

static void emit(struct out *w, const char *s)
{
	if (!w->started) {
		/* the session the dumper's texts assume (qualified names) */
		fputs(w->header, w->f);
		w->started = 1;
	}
	fputs(s, w->f);
}

static void title(struct out *w, const struct ss_dobj *o, const char *what)
{
	sqlp_buf_reset(&w->b);
	ss_dump_title(&w->b, o);
	/* "\n-- TAG: label\n" -> "\n-- TAG: label (what)\n" */
	sqlp_buf_truncate(&w->b, w->b.len - 1);
	sqlp_buf_addf(&w->b, " (%s)\n", what);
	ss_buf_check(&w->b);
	emit(w, w->b.data);
}

static void by_hand(struct out *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void by_hand(struct out *w, const char *fmt, ...)
{
	va_list ap;

	sqlp_buf_reset(&w->b);
	sqlp_buf_addstr(&w->b, "-- by hand: ");
	va_start(ap, fmt);
	sqlp_buf_vaddf(&w->b, fmt, ap);
	va_end(ap);
	sqlp_buf_addch(&w->b, '\n');
	ss_buf_check(&w->b);
	emit(w, w->b.data);
	w->st->by_hand++;
}

static void qname(struct sqlp_buf *b, const char *schema, const char *name)
{
	if (schema) {
		ss_quote_ident(b, schema);
		sqlp_buf_addch(b, '.');
	}
	ss_quote_ident(b, name);
}

/* A trigger object that only sets the state of a partition's copy of a trigger. */
static int trigger_state(const struct ss_dobj *o, const char *text)
{
	return o->kind == SS_DK_TRIGGER && !strncmp(text, "ALTER ", 6) && o->sub && *o->sub;
}

/*
 * The statement that drops o, or 0 when there is none that is safe to
 * write (then the caller says so).
 */
static int drop_statement(struct sqlp_buf *b, const struct ss_dump *d, const struct ss_dobj *o,
			  const char *text)
{
	const char *what = NULL;

	if (trigger_state(o, text)) {
		/* a partition's copy of its parent's trigger, enabled otherwise:
		 * back to the default (the copy itself goes with the parent's) */
		sqlp_buf_addstr(b, "ALTER TABLE ");
		qname(b, o->schema, o->sub);
		sqlp_buf_addstr(b, " ENABLE TRIGGER ");
		ss_quote_ident(b, o->name);
		sqlp_buf_addstr(b, ";\n");
		return 1;
	}

	switch (o->kind) {
	case SS_DK_SCHEMA: what = "SCHEMA"; break;
	case SS_DK_EXTENSION: what = "EXTENSION"; break;
	case SS_DK_COLLATION: what = "COLLATION"; break;
	case SS_DK_TS_DICT: what = "TEXT SEARCH DICTIONARY"; break;
	case SS_DK_TS_CONFIG: what = "TEXT SEARCH CONFIGURATION"; break;
	case SS_DK_FDW: what = "FOREIGN DATA WRAPPER"; break;
	case SS_DK_SERVER: what = "SERVER"; break;
	case SS_DK_TYPE: what = o->subkind == 'd' ? "DOMAIN" : "TYPE"; break;
	case SS_DK_SEQUENCE: what = "SEQUENCE"; break;
	case SS_DK_TABLE: what = o->subkind == 'f' ? "FOREIGN TABLE" : "TABLE"; break;
	case SS_DK_VIEW: what = "VIEW"; break;
	case SS_DK_MATVIEW: what = "MATERIALIZED VIEW"; break;
	case SS_DK_INDEX: what = "INDEX"; break;
	case SS_DK_STATISTICS: what = "STATISTICS"; break;
	case SS_DK_PUBLICATION: what = "PUBLICATION"; break;
	case SS_DK_EVENT_TRIGGER: what = "EVENT TRIGGER"; break;
	case SS_DK_OPERATOR:
		/* an operator's name is no identifier: never quoted; sub is "left, right" */
		sqlp_buf_addstr(b, "DROP OPERATOR ");
		ss_quote_ident(b, o->schema);
		sqlp_buf_addf(b, ".%s (%s);\n", o->name, o->sub ? o->sub : "");
		return 1;
	case SS_DK_FUNCTION:
	case SS_DK_AGGREGATE:
		sqlp_buf_addstr(b, o->kind == SS_DK_AGGREGATE ? "DROP AGGREGATE "
				   : o->subkind == 'p'        ? "DROP PROCEDURE "
							      : "DROP FUNCTION ");
		qname(b, o->schema, o->name);
		sqlp_buf_addf(b, "(%s);\n", o->sub ? o->sub : "");
		return 1;
	case SS_DK_PKEY:
	case SS_DK_FKEY:
	case SS_DK_CONSTRAINT:
	case SS_DK_CHECK: {
		const struct ss_dobj *p = o->parent >= 0 ? &d->objs[o->parent] : NULL;

		if (!o->sub || !*o->sub)
			return 0;
		sqlp_buf_addstr(b, p && p->kind == SS_DK_TYPE ? "ALTER DOMAIN " : "ALTER TABLE ");
		qname(b, o->schema, o->sub);
		sqlp_buf_addstr(b, " DROP CONSTRAINT ");
		ss_quote_ident(b, o->name);
		sqlp_buf_addstr(b, ";\n");
		return 1;
	}
	case SS_DK_TRIGGER:
	case SS_DK_RULE:
	case SS_DK_POLICY:
		if (!o->sub || !*o->sub)
			return 0;
		sqlp_buf_addstr(b, o->kind == SS_DK_TRIGGER ? "DROP TRIGGER "
				   : o->kind == SS_DK_RULE  ? "DROP RULE "
							    : "DROP POLICY ");
		ss_quote_ident(b, o->name);
		sqlp_buf_addstr(b, " ON ");
		qname(b, o->schema, o->sub);
		sqlp_buf_addstr(b, ";\n");
		return 1;
	case SS_DK_SEQ_OWNED:
		sqlp_buf_addstr(b, "ALTER SEQUENCE ");
		qname(b, o->schema, o->name);
		sqlp_buf_addstr(b, " OWNED BY NONE;\n");
		return 1;
	default:
		return 0;
	}
	/* a sequence owned by a column went with its table, dropped before it */
	sqlp_buf_addf(b, "DROP %s %s", what, o->kind == SS_DK_SEQUENCE ? "IF EXISTS " : "");
	if (o->kind == SS_DK_SCHEMA || o->kind == SS_DK_EXTENSION || o->kind == SS_DK_FDW ||
	    o->kind == SS_DK_SERVER || o->kind == SS_DK_PUBLICATION ||
	    o->kind == SS_DK_EVENT_TRIGGER)
		ss_quote_ident(b, o->name);
	else
		qname(b, o->schema, o->name);
	sqlp_buf_addstr(b, ";\n");
	return 1;
}

static void drop(struct out *w, const struct ss_dump *d, const struct entry *e, const char *why)
{
	const struct ss_dobj *o = e->o;

	title(w, o, why);
	sqlp_buf_reset(&w->b);
	if (drop_statement(&w->b, d, o, e->text)) {
		ss_buf_check(&w->b);
		emit(w, w->b.data);
	} else {
		by_hand(w, "drop %s %s%s%s", ss_dkind_tag(o->kind), o->schema ? o->schema : "",
			o->schema ? "." : "", o->label);
	}
}

/* --- statements of a text ------------------------------------------------ */

struct stmts {
	char **v;		/* each statement with its terminator, trimmed */
	size_t n, alloc;
};

static int add_stmt(void *ctx, const struct sqlp_item *it)
{
	struct stmts *s = ctx;

	if (it->cls == SQLP_C_PSQL_META)
		return 0;
	s->v = ss_xgrow(s->v, s->n + 1, &s->alloc, sizeof(*s->v));
	s->v[s->n++] = ss_xasprintf("%.*s%.*s", (int)it->len, it->text, (int)it->term_len, it->term);
	return 0;
}

static void split_text(const char *text, struct stmts *s)
{
	struct sqlp_options o = { SQLP_POSTGRES, 0, 0 };

	memset(s, 0, sizeof(*s));
	/* the dumper's own output: it splits */
	(void)sqlp_split(text, strlen(text), &o, add_stmt, s, NULL);
}

static void release_stmts(struct stmts *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static int has_stmt(const struct stmts *s, size_t from, const char *t)
{
	for (size_t i = from; i < s->n; i++)
		if (!strcmp(s->v[i], t))
			return 1;
	return 0;
}

/* Where word (" IS ") is in t outside quotes, the first or the last time, or NULL. */
static const char *unquoted(const char *t, const char *word, int last)
{
	const char *found = NULL;
	size_t n = strlen(word);
	char q = 0;

	for (const char *p = t; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (!strncmp(p, word, n)) {
			found = p;
			if (!last)
				break;
		}
	}
	return found;
}

/* Where " IS " is in a COMMENT ON statement, or NULL. */
static const char *comment_is(const char *t)
{
	return unquoted(t, " IS ", 0);
}

/*
 * The statements that come with an object after its first (comments,
 * owner, column settings): the new ones run; a comment that went is set
 * to NULL; anything else that went is left to a hand.
 */
static void follow_statements(struct out *w, const struct stmts *from, const struct stmts *to)
{
	for (size_t i = 1; i < to->n; i++)
		if (!has_stmt(from, 1, to->v[i])) {
			emit(w, to->v[i]);
			emit(w, "\n");
		}
	for (size_t i = 1; i < from->n; i++) {
		const char *t = from->v[i], *is = NULL, *owner = NULL;
		size_t key;
		int replaced = 0;

		if (has_stmt(to, 1, t))
			continue;
		/* a comment or owner the new text sets anew needs no undoing */
		if (!strncmp(t, "COMMENT ON ", 11) && (is = comment_is(t)))
			key = (size_t)(is - t) + 4;
		else if (!strncmp(t, "ALTER ", 6) && (owner = strstr(t, " OWNER TO ")))
			key = (size_t)(owner - t) + 10;
		else
			key = 0;
		for (size_t k = 1; key && k < to->n && !replaced; k++)
			replaced = !strncmp(to->v[k], t, key);
		if (replaced || owner)
			continue;	/* an owner no longer set: the object keeps its own */
		if (is) {
			sqlp_buf_reset(&w->b);
			sqlp_buf_addf(&w->b, "%.*s IS NULL;\n", (int)(is - t), t);
			ss_buf_check(&w->b);
			emit(w, w->b.data);
			continue;
		}
		by_hand(w, "undo: %s", t);
	}
}

/* --- tables -------------------------------------------------------------- */

struct elem {
	char *name;		/* as written (quoted if needed) */
	char *text;
	int column;
};

struct elems {
	struct elem *v;
	size_t n, alloc;
	char *shell;		/* the statement with its element list taken out */
};

struct elems_ctx {
	struct elems *e;
	const char *text;
	size_t open, close;	/* the element list's first and last byte */
};

static int add_elem(void *ctx, const struct sqlp_elem *el)
{
	struct elems_ctx *c = ctx;
	struct elem *e;

	if (el->kind == SQLP_E_AUTO_INCREMENT)
		return 0;
	if (!c->open || el->off < c->open)
		c->open = el->off;
	if (el->off + el->len > c->close)
		c->close = el->off + el->len;
	c->e->v = ss_xgrow(c->e->v, c->e->n + 1, &c->e->alloc, sizeof(*c->e->v));
	e = &c->e->v[c->e->n++];
	e->name = ss_xstrndup(c->text + el->name_off, el->name_len);
	e->text = ss_xstrndup(c->text + el->off, el->len);
	e->column = el->kind == SQLP_E_COLUMN;
	return 0;
}

static int read_elems(const char *stmt, struct elems *e)
{
	struct elems_ctx c = { e, stmt, 0, 0 };

	memset(e, 0, sizeof(*e));
	if (sqlp_table_elements(SQLP_POSTGRES, stmt, strlen(stmt), add_elem, &c))
		return -1;
	e->shell = c.close > c.open ? ss_xasprintf("%.*s%s", (int)c.open, stmt, stmt + c.close)
				    : ss_xstrdup(stmt);
	return 0;
}

static void release_elems(struct elems *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].name);
		free(e->v[i].text);
	}
	free(e->v);
	free(e->shell);
}

static const struct elem *find_elem(const struct elems *e, const char *name, int column)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].column == column && *name && !strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

/* A column as the dumper writes it: name type [COMPRESSION c] [COLLATE c] [DEFAULT e | GENERATED ...] [NOT NULL]. */
struct coldef {
	char *type;		/* type and collation */
	char *compression;	/* NULL if none */
	char *dflt;		/* NULL if none */
	char *generated;	/* NULL if none */
	int notnull;
};

static const char *find_kw(const char *p, const char *end, const char *kw)
{
	size_t n = strlen(kw);

	for (; p + n <= end; p++)
		if (!strncmp(p, kw, n))
			return p;
	return NULL;
}

static void parse_column(const struct elem *e, struct coldef *c)
{
	const char *p = e->text + strlen(e->name), *end = e->text + strlen(e->text);
	const char *comp, *coll, *dflt, *gen, *type_end;

	memset(c, 0, sizeof(*c));
	while (*p == ' ')
		p++;
	if (end - p >= 9 && !strcmp(end - 9, " NOT NULL")) {
		c->notnull = 1;
		end -= 9;
	}
	dflt = find_kw(p, end, " DEFAULT ");
	gen = find_kw(p, end, " GENERATED ALWAYS AS ");
	comp = find_kw(p, dflt ? dflt : gen ? gen : end, " COMPRESSION ");
	coll = find_kw(p, dflt ? dflt : gen ? gen : end, " COLLATE ");
	type_end = comp ? comp : coll ? coll : dflt ? dflt : gen ? gen : end;
	if (dflt)
		c->dflt = ss_xstrndup(dflt + 9, (size_t)(end - dflt - 9));
	if (gen)
		c->generated = ss_xstrndup(gen + 1, (size_t)(end - gen - 1));
	if (comp) {
		const char *ce = coll ? coll : dflt ? dflt : gen ? gen : end;

		c->compression = ss_xstrndup(comp + 13, (size_t)(ce - comp - 13));
	}
	if (coll) {
		const char *ce = dflt ? dflt : gen ? gen : end;

		c->type = ss_xasprintf("%.*s%.*s", (int)(type_end - p), p, (int)(ce - coll), coll);
	} else {
		c->type = ss_xstrndup(p, (size_t)(type_end - p));
	}
}

static void release_column(struct coldef *c)
{
	free(c->type);
	free(c->compression);
	free(c->dflt);
	free(c->generated);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void alter_column(struct out *w, const char *table, const struct elem *from,
			 const struct elem *to)
{
	struct coldef a, b;
	const char *c = to->name;

	parse_column(from, &a);
	parse_column(to, &b);
	if (!same_str(a.generated, b.generated)) {
		by_hand(w, "column %s of %s: %s -> %s", c, table, from->text, to->text);
		goto out;
	}
	sqlp_buf_reset(&w->b);
	if (strcmp(a.type, b.type))
		sqlp_buf_addf(&w->b, "ALTER TABLE %s ALTER COLUMN %s TYPE %s;\n", table, c, b.type);
	if (!same_str(a.compression, b.compression))
		sqlp_buf_addf(&w->b, "ALTER TABLE %s ALTER COLUMN %s SET COMPRESSION %s;\n", table, c,
			      b.compression ? b.compression : "default");
	if (!same_str(a.dflt, b.dflt)) {
		if (b.dflt)
			sqlp_buf_addf(&w->b, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;\n", table,
				      c, b.dflt);
		else
			sqlp_buf_addf(&w->b, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n", table, c);
	}
	if (a.notnull != b.notnull)
		sqlp_buf_addf(&w->b, "ALTER TABLE %s ALTER COLUMN %s %s NOT NULL;\n", table, c,
			      b.notnull ? "SET" : "DROP");
	ss_buf_check(&w->b);
	emit(w, w->b.data);
out:
	release_column(&a);
	release_column(&b);
}

static void alter_table(struct out *w, const struct entry *from, const struct entry *to)
{
	struct stmts fs, ts;
	struct elems fe, te;
	struct sqlp_buf q = SQLP_BUF_INIT;
	const struct ss_dobj *o = to->o;

	split_text(from->text, &fs);
	split_text(to->text, &ts);
	qname(&q, o->schema, o->name);
	ss_buf_check(&q);
	title(w, o, "changed");
	if (!fs.n || !ts.n || read_elems(fs.v[0], &fe)) {
		by_hand(w, "table %s: %s", q.data, ts.n ? ts.v[0] : "");
		goto out_stmts;
	}
	if (read_elems(ts.v[0], &te)) {
		release_elems(&fe);
		by_hand(w, "table %s: %s", q.data, ts.v[0]);
		goto out_stmts;
	}
	if (strcmp(fe.shell, te.shell))
		by_hand(w, "table %s, outside its columns: %s -> %s", q.data, fe.shell, te.shell);
	/* constraints that went or changed go first: a column may need them gone */
	for (size_t i = 0; i < fe.n; i++) {
		const struct elem *e = &fe.v[i], *t = find_elem(&te, e->name, e->column);

		if (e->column || (t && !strcmp(t->text, e->text)))
			continue;
		if (!*e->name) {
			by_hand(w, "table %s: unnamed %s", q.data, e->text);
			continue;
		}
		sqlp_buf_reset(&w->b);
		sqlp_buf_addf(&w->b, "ALTER TABLE %s DROP CONSTRAINT %s;\n", q.data, e->name);
		ss_buf_check(&w->b);
		emit(w, w->b.data);
	}
	for (size_t i = 0; i < fe.n; i++) {
		const struct elem *e = &fe.v[i];

		if (e->column && !find_elem(&te, e->name, 1)) {
			sqlp_buf_reset(&w->b);
			sqlp_buf_addf(&w->b, "ALTER TABLE %s DROP COLUMN %s;\n", q.data, e->name);
			ss_buf_check(&w->b);
			emit(w, w->b.data);
		}
	}
	for (size_t i = 0; i < te.n; i++) {
		const struct elem *e = &te.v[i], *f = find_elem(&fe, e->name, e->column);

		if (f && !strcmp(f->text, e->text))
			continue;
		if (e->column && f) {
			alter_column(w, q.data, f, e);
			continue;
		}
		if (!e->column && !*e->name) {
			by_hand(w, "table %s: unnamed %s", q.data, e->text);
			continue;
		}
		sqlp_buf_reset(&w->b);
		sqlp_buf_addf(&w->b, "ALTER TABLE %s ADD %s%s;\n", q.data, e->column ? "COLUMN " : "",
			      e->text);
		ss_buf_check(&w->b);
		emit(w, w->b.data);
	}
	follow_statements(w, &fs, &ts);
	release_elems(&fe);
	release_elems(&te);
out_stmts:
	release_stmts(&fs);
	release_stmts(&ts);
	sqlp_buf_release(&q);
}

/* --- enum types ------------------------------------------------------------ */

struct labels {
	char **v;		/* each label as its literal, quotes included */
	size_t n, alloc;
};

/* The labels of "CREATE TYPE x AS ENUM ('a', 'b');"; -1 if it is no enum. */
static int enum_labels(const char *stmt, struct labels *l)
{
	const char *p = strstr(stmt, " AS ENUM (");

	memset(l, 0, sizeof(*l));
	if (!p || strncmp(stmt, "CREATE TYPE ", 12))
		return -1;
	for (p += 10; *p;) {
		const char *q;

		while (*p == ' ' || *p == '\n' || *p == ',')
			p++;
		if (*p == ')')
			return 0;
		if (*p != '\'')
			return -1;
		for (q = p + 1; *q && !(*q == '\'' && q[1] != '\''); q += *q == '\'' ? 2 : 1)
			;
		if (!*q)
			return -1;
		l->v = ss_xgrow(l->v, l->n + 1, &l->alloc, sizeof(*l->v));
		l->v[l->n++] = ss_xstrndup(p, (size_t)(q + 1 - p));
		p = q + 1;
	}
	return -1;
}

static void release_labels(struct labels *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/*
 * An enum that only gained labels (the old ones still there, in the same
 * order): ALTER TYPE ... ADD VALUE for each new one.  0 if it changed
 * otherwise.
 */
static int enum_added(struct out *w, const struct ss_dobj *o, const char *from, const char *to)
{
	struct labels a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	size_t i = 0, k;
	int ok = 0;

	if (enum_labels(from, &a) || enum_labels(to, &b))
		goto out;
	/* the old labels must appear in the new list in order */
	for (k = 0; k < b.n && i < a.n; k++)
		if (!strcmp(a.v[i], b.v[k]))
			i++;
	if (i < a.n)
		goto out;
	sqlp_buf_reset(&w->b);
	for (i = 0, k = 0; k < b.n; k++) {
		if (i < a.n && !strcmp(a.v[i], b.v[k])) {
			i++;
			continue;
		}
		sqlp_buf_addstr(&w->b, "ALTER TYPE ");
		qname(&w->b, o->schema, o->name);
		sqlp_buf_addf(&w->b, " ADD VALUE %s", b.v[k]);
		if (k > 0)
			sqlp_buf_addf(&w->b, " AFTER %s;\n", b.v[k - 1]);
		else if (b.n > 1)
			sqlp_buf_addf(&w->b, " BEFORE %s;\n", b.v[1]);
		else
			sqlp_buf_addstr(&w->b, ";\n");
	}
	ss_buf_check(&w->b);
	emit(w, w->b.data);
	ok = 1;
out:
	release_labels(&a);
	release_labels(&b);
	return ok;
}

/* --- grants ------------------------------------------------------------------ */

/*
 * The REVOKE that takes back "[ALTER DEFAULT PRIVILEGES ...] GRANT privs
 * ON x TO role [WITH GRANT OPTION];" into b; 0 if t is no such grant.
 */
static int revoke_of(struct sqlp_buf *b, const char *t)
{
	const char *grant = !strncmp(t, "GRANT ", 6) ? t : NULL, *to, *end;
	int option;

	if (!grant && !strncmp(t, "ALTER DEFAULT PRIVILEGES ", 25))
		grant = strstr(t, " GRANT ") ? strstr(t, " GRANT ") + 1 : NULL;
	if (!grant || !(to = unquoted(grant, " TO ", 1)))
		return 0;
	end = to + strlen(to);
	while (end > to && (end[-1] == ';' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	option = end - to >= 18 && !strncmp(end - 18, " WITH GRANT OPTION", 18);
	if (option)
		end -= 18;
	/* what the role granted on goes too (CASCADE), as REVOKE asks */
	sqlp_buf_addf(b, "%.*sREVOKE %.*s FROM %.*s%s;\n", (int)(grant - t), t,
		      (int)(to - grant - 6), grant + 6, (int)(end - to - 4), to + 4,
		      option ? " CASCADE" : "");
	return 1;
}

/*
 * The grants of an object, as the old and the new text have them (either
 * may be empty): the old GRANTs that are not in the new text are revoked,
 * the new statements run; an old REVOKE that is gone is left to a hand.
 */
static void change_grants(struct out *w, const char *from, const char *to)
{
	struct stmts fs, ts;

	split_text(from, &fs);
	split_text(to, &ts);
	for (size_t i = 0; i < fs.n; i++) {
		if (has_stmt(&ts, 0, fs.v[i]))
			continue;
		sqlp_buf_reset(&w->b);
		if (revoke_of(&w->b, fs.v[i])) {
			ss_buf_check(&w->b);
			emit(w, w->b.data);
		} else {
			by_hand(w, "undo: %s", fs.v[i]);
		}
	}
	for (size_t i = 0; i < ts.n; i++)
		if (!has_stmt(&fs, 0, ts.v[i])) {
			emit(w, ts.v[i]);
			emit(w, "\n");
		}
	release_stmts(&fs);
	release_stmts(&ts);
}

/* --- the script ---------------------------------------------------------- */

/* Is a changed object of this kind dropped and made again? */
static int remade(const struct entry *e)
{
	const struct ss_dobj *o = e->o;

	if (trigger_state(o, e->text))
		return 0;	/* a new state is set in place */
	switch (o->kind) {
	case SS_DK_INDEX:
	case SS_DK_PKEY:
	case SS_DK_FKEY:
	case SS_DK_CONSTRAINT:
	case SS_DK_CHECK:
	case SS_DK_TRIGGER:
	case SS_DK_RULE:
	case SS_DK_POLICY:
	case SS_DK_STATISTICS:
	case SS_DK_MATVIEW:
	case SS_DK_AGGREGATE:
	case SS_DK_EVENT_TRIGGER:
		return 1;
	default:
		return 0;
	}
}

/* The first statement's CREATE made into what replaces an object in place. */
static void replaced(struct out *w, const struct entry *from, const struct entry *to,
		     const char *create, const char *instead)
{
	struct stmts fs, ts;
	size_t n = strlen(create);

	split_text(from->text, &fs);
	split_text(to->text, &ts);
	if (ts.n && !strncmp(ts.v[0], create, n)) {
		if (!fs.n || strcmp(fs.v[0], ts.v[0])) {
			emit(w, instead);
			emit(w, ts.v[0] + n);
			emit(w, "\n");
		}
		follow_statements(w, &fs, &ts);
	} else {
		by_hand(w, "replace with: %s", to->text);
	}
	release_stmts(&fs);
	release_stmts(&ts);
}

/*
 * The same first statement (the definition), other statements around it
 * (owner, comment): those are run.  0 if the definition differs.
 */
static int same_definition(struct out *w, const struct entry *from, const struct entry *to)
{
	struct stmts fs, ts;
	int same;

	split_text(from->text, &fs);
	split_text(to->text, &ts);
	same = fs.n && ts.n && !strcmp(fs.v[0], ts.v[0]);
	if (same)
		follow_statements(w, &fs, &ts);
	release_stmts(&fs);
	release_stmts(&ts);
	return same;
}

static void change(struct out *w, const struct entry *from, const struct entry *to)
{
	const struct ss_dobj *o = to->o;

	switch (o->kind) {
	case SS_DK_TABLE:
		if (o->subkind == 'r' || o->subkind == 'p') {
			alter_table(w, from, to);
			return;
		}
		break;
	case SS_DK_FUNCTION:
		title(w, o, "changed");
		replaced(w, from, to, "CREATE OR REPLACE ", "CREATE OR REPLACE ");
		return;
	case SS_DK_ACL:
		title(w, o, "changed");
		change_grants(w, from->text, to->text);
		return;
	case SS_DK_VIEW:
		title(w, o, "changed");
		replaced(w, from, to, "CREATE VIEW ", "CREATE OR REPLACE VIEW ");
		return;
	case SS_DK_SEQUENCE:
		title(w, o, "changed");
		replaced(w, from, to, "CREATE SEQUENCE ", "ALTER SEQUENCE ");
		return;
	case SS_DK_TYPE: {
		struct stmts fs, ts;
		int done;

		split_text(from->text, &fs);
		split_text(to->text, &ts);
		title(w, o, "changed");
		done = fs.n && ts.n && enum_added(w, o, fs.v[0], ts.v[0]);
		if (done)
			follow_statements(w, &fs, &ts);
		release_stmts(&fs);
		release_stmts(&ts);
		if (done)
			return;
		break;
	}
	default:
		if (remade(to) || trigger_state(o, to->text)) {
			title(w, o, "changed");
			emit(w, to->text);
			return;
		}
		break;
	}
	if (o->kind != SS_DK_TYPE)
		title(w, o, "changed");
	if (same_definition(w, from, to))
		return;
	by_hand(w, "%s %s%s%s differs; it is now:", ss_dkind_tag(o->kind),
		o->schema ? o->schema : "", o->schema ? "." : "", o->label);
	sqlp_buf_reset(&w->b);
	for (const char *p = to->text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		sqlp_buf_addf(&w->b, "--   %.*s\n", (int)n, p);
		p += n + (nl != NULL);
	}
	ss_buf_check(&w->b);
	emit(w, w->b.data);
}

/* The entry of the object at index obj of side s, or NULL. */
static const struct entry *entry_of(const struct side *s, const struct ss_dump *d, int obj)
{
	for (size_t i = 0; obj >= 0 && i < s->n; i++)
		if (s->v[i].o == &d->objs[obj])
			return &s->v[i];
	return NULL;
}

/*
 * A view's real definition (post-data, after the functions of a cycle)
 * that goes: the view is set back to its placeholder, which needs none of
 * them; the view itself is dropped later, after the functions.
 */
static void undo_view_def(struct out *w, const struct ss_dump *d, const struct side *a,
			  const struct entry *e)
{
	const struct entry *view = entry_of(a, d, e->o->parent);
	struct stmts vs;

	/* a view that stays is replaced whole where it changes */
	if (!view || view->other)
		return;
	split_text(view->text, &vs);
	title(w, e->o, "gone");
	if (vs.n && !strncmp(vs.v[0], "CREATE VIEW ", 12)) {
		emit(w, "CREATE OR REPLACE VIEW ");
		emit(w, vs.v[0] + 12);
		emit(w, "\n");
	} else {
		by_hand(w, "undo the definition of view %s", view->o->label);
	}
	release_stmts(&vs);
}

/* Is an object that o belongs to (its table, its index's table ...) dropped too? */
static int goes_with_parent(const struct ss_dump *d, const unsigned char *gone,
			    const struct ss_dobj *o)
{
	/*
	 * What may reach another table (a foreign key, a trigger's function,
	 * a rule or policy's query) is dropped on its own, before the tables:
	 * a table goes only once nothing else needs it.
	 */
	switch (o->kind) {
	case SS_DK_FKEY:
	case SS_DK_TRIGGER:
	case SS_DK_RULE:
	case SS_DK_POLICY:
	case SS_DK_VIEW:
	case SS_DK_MATVIEW:
		return 0;
	default:
		break;
	}
	/* the chain is short (a grant's object, an index's table): bounded anyway */
	for (int p = o->parent, hops = 0; p >= 0 && hops < 8; p = d->objs[p].parent, hops++)
		if (gone[p])
			return 1;
	return 0;
}

int ss_dump_diff(const struct ss_dump *from, const struct ss_dump *to, const char *header,
		 FILE *out, struct ss_diff_stats *st, struct ss_err *err)
{
	struct side a, b;
	struct out w = { out, SQLP_BUF_INIT, st, header, 0 };
	unsigned char *gone = NULL;	/* by object of from: dropped */
	int rc = -1;

	memset(st, 0, sizeof(*st));
	if (read_side(from, &a, err))
		return -1;
	if (read_side(to, &b, err)) {
		release_side(&a);
		return -1;
	}
	match(&a, &b);
	gone = ss_xcalloc(from->n ? from->n : 1, 1);
	for (size_t i = 0; i < a.n; i++)
		if (!a.v[i].other)
			gone[a.v[i].o - from->objs] = 1;
	/* drops, dependents first: the old load order backwards */
	for (size_t i = a.n; i-- > 0;) {
		const struct entry *e = &a.v[i];

		if (!e->other && e->o->kind == SS_DK_VIEW_DEF) {
			/* a view in a cycle with a function: back to its placeholder,
			 * so that the function can go before it */
			undo_view_def(&w, from, &a, e);
		} else if (!e->other) {
			/* an index, trigger, grant ... goes with its table */
			if (goes_with_parent(from, gone, e->o)) {
				/* nothing to write */
			} else if (e->o->kind == SS_DK_ACL) {
				title(&w, e->o, "gone");
				change_grants(&w, e->text, "");
			} else {
				drop(&w, from, e, "gone");
			}
			st->dropped++;
		} else if (strcmp(e->text, e->other->text) && remade(e->other)) {
			drop(&w, from, e, "to be made again");
		}
	}
	for (size_t i = 0; i < b.n; i++) {
		const struct entry *e = &b.v[i];

		if (!e->other) {
			title(&w, e->o, "new");
			emit(&w, e->text);
			st->created++;
		} else if (strcmp(e->text, e->other->text)) {
			change(&w, e->other, e);
			st->changed++;
		}
	}
	if (fflush(out) || ferror(out)) {
		ss_err_set(err, SS_ERR_IO, "cannot write the script");
		goto out;
	}
	rc = 0;
out:
	free(gone);
	sqlp_buf_release(&w.b);
	release_side(&a);
	release_side(&b);
	return rc;
}
