/*
 * names.c - splitting the qualified names sqlparse hands out, and the
 * string map that remembers objects whose fate their dependents follow.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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

static unsigned hash_bytes(const char *s, size_t n)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
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

static struct ss_fmap_ent *find(const struct ss_fmap *m, const char *key, size_t klen,
				unsigned h)
{
	size_t mask = m->cap - 1, i = h & mask;

	for (;;) {
		struct ss_fmap_ent *e = &m->ents[i];

		if (!e->key || (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen)))
			return e;
		i = (i + 1) & mask;
	}
}

static void grow(struct ss_fmap *m)
{
	struct ss_fmap_ent *old = m->ents;
	size_t ocap = m->cap;

	m->cap = ocap ? ocap * 2 : 256;
	m->ents = ss_xcalloc(m->cap, sizeof(*m->ents));
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	free(old);
}

struct ss_fmap_ent *ss_fmap_put(struct ss_fmap *m, const char *key, size_t klen)
{
	unsigned h = hash_bytes(key, klen);
	struct ss_fmap_ent *e;

	if ((m->used + 1) * 4 > m->cap * 3)
		grow(m);
	e = find(m, key, klen, h);
	if (!e->key) {
		e->key = ss_fmap_strdup(m, key, klen);
		e->klen = klen;
		e->hash = h;
		e->val = NULL;
		m->used++;
	}
	return e;
}

struct ss_fmap_ent *ss_fmap_get(const struct ss_fmap *m, const char *key, size_t klen)
{
	struct ss_fmap_ent *e;

	if (!m->cap)
		return NULL;
	e = find(m, key, klen, hash_bytes(key, klen));
	return e->key ? e : NULL;
}
