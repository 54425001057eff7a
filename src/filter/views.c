/*
 * views.c - a stripped view that a kept statement needs when it is
 * created is written after all.
 *
 * Views are stripped by default, but some statements cannot be created
 * without the views they name (PostgreSQL): a function or procedure with
 * an SQL-standard body (BEGIN ATOMIC ... END, RETURN expr), which the
 * server parses at creation, unlike a body given as a string while
 * check_function_bodies is off (pg_dump turns it off); a policy, whose
 * expressions are parsed; a composite type or domain of a view's row
 * type; a materialized view kept with --keep matview that reads a view.
 * pg_dump writes a view before what depends on it, so by the time the
 * dependent comes the view has gone by: its text is kept (only stripped
 * views', so memory grows with their size, not the input's), and the view
 * is written to the pre-sync part just before the dependent, after the
 * stripped views it reads itself.  The report gets a line for it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter/filter.h"
#include "filter/filter_int.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The last part of a name as written, unquoted and (PostgreSQL) folded. */
static void last_part(const char *name, size_t n, struct sqlp_buf *out)
{
	const char *p = name, *e = name + n, *start = name;
	char q = 0;

	for (; p < e; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"') {
			q = '"';
		} else if (*p == '.') {
			start = p + 1;
		}
	}
	sqlp_buf_reset(out);
	if (start < e && *start == '"') {
		for (p = start + 1; p < e; p++) {
			if (*p == '"') {
				if (p + 1 < e && p[1] == '"')
					p++;
				else
					break;
			}
			sqlp_buf_addch(out, *p);
		}
	} else {
		for (p = start; p < e; p++)
			sqlp_buf_addch(out, *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p);
	}
	ss_buf_check(out);
}

/* The quick no: a Bloom filter of the stripped views' last name parts. */
static unsigned bloom_hash(const struct sqlp_buf *b, unsigned seed)
{
	unsigned h = seed;

	for (size_t i = 0; i < b->len; i++) {
		h ^= (unsigned char)b->data[i];
		h *= 16777619u;
	}
	return h;
}

static void bloom_add(struct ss_filter *f, const struct sqlp_buf *b)
{
	unsigned h1 = bloom_hash(b, 2166136261u), h2 = bloom_hash(b, 0x9e3779b9u);

	f->view_bloom[(h1 >> 3) % sizeof(f->view_bloom)] |= (unsigned char)(1u << (h1 & 7));
	f->view_bloom[(h2 >> 3) % sizeof(f->view_bloom)] |= (unsigned char)(1u << (h2 & 7));
}

static int bloom_has(const struct ss_filter *f, const struct sqlp_buf *b)
{
	unsigned h1 = bloom_hash(b, 2166136261u), h2 = bloom_hash(b, 0x9e3779b9u);

	return (f->view_bloom[(h1 >> 3) % sizeof(f->view_bloom)] & (1u << (h1 & 7))) &&
	       (f->view_bloom[(h2 >> 3) % sizeof(f->view_bloom)] & (1u << (h2 & 7)));
}

/* The stripped view named by key (in f->key2), or NULL. */
static struct ss_view *view_at(struct ss_filter *f, struct ss_fmap_ent **ep)
{
	struct ss_fmap_ent *e = ss_fmap_get(&f->objs, f->key2.data, f->key2.len);

	if (ep)
		*ep = e;
	return e ? e->ptr : NULL;
}

static int starts_create(const struct sqlp_item *it)
{
	return it->len >= 7 && !strncasecmp(it->text, "create", 6) &&
	       (it->text[6] == ' ' || it->text[6] == '\t' || it->text[6] == '\n' ||
		it->text[6] == '\r');
}

void ss_filter_view_stripped(struct ss_filter *f, const struct sqlp_item *it,
			     const struct ss_decision *d)
{
	struct ss_fmap_ent *e;
	struct ss_view *v, *old;

	if (it->dialect != SQLP_POSTGRES || !*it->object || !starts_create(it) ||
	    ss_filter_kind_fate(&f->cfg, d->kind) != SS_FATE_STRIP)
		return;
	sqlp_buf_reset(&f->key2);
	sqlp_buf_addch(&f->key2, 'R');
	ss_filter_rel_key(f, &f->key2, it->object, NULL);
	e = ss_filter_objs_put(f, f->key2.data, f->key2.len);	/* remember() fills it in */
	old = e->ptr;
	if (old && old->kept)
		return;
	/* one block for the view and its text; the latest statement wins (CREATE OR REPLACE) */
	v = ss_xmalloc(sizeof(*v) + it->len + it->term_len + 1);
	if (old) {
		v->name = old->name;
		v->slot = old->slot;
		free(old);
	} else {
		v->name = ss_fmap_strdup(&f->objs, it->object, strlen(it->object));
		v->slot = f->nvlist;
		f->vlist = ss_xgrow(f->vlist, f->nvlist + 1, &f->avlist, sizeof(*f->vlist));
		f->nvlist++;
		last_part(it->object, strlen(it->object), &f->scratch);
		bloom_add(f, &f->scratch);
	}
	f->vlist[v->slot] = v;
	e->ptr = v;
	if (!f->input_names.n || strcmp(f->input_names.items[f->input_names.n - 1],
					f->name ? f->name : "-"))
		ss_strlist_push(&f->input_names, f->name ? f->name : "-");
	v->file = f->input_names.items[f->input_names.n - 1];
	v->line = it->line;
	v->kept = 0;
	v->kind = it->cls == SQLP_C_MATVIEW ? SQLP_C_MATVIEW : SQLP_C_VIEW;
	v->len = it->len + it->term_len;
	v->term_len = (unsigned short)it->term_len;
	memcpy(v->text, it->text, it->len);
	memcpy(v->text + it->len, it->term, it->term_len);
	v->text[v->len] = 0;
}

/* A scan of a text for the stripped views it names that are not written yet. */
struct need_ctx {
	struct ss_filter *f;
	const char *text;	/* the text scanned: at is an offset in it */
	struct ss_decision *d;	/* the dependent's, for its report; NULL for a view */
	struct ss_view *found;	/* the view named, or NULL when the scan ran to the end */
	size_t at;		/* where the scan goes on after it */
};

/* A name in the text: a stripped view not yet written?  Stops the scan at it. */
static int need_name(void *ctx, const char *name, size_t n)
{
	struct need_ctx *nc = ctx;
	struct ss_filter *f = nc->f;
	struct ss_view *v;

	last_part(name, n, &f->scratch);
	if (!bloom_has(f, &f->scratch))
		return 0;	/* the usual answer, and a cheap one */
	ss_filter_raw_rel_key(f, &f->key2, name, n);
	v = view_at(f, NULL);
	if (!v || v->kept)
		return 0;
	if (nc->d) {
		size_t rl = strlen(nc->d->reason);

		REASON(f, nc->d->reason + rl, sizeof(nc->d->reason) - rl,
		       "; needs %s %s, written to the pre-sync part before it",
		       ss_filter_kind_name(v->kind), v->name);
	}
	nc->found = v;
	nc->at = (size_t)(name + n - nc->text);
	return 1;
}

/* The next stripped view not yet written that [from, len) of text names, or NULL. */
static struct ss_view *next_needed(struct ss_filter *f, const char *text, size_t len, size_t *from,
				   struct ss_decision *d)
{
	struct need_ctx nc = { f, text, d, NULL, 0 };

	if (ss_filter_names(SQLP_POSTGRES, text, len, *from, need_name, &nc))
		*from = nc.at;
	return nc.found;
}

/* Write the stripped view v to the pre-sync part, for who: "me" names v. */
static int emit_view(struct ss_filter *f, struct ss_view *v, const char *me, const char *who,
		     struct ss_err *err)
{
	struct sqlp_item syn;
	struct ss_decision d;
	struct ss_fmap_ent *e;
	char *lead, *saved_name;
	int rc;

	lead = ss_xasprintf("%s%s-- ssync filter: %s, stripped, is written here: %s needs it%s",
			    f->em.eol, f->em.eol, me, who, f->em.eol);
	memset(&syn, 0, sizeof(syn));
	syn.dialect = SQLP_POSTGRES;
	syn.cls = (enum sqlp_class)v->kind;
	syn.objkind = v->kind == SQLP_C_MATVIEW ? SQLP_O_MATVIEW : SQLP_O_VIEW;
	syn.object = v->name;
	syn.table = "";
	syn.lead = lead;
	syn.lead_len = strlen(lead);
	syn.text = v->text;
	syn.len = v->len - v->term_len;
	syn.term = v->text + syn.len;
	syn.term_len = v->term_len;
	syn.line = v->line;
	syn.col = 1;
	rc = ss_emit_item(&f->em, SS_OUT_PRE, &syn, NULL, 0, NULL, 0, err);
	if (!rc) {
		/* what follows the view from now on (comments, CREATE OR REPLACE) is kept */
		sqlp_buf_reset(&f->key2);
		sqlp_buf_addch(&f->key2, 'R');
		ss_filter_rel_key(f, &f->key2, v->name, NULL);
		view_at(f, &e);
		if (e) {
			e->fate = SS_FATE_KEEP;
			f->memo_valid = 0;
		}
		if (f->st.by_kind[v->kind][SS_FATE_STRIP])
			f->st.by_kind[v->kind][SS_FATE_STRIP]--;
		f->st.by_kind[v->kind][SS_FATE_KEEP]++;
		f->st.views_kept++;
		SS_DECISION_CLEAR(&d);
		d.kind = v->kind;
		d.fate = SS_FATE_KEEP;
		REASON(f, d.reason, sizeof(d.reason), "%s: stripped, but %s needs it when it is created: "
		       "written to the pre-sync part before it", ss_filter_kind_name(v->kind), who);
		saved_name = f->name;
		f->name = (char *)v->file;
		ss_filter_report(f, &syn, &d);
		f->name = saved_name;
	}
	free(lead);
	return rc;
}

/* A view on the way out, waiting for the views it reads (write_views). */
struct pending_view {
	struct ss_view *v;
	char *me;		/* "view app.v (dump.sql:12)" */
	size_t from;		/* where the scan of its text goes on */
};

static char *view_title(const struct ss_view *v)
{
	return ss_xasprintf("%s %s (%s:%u)", ss_filter_kind_name(v->kind), v->name, v->file,
			    v->line);
}

/*
 * Write v, which who needs, after the stripped views it reads, theirs
 * first.  The chain of views can be as long as the dump has views: the
 * walk keeps its own stack (on the heap) rather than recursing.  Frames are
 * named by index: the stack moves when it grows.
 */
static int write_views(struct ss_filter *f, struct ss_view *v, const char *who, struct ss_err *err)
{
	struct pending_view *st = NULL;
	size_t n = 0, alloc = 0;
	int rc = 0;

	v->kept = 1;
	st = ss_xgrow(st, 1, &alloc, sizeof(*st));
	st[n++] = (struct pending_view){ v, view_title(v), 0 };
	while (n) {
		size_t t = n - 1;
		struct ss_view *dep = next_needed(f, st[t].v->text, st[t].v->len - st[t].v->term_len,
						  &st[t].from, NULL);

		if (dep) {
			dep->kept = 1;
			st = ss_xgrow(st, n + 1, &alloc, sizeof(*st));
			st[n++] = (struct pending_view){ dep, view_title(dep), 0 };
			continue;
		}
		rc = emit_view(f, st[t].v, st[t].me, t ? st[t - 1].me : who, err);
		free(st[t].me);
		n--;
		if (rc)
			break;
	}
	while (n)
		free(st[--n].me);
	free(st);
	return rc;
}

int ss_filter_views_needed(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d,
			   struct ss_err *err)
{
	struct ss_view *v;
	char *who;
	size_t from = 0;
	int rc = 0;

	if (!f->nvlist || it->dialect != SQLP_POSTGRES ||
	    (d->fate != SS_FATE_KEEP && d->fate != SS_FATE_DEFER))
		return 0;
	switch (it->cls) {
	case SQLP_C_FUNCTION:
	case SQLP_C_PROCEDURE:
		if (!starts_create(it) || !ss_filter_sql_body(it->text, it->len, &from))
			return 0;
		break;
	case SQLP_C_POLICY:
	case SQLP_C_TYPE:
	case SQLP_C_DOMAIN:
	case SQLP_C_VIEW:
	case SQLP_C_MATVIEW:
		break;
	default:
		return 0;
	}
	who = ss_xasprintf("%s %s (%s:%u)", sqlp_class_name(it->cls), it->object,
			   f->name ? f->name : "-", it->line);
	while (!rc && (v = next_needed(f, it->text, it->len, &from, d)))
		rc = write_views(f, v, who, err);
	free(who);
	return rc;
}

void ss_filter_view_later(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d)
{
	struct ss_view *v;

	if (it->dialect != SQLP_POSTGRES || !*it->object)
		return;
	sqlp_buf_reset(&f->key2);
	sqlp_buf_addch(&f->key2, 'R');
	ss_filter_rel_key(f, &f->key2, it->object, NULL);
	v = view_at(f, NULL);
	if (!v || !v->kept)
		return;
	d->fate = SS_FATE_KEEP;
	REASON(f, d->reason, sizeof(d->reason), "%s %s was written after all: kept",
	       ss_filter_kind_name(v->kind), v->name);
}

void ss_filter_views_free(struct ss_filter *f)
{
	for (size_t i = 0; i < f->nvlist; i++)
		free(f->vlist[i]);
	free(f->vlist);
	ss_strlist_release(&f->input_names);
}
