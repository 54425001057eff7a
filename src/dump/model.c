/*
 * model.c - the dump's object store: arena strings, the (class, oid) map,
 * dependency edges, inline fragments, identifier and literal quoting, and
 * the progress line.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dump/dump.h"
#include "sqlparse.h"
#include "util/xmalloc.h"

struct ss_dmap_entry {
	unsigned oid;
	char cls;		/* 0: empty slot */
	int obj;
};

struct kind_info {
	const char *tag;
	enum ss_dsection section;
};

static const struct kind_info kinds[] = {
	[SS_DK_SCHEMA] = { "SCHEMA", SS_SEC_PRE },
	[SS_DK_EXTENSION] = { "EXTENSION", SS_SEC_PRE },
	[SS_DK_COLLATION] = { "COLLATION", SS_SEC_PRE },
	[SS_DK_TS_DICT] = { "TEXT SEARCH DICTIONARY", SS_SEC_PRE },
	[SS_DK_TS_CONFIG] = { "TEXT SEARCH CONFIGURATION", SS_SEC_PRE },
	[SS_DK_FDW] = { "FOREIGN DATA WRAPPER", SS_SEC_PRE },
	[SS_DK_SERVER] = { "SERVER", SS_SEC_PRE },
	[SS_DK_USER_MAPPING] = { "USER MAPPING", SS_SEC_PRE },
	[SS_DK_TYPE] = { "TYPE", SS_SEC_PRE },
	[SS_DK_FUNCTION] = { "FUNCTION", SS_SEC_PRE },
	[SS_DK_AGGREGATE] = { "AGGREGATE", SS_SEC_PRE },
	[SS_DK_OPERATOR] = { "OPERATOR", SS_SEC_PRE },
	[SS_DK_CAST] = { "CAST", SS_SEC_PRE },
	[SS_DK_SEQUENCE] = { "SEQUENCE", SS_SEC_PRE },
	[SS_DK_TABLE] = { "TABLE", SS_SEC_PRE },
	[SS_DK_CHECK] = { "CHECK CONSTRAINT", SS_SEC_PRE },
	[SS_DK_DEFAULT] = { "DEFAULT", SS_SEC_PRE },
	[SS_DK_SEQ_OWNED] = { "SEQUENCE OWNED BY", SS_SEC_PRE },
	[SS_DK_PKEY] = { "PRIMARY KEY", SS_SEC_PRE },
	[SS_DK_VIEW] = { "VIEW", SS_SEC_PRE },
	[SS_DK_MATVIEW] = { "MATERIALIZED VIEW", SS_SEC_PRE },
	[SS_DK_VIEW_DEF] = { "VIEW DEFINITION", SS_SEC_POST },
	[SS_DK_CONSTRAINT] = { "CONSTRAINT", SS_SEC_POST },
	[SS_DK_INDEX] = { "INDEX", SS_SEC_POST },
	[SS_DK_INDEX_ATTACH] = { "INDEX ATTACH", SS_SEC_POST },
	[SS_DK_INDEX_PROP] = { "INDEX PROPERTY", SS_SEC_POST },
	[SS_DK_STATISTICS] = { "STATISTICS", SS_SEC_POST },
	[SS_DK_RULE] = { "RULE", SS_SEC_POST },
	[SS_DK_TRIGGER] = { "TRIGGER", SS_SEC_POST },
	[SS_DK_FKEY] = { "FK CONSTRAINT", SS_SEC_POST },
	[SS_DK_POLICY] = { "POLICY", SS_SEC_POST },
	[SS_DK_RLS] = { "ROW SECURITY", SS_SEC_POST },
	[SS_DK_PUBLICATION] = { "PUBLICATION", SS_SEC_POST },
	[SS_DK_PUBLICATION_REL] = { "PUBLICATION TABLE", SS_SEC_POST },
	[SS_DK_ACL] = { "ACL", SS_SEC_POST },
	[SS_DK_EVENT_TRIGGER] = { "EVENT TRIGGER", SS_SEC_POST },
};
_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == SS_DK_COUNT, "one entry per kind");

const char *ss_dkind_tag(enum ss_dkind kind)
{
	return kinds[kind].tag;
}

enum ss_dsection ss_dkind_section(enum ss_dkind kind)
{
	return kinds[kind].section;
}

void ss_dump_init(struct ss_dump *d)
{
	memset(d, 0, sizeof(*d));
}

void ss_dump_release(struct ss_dump *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->objs[i].deps);
		free(d->objs[i].frags);
	}
	free(d->objs);
	free(d->order);
	free(d->map);
	for (size_t i = 0; i < d->nblocks; i++)
		free(d->blocks[i]);
	free(d->blocks);
	free(d->engine_version);
	ss_dump_init(d);
}

#define ARENA_BLOCK (256 * 1024)

char *ss_dump_strndup(struct ss_dump *d, const char *s, size_t len)
{
	char *p;

	if (!s)
		return NULL;
	if (len + 1 > d->arena_left) {
		int own = len + 1 > ARENA_BLOCK / 4;

		p = ss_xmalloc(own ? len + 1 : ARENA_BLOCK);
		d->blocks = ss_xgrow(d->blocks, d->nblocks + 1, &d->ablocks, sizeof(*d->blocks));
		d->blocks[d->nblocks++] = p;
		if (own) {
			/* a big string gets a block of its own; keep the current one */
			memcpy(p, s, len);
			p[len] = '\0';
			return p;
		}
		d->arena = p;
		d->arena_left = ARENA_BLOCK;
	}
	p = d->arena;
	memcpy(p, s, len);
	p[len] = '\0';
	d->arena += len + 1;
	d->arena_left -= len + 1;
	return p;
}

char *ss_dump_strdup(struct ss_dump *d, const char *s)
{
	return s ? ss_dump_strndup(d, s, strlen(s)) : NULL;
}

static size_t map_hash(char cls, unsigned oid)
{
	uint64_t h = ((uint64_t)(unsigned char)cls << 32) | oid;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static void map_put(struct ss_dump *d, char cls, unsigned oid, int obj);

/* Rehash into a map of at least twice `want` slots. */
static void map_grow(struct ss_dump *d, size_t want)
{
	struct ss_dmap_entry *old = d->map;
	size_t oldcap = d->map_cap;

	d->map_cap = oldcap ? oldcap : 1024;
	while (d->map_cap < want * 2)
		d->map_cap *= 2;
	if (d->map_cap == oldcap)
		return;
	d->map = ss_xcalloc(d->map_cap, sizeof(*d->map));
	d->map_used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].cls)
			map_put(d, old[i].cls, old[i].oid, old[i].obj);
	free(old);
}

void ss_dump_reserve(struct ss_dump *d, size_t n)
{
	map_grow(d, d->map_used + n);
}

static void map_put(struct ss_dump *d, char cls, unsigned oid, int obj)
{
	size_t i;

	if ((d->map_used + 1) * 2 > d->map_cap)
		map_grow(d, d->map_used + 1);
	for (i = map_hash(cls, oid) & (d->map_cap - 1); d->map[i].cls;
	     i = (i + 1) & (d->map_cap - 1))
		if (d->map[i].cls == cls && d->map[i].oid == oid) {
			d->map[i].obj = obj;
			return;
		}
	d->map[i].cls = cls;
	d->map[i].oid = oid;
	d->map[i].obj = obj;
	d->map_used++;
}

int ss_dump_lookup(const struct ss_dump *d, char cls, unsigned oid)
{
	if (!d->map_cap)
		return -1;
	for (size_t i = map_hash(cls, oid) & (d->map_cap - 1); d->map[i].cls;
	     i = (i + 1) & (d->map_cap - 1))
		if (d->map[i].cls == cls && d->map[i].oid == oid)
			return d->map[i].obj;
	return -1;
}

void ss_dump_alias(struct ss_dump *d, char cls, unsigned oid, int obj)
{
	map_put(d, cls, oid, obj);
}

int ss_dump_add(struct ss_dump *d, enum ss_dkind kind, char cls, unsigned oid,
		const char *schema, const char *name, const char *sub, const char *label)
{
	struct ss_dobj *o;

	d->objs = ss_xgrow(d->objs, d->n + 1, &d->alloc, sizeof(*d->objs));
	o = &d->objs[d->n];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->section = (unsigned char)ss_dkind_section(kind);
	o->cls = cls;
	o->oid = oid;
	o->schema = ss_dump_strdup(d, schema);
	o->name = ss_dump_strdup(d, name ? name : "");
	o->sub = ss_dump_strdup(d, sub ? sub : "");
	o->label = label ? ss_dump_strdup(d, label) : o->name;
	o->parent = -1;
	o->inline_in = -1;
	if (cls)
		map_put(d, cls, oid, (int)d->n);
	return (int)d->n++;
}

void ss_dump_dep(struct ss_dump *d, int obj, int to, int via)
{
	struct ss_dobj *o = &d->objs[obj];

	if (obj == to || to < 0)
		return;
	/* a short list per object: skip repeats */
	for (size_t i = 0; i < o->ndeps; i++)
		if (o->deps[i].to == to && o->deps[i].via == via)
			return;
	o->deps = ss_xgrow(o->deps, o->ndeps + 1, &o->adeps, sizeof(*o->deps));
	o->deps[o->ndeps].to = to;
	o->deps[o->ndeps].via = via;
	o->ndeps++;
}

void ss_dump_frag(struct ss_dump *d, int parent, int child, size_t start, size_t end)
{
	struct ss_dobj *p = &d->objs[parent];

	p->frags = ss_xgrow(p->frags, p->nfrags + 1, &p->afrags, sizeof(*p->frags));
	p->frags[p->nfrags].child = child;
	p->frags[p->nfrags].start = start;
	p->frags[p->nfrags].end = end;
	p->nfrags++;
	d->objs[child].inline_in = parent;
}

char *ss_dump_text(const struct ss_dump *d, int obj)
{
	const struct ss_dobj *o = &d->objs[obj];
	struct sqlp_buf b = SQLP_BUF_INIT;
	size_t pos = 0;

	if (o->inline_in >= 0)
		return ss_xstrdup(o->separate && o->alt_text ? o->alt_text : "");
	/* fragments were recorded in text order */
	for (size_t i = 0; i < o->nfrags; i++) {
		const struct ss_dfrag *f = &o->frags[i];

		if (!d->objs[f->child].separate)
			continue;
		sqlp_buf_add(&b, o->text + pos, f->start - pos);
		pos = f->end;
	}
	sqlp_buf_addstr(&b, o->text + pos);
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

/* --- quoting ---------------------------------------------------------- */

static char **keywords;
static size_t nkeywords;
/* bytes that occur in some keyword, and the longest keyword: a quick "no" */
static unsigned char kwbyte[256];
static size_t kwmaxlen;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ss_dump_set_keywords(const char *list)
{
	const char *p = list;

	for (size_t i = 0; i < nkeywords; i++)
		free(keywords[i]);
	free(keywords);
	keywords = NULL;
	nkeywords = 0;
	memset(kwbyte, 0, sizeof(kwbyte));
	kwmaxlen = 0;
	if (!list)
		return;
	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n) {
			keywords = ss_xrealloc(keywords, (nkeywords + 1) * sizeof(*keywords));
			keywords[nkeywords++] = ss_xstrndup(p, n);
			for (size_t k = 0; k < n; k++)
				kwbyte[(unsigned char)p[k]] = 1;
			if (n > kwmaxlen)
				kwmaxlen = n;
		}
		p += n;
	}
	qsort(keywords, nkeywords, sizeof(*keywords), cmp_str);
}

static int is_keyword(const char *s)
{
	size_t n = 0;

	/* most names have a byte no keyword has (a digit) or are longer */
	for (; s[n]; n++)
		if (!kwbyte[(unsigned char)s[n]] || n >= kwmaxlen)
			return 0;
	return nkeywords && bsearch(&s, keywords, nkeywords, sizeof(*keywords), cmp_str) != NULL;
}

void ss_quote_ident(struct sqlp_buf *buf, const char *name)
{
	int safe = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';

	for (const char *p = name; *p && safe; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			safe = 0;
	if (safe && !is_keyword(name)) {
		sqlp_buf_addstr(buf, name);
		return;
	}
	sqlp_buf_addch(buf, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			sqlp_buf_addch(buf, '"');
		sqlp_buf_addch(buf, *p);
	}
	sqlp_buf_addch(buf, '"');
}

void ss_quote_literal(struct sqlp_buf *buf, const char *text)
{
	int bs = strchr(text, '\\') != NULL;

	if (bs)
		sqlp_buf_addch(buf, 'E');
	sqlp_buf_addch(buf, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '\'' || (bs && *p == '\\'))
			sqlp_buf_addch(buf, *p);
		sqlp_buf_addch(buf, *p);
	}
	sqlp_buf_addch(buf, '\'');
}

/* --- progress --------------------------------------------------------- */

static int progress_on;
static int progress_shown;
static double progress_t0;

double ss_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void ss_progress_start(int enabled)
{
	progress_on = enabled && isatty(STDERR_FILENO);
	progress_shown = 0;
	progress_t0 = ss_now_ms();
}

void ss_progress(const char *fmt, ...)
{
	va_list ap;

	if (!progress_on || ss_now_ms() - progress_t0 < 1000.0)
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = 1;
}

void ss_progress_done(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}
