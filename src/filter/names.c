/*
 * names.c - splitting the qualified names sqlparse hands out, the string
 * map that remembers objects whose fate their dependents follow, the keys
 * of that map, and the --include/--exclude selection of relations.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter/filter_int.h"
#include "util/xmalloc.h"

void ss_name_init(struct ss_name *nm)
{
	memset(nm, 0, sizeof(*nm));
	sqlp_buf_init(&nm->buf);
}

void ss_name_release(struct ss_name *nm)
{
	sqlp_buf_release(&nm->buf);
	nm->n = 0;
}

int ss_name_parse(struct ss_name *nm, const char *s)
{
	size_t offs[SS_NAME_MAXPARTS];
	const char *p = s;

	sqlp_buf_reset(&nm->buf);
	nm->n = 0;
	while (*p && nm->n < SS_NAME_MAXPARTS) {
		offs[nm->n] = nm->buf.len;
		if (*p == '"' || *p == '`' || *p == '[') {
			char close = *p == '[' ? ']' : *p;

			for (p++; *p; p++) {
				if (*p == close) {
					if (p[1] == close) {
						sqlp_buf_addch(&nm->buf, close);
						p++;
						continue;
					}
					p++;
					break;
				}
				sqlp_buf_addch(&nm->buf, *p);
			}
		}
		/* unquoted text up to the next dot (also after a quoted part, defensively) */
		{
			size_t n = strcspn(p, ".");

			sqlp_buf_add(&nm->buf, p, n);
			p += n;
		}
		nm->len[nm->n] = nm->buf.len - offs[nm->n];
		sqlp_buf_addch(&nm->buf, 0);
		nm->n++;
		if (*p == '.')
			p++;
		else
			break;
	}
	ss_buf_check(&nm->buf);
	for (int i = 0; i < nm->n; i++)
		nm->part[i] = nm->buf.data + offs[i];
	return nm->n;
}

/* --- the map ------------------------------------------------------------ */

#define FNV_START 2166136261u	/* FNV-1a */
#define FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 16777619u)
#define FNV_END(h) ((h) ? (h) : 1)	/* 0 marks a free slot */

static unsigned hash_bytes(const char *s, size_t n)
{
	unsigned h = FNV_START;

	for (size_t i = 0; i < n; i++)
		h = FNV_STEP(h, s[i]);
	return FNV_END(h);
}

void ss_fmap_init(struct ss_fmap *m)
{
	memset(m, 0, sizeof(*m));
}

void ss_fmap_release(struct ss_fmap *m)
{
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->ents);
	free(m->hashes);
	memset(m, 0, sizeof(*m));
}

const char *ss_fmap_strdup(struct ss_fmap *m, const char *s, size_t len)
{
	char *d;

	if (len + 1 > m->arena_left) {
		size_t sz = len + 1 > 32768 ? len + 1 : 32768;

		m->blocks = ss_xgrow(m->blocks, m->nblocks + 1, &m->ablocks, sizeof(*m->blocks));
		m->arena = m->blocks[m->nblocks++] = ss_xmalloc(sz);
		m->arena_left = sz;
	}
	d = m->arena;
	memcpy(d, s, len);
	d[len] = 0;
	m->arena += len + 1;
	m->arena_left -= len + 1;
	return d;
}

/* The slot of key: its entry, or the free slot where it would go. */
static size_t find(const struct ss_fmap *m, const char *key, size_t klen, unsigned h)
{
	size_t mask = m->cap - 1, i = h & mask;

	for (;;) {
		unsigned x = m->hashes[i];

		if (!x || (x == h && m->ents[i].klen == klen && !memcmp(m->ents[i].key, key, klen)))
			return i;
		i = (i + 1) & mask;
	}
}

static void grow(struct ss_fmap *m)
{
	struct ss_fmap_ent *old = m->ents;
	unsigned *oldh = m->hashes;
	size_t ocap = m->cap;

	m->cap = ocap ? ocap * 2 : 256;
	m->ents = ss_xcalloc(m->cap, sizeof(*m->ents));
	m->hashes = ss_xcalloc(m->cap, sizeof(*m->hashes));
	for (size_t i = 0; i < ocap; i++)
		if (oldh[i]) {
			size_t j = find(m, old[i].key, old[i].klen, oldh[i]);

			m->ents[j] = old[i];
			m->hashes[j] = oldh[i];
		}
	free(old);
	free(oldh);
}

struct ss_fmap_ent *ss_fmap_put(struct ss_fmap *m, const char *key, size_t klen)
{
	unsigned h = hash_bytes(key, klen);
	struct ss_fmap_ent *e;
	size_t i;

	if ((m->used + 1) * 4 > m->cap * 3)
		grow(m);
	i = find(m, key, klen, h);
	e = &m->ents[i];
	if (!m->hashes[i]) {
		m->hashes[i] = h;
		e->key = ss_fmap_strdup(m, key, klen);
		e->klen = (unsigned)klen;
		e->val = NULL;
		e->ptr = NULL;
		m->used++;
	}
	return e;
}

struct ss_fmap_ent *ss_fmap_get(const struct ss_fmap *m, const char *key, size_t klen)
{
	size_t i;

	if (!m->used)
		return NULL;
	i = find(m, key, klen, hash_bytes(key, klen));
	return m->hashes[i] ? &m->ents[i] : NULL;
}

int ss_fmap_has_hash(const struct ss_fmap *m, unsigned h)
{
	size_t mask = m->cap - 1, i;
	unsigned x;

	if (!m->used)
		return 0;
	for (i = h & mask; (x = m->hashes[i]) != 0; i = (i + 1) & mask)
		if (x == h)
			return 1;
	return 0;
}

/* --- keys ------------------------------------------------------------------ */

const char *ss_filter_default_schema(const struct ss_filter *f)
{
	switch (f->dialect) {
	case SQLP_POSTGRES:
		return "public";
	case SQLP_TSQL:
		return "dbo";
	case SQLP_MYSQL:
		return f->curdb;
	default:
		return NULL;
	}
}

static void add_part(struct ss_filter *f, struct sqlp_buf *b, const char *s, size_t n)
{
	if (f->dialect == SQLP_TSQL) {
		/* SQL Server compares names case-insensitively (default collations) */
		for (size_t i = 0; i < n; i++) {
			char c = s[i];

			sqlp_buf_addch(b, c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	} else {
		sqlp_buf_add(b, s, n);
	}
}

/*
 * "schema\x1fname" for a (possibly qualified) relation or schema-scoped
 * name; schema_hint is used for an unqualified name before the dialect's
 * default.  Appends to b.
 */
/*
 * The map key ('R' and the relation key) of a name as written in SQL text
 * (quotes and all): made the way sqlparse writes names first (PostgreSQL
 * folds unquoted parts to lower case).  Uses f->scratch.
 */
void ss_filter_raw_rel_key(struct ss_filter *f, struct sqlp_buf *b, const char *name, size_t n)
{
	struct sqlp_buf *nb = &f->scratch;
	char q = 0;

	sqlp_buf_reset(nb);
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '`' || c == '[') {
			q = c == '[' ? ']' : c;
		} else if (f->dialect == SQLP_POSTGRES && c >= 'A' && c <= 'Z') {
			c = (char)(c + 32);
		}
		sqlp_buf_addch(nb, c);
	}
	ss_buf_check(nb);
	sqlp_buf_reset(b);
	sqlp_buf_addch(b, 'R');
	ss_filter_rel_key(f, b, nb->data, NULL);
}

/* FNV-1a of n bytes of s on from h, folded as add_part() folds them. */
static unsigned hash_part(const struct ss_filter *f, unsigned h, const char *s, size_t n)
{
	if (f->dialect == SQLP_TSQL) {
		for (size_t i = 0; i < n; i++) {
			char c = s[i];

			h = FNV_STEP(h, c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	} else {
		for (size_t i = 0; i < n; i++)
			h = FNV_STEP(h, s[i]);
	}
	return h;
}

int ss_filter_rel_key_hash(const struct ss_filter *f, const char *name, unsigned *hash)
{
	const char *dot, *sch;
	unsigned h = FNV_STEP(FNV_START, 'R');

	if (strpbrk(name, "\"`["))
		return 0;
	/* as ss_filter_rel_key() makes the key of a name without quotes */
	dot = strrchr(name, '.');
	if (dot) {
		const char *s0 = dot;

		while (s0 > name && s0[-1] != '.')
			s0--;
		h = hash_part(f, h, s0, (size_t)(dot - s0));
	} else if ((sch = ss_filter_default_schema(f))) {
		h = hash_part(f, h, sch, strlen(sch));
	}
	h = FNV_STEP(h, '\x1f');
	dot = dot ? dot + 1 : name;
	h = hash_part(f, h, dot, strlen(dot));
	*hash = FNV_END(h);
	return 1;
}

void ss_filter_rel_key(struct ss_filter *f, struct sqlp_buf *b, const char *name,
		    const char *schema_hint)
{
	struct ss_name *nm = &f->nm;
	const char *sch = NULL;
	size_t schn = 0;
	int n;

	if (!schema_hint && !strpbrk(name, "\"`[")) {
		/* no quotes (the usual case): the last two dot-separated parts */
		const char *dot = strrchr(name, '.');

		if (dot) {
			const char *s0 = dot;

			while (s0 > name && s0[-1] != '.')
				s0--;
			add_part(f, b, s0, (size_t)(dot - s0));
		} else if ((sch = ss_filter_default_schema(f))) {
			add_part(f, b, sch, strlen(sch));
		}
		sqlp_buf_addch(b, '\x1f');
		dot = dot ? dot + 1 : name;
		add_part(f, b, dot, strlen(dot));
		ss_buf_check(b);
		return;
	}
	n = ss_name_parse(nm, name);
	if (n >= 2) {
		sch = nm->part[n - 2];
		schn = nm->len[n - 2];
	} else if (schema_hint && *schema_hint) {
		sch = schema_hint;
		schn = strlen(schema_hint);
	} else if (ss_filter_default_schema(f)) {
		sch = ss_filter_default_schema(f);
		schn = strlen(sch);
	}
	if (sch) {
		/* the hint may be a name as sqlparse writes it: take its last part unquoted */
		if (sch == schema_hint) {
			struct ss_name tmp;

			ss_name_init(&tmp);
			if (ss_name_parse(&tmp, schema_hint) > 0)
				add_part(f, b, tmp.part[tmp.n - 1], tmp.len[tmp.n - 1]);
			ss_name_release(&tmp);
			ss_name_parse(nm, name);
		} else {
			add_part(f, b, sch, schn);
		}
	}
	sqlp_buf_addch(b, '\x1f');
	if (n >= 1)
		add_part(f, b, nm->part[n - 1], nm->len[n - 1]);
	ss_buf_check(b);
}

/* The schema part of a table name as sqlparse gives it ("app" of app.users), into b. */
static void schema_of(struct ss_filter *f, struct sqlp_buf *b, const char *name)
{
	int n = ss_name_parse(&f->nm, name);

	sqlp_buf_reset(b);
	if (n >= 2)
		sqlp_buf_add(b, f->nm.part[n - 2], f->nm.len[n - 2]);
	ss_buf_check(b);
}

/* The namespace letter of an object kind, 0 for kinds not remembered. */
static char kind_ns(enum sqlp_objkind k)
{
	switch (k) {
	case SQLP_O_TABLE:
	case SQLP_O_VIEW:
	case SQLP_O_MATVIEW:
	case SQLP_O_SEQUENCE:
	case SQLP_O_FOREIGN_TABLE:
		return 'R';
	case SQLP_O_INDEX:
	case SQLP_O_FULLTEXT_INDEX:
		return 'I';
	case SQLP_O_CONSTRAINT:
		return 'C';
	case SQLP_O_TRIGGER:
		return 'G';
	case SQLP_O_RULE:
		return 'U';
	case SQLP_O_POLICY:
		return 'P';
	case SQLP_O_FUNCTION:
	case SQLP_O_PROCEDURE:
	case SQLP_O_AGGREGATE:
		return 'F';
	case SQLP_O_TYPE:
	case SQLP_O_DOMAIN:
		return 'T';
	case SQLP_O_SCHEMA:
		return 'S';
	case SQLP_O_STATISTICS:
		return 'X';
	case SQLP_O_EVENT_TRIGGER:
		return 'E';
	case SQLP_O_PUBLICATION:
		return 'B';
	/* database objects the default profile strips: their comments, owners
	 * and grants must go with them (roles are global, and may exist) */
	case SQLP_O_FDW:
		return 'W';
	case SQLP_O_SERVER:
		return 'V';
	case SQLP_O_SUBSCRIPTION:
		return 'Q';
	default:
		return 0;
	}
}

/*
 * The key of the object an item names (object of kind ok, on table).
 * Returns 0 when the kind is not remembered or the name is missing.
 */
int ss_filter_obj_key(struct ss_filter *f, struct sqlp_buf *b, enum sqlp_objkind ok,
		   const char *object, const char *table)
{
	char ns = kind_ns(ok);

	sqlp_buf_reset(b);
	if (ns == 'G' && !*table)
		ns = 'E';	/* T-SQL: a trigger ON DATABASE / ON ALL SERVER */
	if (!ns || !*object)
		return 0;
	sqlp_buf_addch(b, ns);
	switch (ns) {
	case 'R':
	case 'F':
	case 'T':
	case 'X':
		ss_filter_rel_key(f, b, object, NULL);
		break;
	case 'I':
		if (f->dialect == SQLP_POSTGRES) {
			/* a PostgreSQL index is a relation of its table's schema */
			struct sqlp_buf sch = SQLP_BUF_INIT;

			if (*table)
				schema_of(f, &sch, table);
			b->data[0] = 'R';
			ss_filter_rel_key(f, b, object, sch.len ? sch.data : NULL);
			sqlp_buf_release(&sch);
			break;
		}
		/* per-table names elsewhere */
		/* fall through */
	case 'C':
	case 'G':
	case 'U':
	case 'P':
		if (!*table)
			return 0;
		ss_filter_rel_key(f, b, table, NULL);
		sqlp_buf_addch(b, '\x1e');
		ss_name_parse(&f->nm, object);
		if (f->nm.n)
			add_part(f, b, f->nm.part[f->nm.n - 1], f->nm.len[f->nm.n - 1]);
		break;
	default:
		ss_name_parse(&f->nm, object);
		if (f->nm.n)
			add_part(f, b, f->nm.part[f->nm.n - 1], f->nm.len[f->nm.n - 1]);
		break;
	}
	ss_buf_check(b);
	return 1;
}

/* --- selection ------------------------------------------------------------- */

int ss_filter_have_selection(const struct ss_filter *f)
{
	return f->cfg.select && !ss_dump_select_all(f->cfg.select);
}

int ss_filter_have_table_patterns(const struct ss_filter *f)
{
	return f->cfg.select &&
	       (f->cfg.select->include_table.n || f->cfg.select->exclude_table.n);
}

/* Split a relation key back into schema (may be "") and name, NUL-terminated copies. */
static void key_parts(const char *key, size_t klen, struct sqlp_buf *sch, struct sqlp_buf *rel)
{
	const char *us = memchr(key, '\x1f', klen);

	sqlp_buf_reset(sch);
	sqlp_buf_reset(rel);
	if (!us) {
		sqlp_buf_add(rel, key, klen);
	} else {
		sqlp_buf_add(sch, key, (size_t)(us - key));
		sqlp_buf_add(rel, us + 1, klen - (size_t)(us - key) - 1);
	}
	ss_buf_check(sch);
	ss_buf_check(rel);
}

static int schema_selected(struct ss_filter *f, const char *schema)
{
	if (!schema || !*schema)
		return 1;	/* unknown schema (MySQL without USE): not subject */
	return ss_dump_select_schema(f->cfg.select, schema);
}

/* Own-name verdict of relation key: 1 included, -1 excluded, 0 says nothing. */
static int rel_own(struct ss_filter *f, const char *key, size_t klen)
{
	struct sqlp_buf sch = SQLP_BUF_INIT, rel = SQLP_BUF_INIT;
	struct ss_dump_select *s = f->cfg.select;
	const char *schema;
	int v = 0;

	key_parts(key, klen, &sch, &rel);
	schema = sch.len ? sch.data : NULL;
	if (!schema_selected(f, schema) || ss_patlist_match(&s->exclude_table, schema, rel.data))
		v = -1;
	else if (s->include_table.n && ss_patlist_match(&s->include_table, schema, rel.data))
		v = 1;
	sqlp_buf_release(&sch);
	sqlp_buf_release(&rel);
	return v;
}

/* Is the relation with this key selected?  Owners (facts) decide for their parts. */
static int rel_selected_key(struct ss_filter *f, const char *key, size_t klen, int depth)
{
	struct ss_fmap_ent *c = ss_fmap_get(&f->selcache, key, klen), *owner;
	int own, sel;

	if (c)
		return c->fate == SS_FATE_KEEP;
	own = rel_own(f, key, klen);
	owner = depth < 16 ? ss_fmap_get(&f->facts, key, klen) : NULL;
	if (own < 0)
		sel = 0;
	else if (owner && !rel_selected_key(f, owner->val, strlen(owner->val), depth + 1))
		sel = 0;	/* a part of an excluded table */
	else if (own > 0 || !f->cfg.select->include_table.n)
		sel = 1;
	else
		sel = owner != NULL;	/* included through its table */
	c = ss_fmap_put(&f->selcache, key, klen);
	c->fate = sel ? SS_FATE_KEEP : SS_FATE_EXCLUDE;
	return sel;
}

int ss_filter_rel_selected(struct ss_filter *f, const char *name)
{
	int sel;

	sqlp_buf_reset(&f->key2);
	ss_filter_rel_key(f, &f->key2, name, NULL);
	sel = rel_selected_key(f, f->key2.data, f->key2.len, 0);
	return sel;
}

/* Does the selection leave the item out?  Writes why into reason. */
int ss_filter_excluded(struct ss_filter *f, const struct ss_target *it, char *reason, size_t rsz)
{
	switch (it->cls) {
	case SQLP_C_SESSION:
	case SQLP_C_TRANSACTION:
	case SQLP_C_CLIENT:
	case SQLP_C_PSQL_META:
	case SQLP_C_DATABASE:
		return 0;
	default:
		break;
	}
	if (*it->table && !ss_filter_rel_selected(f, it->table)) {
		REASON(f, reason, rsz, "table %s not selected", it->table);
		return 1;
	}
	switch (it->objkind) {
	case SQLP_O_TABLE:
	case SQLP_O_VIEW:
	case SQLP_O_MATVIEW:
	case SQLP_O_SEQUENCE:
	case SQLP_O_FOREIGN_TABLE:
		if (*it->object && !ss_filter_rel_selected(f, it->object)) {
			REASON(f, reason, rsz, "%s not selected", it->object);
			return 1;
		}
		return 0;
	case SQLP_O_SCHEMA:
		ss_name_parse(&f->nm, it->object);
		if (f->nm.n && !schema_selected(f, f->nm.part[f->nm.n - 1])) {
			REASON(f, reason, rsz, "schema %s not selected", it->object);
			return 1;
		}
		return 0;
	case SQLP_O_FUNCTION:
	case SQLP_O_PROCEDURE:
	case SQLP_O_AGGREGATE:
	case SQLP_O_OPERATOR:
	case SQLP_O_TYPE:
	case SQLP_O_DOMAIN:
	case SQLP_O_COLLATION:
	case SQLP_O_TEXT_SEARCH:
	case SQLP_O_CONVERSION:
	case SQLP_O_STATISTICS:
	case SQLP_O_INDEX:
	case SQLP_O_SYNONYM: {
		const char *sch;
		int n = ss_name_parse(&f->nm, it->object);

		if (n >= 2)
			sch = f->nm.part[n - 2];
		else if (*it->table)
			return 0;	/* the table decided */
		else
			sch = ss_filter_default_schema(f);
		if (!schema_selected(f, sch)) {
			REASON(f, reason, rsz, "schema %s not selected", sch);
			return 1;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* --- facts ------------------------------------------------------------------ */

static void learn_owner(struct ss_filter *f, const char *part, const char *owner)
{
	struct ss_fmap_ent *e;

	sqlp_buf_reset(&f->key);
	ss_filter_rel_key(f, &f->key, owner, NULL);
	sqlp_buf_reset(&f->key2);
	ss_filter_rel_key(f, &f->key2, part, NULL);
	if (f->key.len == f->key2.len && !memcmp(f->key.data, f->key2.data, f->key.len))
		return;
	e = ss_fmap_put(&f->facts, f->key2.data, f->key2.len);
	e->val = ss_fmap_strdup(&f->facts, f->key.data, f->key.len);
}

void ss_filter_learn(struct ss_filter *f, const struct sqlp_item *it)
{
	if (it->dialect == SQLP_MYSQL && it->cls == SQLP_C_DATABASE && it->len >= 3 &&
	    !strncasecmp(it->text, "use", 3) && *it->object) {
		f->memo_valid = 0;	/* unqualified names change schema */
		free(f->curdb);
		ss_name_parse(&f->nm, it->object);
		f->curdb = f->nm.n ? ss_xstrndup(f->nm.part[0], f->nm.len[0]) : NULL;
	}
	if (!*it->object || !*it->table || !ss_filter_have_table_patterns(f))
		return;	/* only table selection needs to know owners */
	if (it->cls == SQLP_C_SEQUENCE_OWNED || it->cls == SQLP_C_ATTACH_PARTITION ||
	    (it->cls == SQLP_C_TABLE && (it->flags & SQLP_F_PARTITION_OF)))
		learn_owner(f, it->object, it->table);
}
