/*
 * order.c - sections and load order of the dump's objects.
 *
 * 1. Sections: an object of a pre-data kind that needs a post-data object
 *    becomes post-data (repeated until nothing moves), so every edge goes
 *    pre->pre, post->pre or post->post and "all pre before all post"
 *    cannot contradict a dependency.
 * 2. Kahn's topological sort over a binary heap keyed on (section, kind
 *    rank, schema, name, second key, oid): with all pre-data nodes
 *    ranked first, some pre-data node is always ready while any remains,
 *    so the sections come out contiguous, and equal catalogs give equal
 *    output whatever their OIDs.
 * 3. When the sort stalls, one cycle is found by walking unmet needs and
 *    repaired: a view in it is created first as a placeholder and defined
 *    later (post-data); an inline CHECK or DEFAULT that brings an edge of
 *    the cycle is split off its table or domain.  Then the sort restarts.
 *    A cycle with neither fails, naming every object in it.
 *
 * Inline children (a CHECK inside its CREATE TABLE) are not nodes until
 * split: edges to them count as edges to their parent.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump/dump.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* The node that stands for object i: its parent while it is inline. */
static int node_of(const struct ss_dump *d, int i)
{
	const struct ss_dobj *o = &d->objs[i];

	if (o->inline_in >= 0 && !o->separate)
		return o->inline_in;
	return i;
}

static int is_node(const struct ss_dump *d, int i)
{
	return node_of(d, i) == i;
}

/* Edge e of object i counts for the node i (not for a split child). */
static int edge_live(const struct ss_dump *d, const struct ss_dedge *e)
{
	return e->via < 0 || !d->objs[e->via].separate;
}

static void settle_sections(struct ss_dump *d)
{
	int moved = 1;

	while (moved) {
		moved = 0;
		for (size_t i = 0; i < d->n; i++) {
			struct ss_dobj *o = &d->objs[i];

			if (o->section != SS_SEC_PRE)
				continue;
			for (size_t k = 0; k < o->ndeps; k++) {
				int t = node_of(d, o->deps[k].to);

				if (d->objs[t].section == SS_SEC_POST) {
					o->section = SS_SEC_POST;
					moved = 1;
					break;
				}
			}
		}
	}
	/* inline children live where their parent lives */
	for (size_t i = 0; i < d->n; i++)
		if (d->objs[i].inline_in >= 0)
			d->objs[i].section = d->objs[d->objs[i].inline_in].section;
}

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int obj_cmp(const struct ss_dump *d, int a, int b)
{
	const struct ss_dobj *x = &d->objs[a], *y = &d->objs[b];
	int c;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = cmp_str_null(x->schema, y->schema)) != 0)
		return c;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if ((c = strcmp(x->sub, y->sub)) != 0)
		return c;
	if (x->oid != y->oid)
		return x->oid < y->oid ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * The heap compares ranks: each node's place in the obj_cmp order, found
 * by one sort of the nodes.  Comparing names once per sort step instead of
 * at every heap step roughly halves the string comparisons, and the order
 * is the same (obj_cmp is total).
 */
struct rank_key {
	const struct ss_dump *d;
	int i;
};

static int rank_cmp(const void *a, const void *b)
{
	const struct rank_key *x = a, *y = b;

	return obj_cmp(x->d, x->i, y->i);
}

/* rank[i] for every node i (others: unused) */
static void rank_nodes(const struct ss_dump *d, int *rank)
{
	struct rank_key *k = ss_xmalloc((d->n + 1) * sizeof(*k));
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		if (is_node(d, (int)i)) {
			k[n].d = d;
			k[n].i = (int)i;
			n++;
		}
	qsort(k, n, sizeof(*k), rank_cmp);
	for (size_t r = 0; r < n; r++)
		rank[k[r].i] = (int)r;
	free(k);
}

struct heap {
	int *v;
	size_t n;
	const int *rank;
};

static void heap_push(struct heap *h, int x)
{
	size_t i = h->n++;

	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (h->rank[h->v[p]] <= h->rank[x])
			break;
		h->v[i] = h->v[p];
		i = p;
	}
	h->v[i] = x;
}

static int heap_pop(struct heap *h)
{
	int top = h->v[0], x = h->v[--h->n];
	size_t i = 0;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		int mv = x;

		if (l < h->n && h->rank[h->v[l]] < h->rank[mv]) {
			m = l;
			mv = h->v[l];
		}
		if (r < h->n && h->rank[h->v[r]] < h->rank[mv]) {
			m = r;
			mv = h->v[r];
		}
		if (m == i)
			break;
		h->v[i] = mv;
		i = m;
	}
	if (h->n)
		h->v[i] = x;
	return top;
}

/*
 * Reverse adjacency in CSR form: for node t, the nodes that need it.  An
 * edge is counted once per (from, to) occurrence, and nwait counts the
 * same occurrences, so duplicates balance out.
 */
struct radj {
	size_t *start;
	int *from;
};

/*
 * Visit every live edge from -> t between nodes: count it (fill NULL:
 * in-degree of t's list, nwait of from) or place it in t's list.
 */
static size_t each_edge(struct ss_dump *d, struct radj *r, size_t *fill)
{
	size_t total = 0;

	for (size_t i = 0; i < d->n; i++) {
		struct ss_dobj *o = &d->objs[i];
		int from = (int)i;

		/* an inline child's needs are recorded on its parent (via) */
		if (!is_node(d, from))
			continue;
		for (size_t k = 0; k < o->ndeps; k++) {
			int t;

			if (!edge_live(d, &o->deps[k]))
				continue;
			t = node_of(d, o->deps[k].to);
			if (t == from)
				continue;
			if (fill) {
				r->from[fill[t]++] = from;
			} else {
				r->start[t + 1]++;
				d->objs[from].nwait++;
			}
			total++;
		}
	}
	return total;
}

static void build_radj(struct ss_dump *d, struct radj *r)
{
	size_t total;
	size_t *fill;

	r->start = ss_xcalloc(d->n + 1, sizeof(*r->start));
	for (size_t i = 0; i < d->n; i++) {
		d->objs[i].nwait = 0;
		d->objs[i].done = 0;
	}
	total = each_edge(d, r, NULL);
	for (size_t i = 0; i < d->n; i++)
		r->start[i + 1] += r->start[i];
	r->from = ss_xmalloc((total + 1) * sizeof(*r->from));
	fill = ss_xmalloc((d->n + 1) * sizeof(*fill));
	memcpy(fill, r->start, (d->n + 1) * sizeof(*fill));
	each_edge(d, r, fill);
	free(fill);
}

static void free_radj(struct radj *r)
{
	free(r->start);
	free(r->from);
}

/* Separate an inline child from its parent, taking its edges along. */
static void split_child(struct ss_dump *d, int c)
{
	struct ss_dobj *child = &d->objs[c];
	int p = child->inline_in;

	child->separate = 1;
	ss_dump_dep(d, c, p, -1);
	for (size_t k = 0; k < d->objs[p].ndeps; k++)
		if (d->objs[p].deps[k].via == c)
			ss_dump_dep(d, c, d->objs[p].deps[k].to, -1);
	d->nsplits++;
}

/*
 * Create view v as its placeholder now and define it later: a new
 * post-data object takes the real text and every need except schemas,
 * types, extensions and collations (what the placeholder's columns need).
 */
static void split_view(struct ss_dump *d, int v)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	const char *text = d->objs[v].text;
	int def;
	size_t keep = 0;

	def = ss_dump_add(d, SS_DK_VIEW_DEF, 0, d->objs[v].oid, d->objs[v].schema,
			  d->objs[v].name, d->objs[v].sub, d->objs[v].label);
	/* "CREATE VIEW" -> "CREATE OR REPLACE VIEW"; only the DDL, not owner/comment */
	if (!strncmp(text, "CREATE VIEW", 11) && d->objs[v].def_len > 11) {
		sqlp_buf_addstr(&b, "CREATE OR REPLACE VIEW");
		sqlp_buf_add(&b, text + 11, d->objs[v].def_len - 11);
	} else {
		sqlp_buf_addstr(&b, text);
	}
	ss_buf_check(&b);
	d->objs[def].text = ss_dump_strndup(d, b.data, b.len);
	sqlp_buf_release(&b);
	d->objs[def].parent = v;
	for (size_t k = 0; k < d->objs[v].ndeps; k++) {
		struct ss_dedge e = d->objs[v].deps[k];
		enum ss_dkind tk = d->objs[e.to].kind;

		if (tk == SS_DK_SCHEMA || tk == SS_DK_TYPE || tk == SS_DK_EXTENSION ||
		    tk == SS_DK_COLLATION)
			d->objs[v].deps[keep++] = e;
		else
			ss_dump_dep(d, def, e.to, -1);
	}
	d->objs[v].ndeps = keep;
	ss_dump_dep(d, def, v, -1);
	d->objs[v].text = d->objs[v].alt_text;
	d->objs[v].alt_text = NULL;
	d->nsplits++;
}

static void describe(const struct ss_dump *d, int i, struct sqlp_buf *b)
{
	const struct ss_dobj *o = &d->objs[i];

	sqlp_buf_addf(b, "%s %s%s%s", ss_dkind_tag(o->kind), o->schema ? o->schema : "",
		      o->schema ? "." : "", o->label);
}

/*
 * The sort stalled: walk from a waiting node along unmet needs until a
 * node repeats; repair the cycle found.  Returns 0 when repaired.
 */
static int break_cycle(struct ss_dump *d, struct ss_err *err)
{
	int *pos = ss_xmalloc(d->n * sizeof(*pos));
	int *path = ss_xmalloc((d->n + 1) * sizeof(*path));
	int *via = ss_xmalloc((d->n + 1) * sizeof(*via));
	size_t len = 0, first;
	int cur = -1, rc = -1;

	for (size_t i = 0; i < d->n; i++)
		pos[i] = -1;
	for (size_t i = 0; i < d->n && cur < 0; i++)
		if (is_node(d, (int)i) && !d->objs[i].done)
			cur = (int)i;
	while (cur >= 0 && pos[cur] < 0) {
		struct ss_dobj *o = &d->objs[cur];
		int next = -1, nvia = -1;

		pos[cur] = (int)len;
		path[len] = cur;
		/* an unmet need: on the node itself or on one of its inline children */
		for (size_t k = 0; k < o->ndeps && next < 0; k++) {
			int t = node_of(d, o->deps[k].to);

			if (!edge_live(d, &o->deps[k]) || t == cur || d->objs[t].done)
				continue;
			next = t;
			nvia = o->deps[k].via;
		}
		via[len++] = nvia;
		cur = next;
	}
	if (cur < 0) {
		ss_err_set(err, SS_ERR_INTERNAL, "dependency sort stalled without a cycle");
		goto out;
	}
	first = (size_t)pos[cur];
	for (size_t i = first; i < len; i++)
		if (d->objs[path[i]].kind == SS_DK_VIEW && d->objs[path[i]].alt_text) {
			split_view(d, path[i]);
			rc = 0;
			goto out;
		}
	for (size_t i = first; i < len; i++)
		if (via[i] >= 0) {
			split_child(d, via[i]);
			rc = 0;
			goto out;
		}
	{
		struct sqlp_buf b = SQLP_BUF_INIT;

		for (size_t i = first; i < len; i++) {
			describe(d, path[i], &b);
			sqlp_buf_addstr(&b, " -> ");
		}
		describe(d, path[first], &b);
		ss_buf_check(&b);
		ss_err_set(err, SS_ERR_INTERNAL, "cannot order a dependency cycle");
		ss_err_detail(err, "%s", b.data);
		sqlp_buf_release(&b);
	}
out:
	free(pos);
	free(path);
	free(via);
	return rc;
}

static void debug_edges(const struct ss_dump *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ss_dobj *o = &d->objs[i];

		for (size_t k = 0; k < o->ndeps; k++) {
			const struct ss_dobj *t = &d->objs[o->deps[k].to];

			fprintf(stderr, "edge %s %s.%s [%s] -> %s %s.%s [%s] via %d\n",
				ss_dkind_tag(o->kind), o->schema ? o->schema : "", o->label,
				o->section ? "post" : "pre", ss_dkind_tag(t->kind),
				t->schema ? t->schema : "", t->label, t->section ? "post" : "pre",
				o->deps[k].via);
		}
	}
}

int ss_dump_order(struct ss_dump *d, struct ss_err *err)
{
	if (getenv("SSYNC_DEBUG_EDGES"))
		debug_edges(d);
	for (;;) {
		struct radj r;
		struct heap h;
		int *rank;
		size_t nodes = 0;

		settle_sections(d);
		build_radj(d, &r);
		free(d->order);
		d->order = ss_xmalloc((d->n + 1) * sizeof(*d->order));
		d->norder = 0;
		h.v = ss_xmalloc((d->n + 1) * sizeof(*h.v));
		h.n = 0;
		rank = ss_xmalloc((d->n + 1) * sizeof(*rank));
		rank_nodes(d, rank);
		h.rank = rank;
		for (size_t i = 0; i < d->n; i++) {
			if (!is_node(d, (int)i))
				continue;
			nodes++;
			if (d->objs[i].nwait == 0)
				heap_push(&h, (int)i);
		}
		while (h.n) {
			int x = heap_pop(&h);

			d->objs[x].done = 1;
			d->order[d->norder++] = x;
			for (size_t k = r.start[x]; k < r.start[x + 1]; k++)
				if (--d->objs[r.from[k]].nwait == 0)
					heap_push(&h, r.from[k]);
		}
		free(h.v);
		free(rank);
		free_radj(&r);
		if (d->norder == nodes)
			return 0;
		if (break_cycle(d, err))
			return -1;
	}
}
