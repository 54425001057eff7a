/*
 * index.c - migration file names and the version index; see index.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/index.h"
#include "util/err.h"
#include "util/xmalloc.h"

int ss_mig_parse_name(const char *name, struct ss_mig_name *out)
{
	const char *p = name, *title;
	uint64_t v = 0;
	int overflow = 0;

	if (*p < '0' || *p > '9')
		return SS_MIG_NAME_NO;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (UINT64_MAX - d) / 10)
			overflow = 1;
		v = v * 10 + d;
	}
	if (*p != '_')
		return SS_MIG_NAME_NO;
	title = p + 1;
	/* "." in the title and extension never matches a newline. */
	if (strchr(title, '\n'))
		return SS_MIG_NAME_NO;
	/* Greedy title: the last ".up." or ".down." wins. */
	for (size_t k = strlen(title); k-- > 0;) {
		const char *e = title + k;

		if (strncmp(e, ".up.", 4) && strncmp(e, ".down.", 6))
			continue;
		if (overflow)
			return SS_MIG_NAME_OVERFLOW;
		out->version = v;
		out->up = e[1] == 'u';
		out->title = title;
		out->title_len = k;
		out->ext = e + (out->up ? 4 : 6);
		return SS_MIG_NAME_YES;
	}
	return SS_MIG_NAME_NO;
}

struct parsed {
	struct ss_mig_name n;
	size_t pos;		/* index in names */
};

static int cmp_parsed(const void *a, const void *b)
{
	const struct parsed *x = a, *y = b;

	if (x->n.version != y->n.version)
		return x->n.version < y->n.version ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int ss_mig_index_build(struct ss_mig_index *idx, const struct ss_strlist *names,
		       struct ss_err *err)
{
	struct parsed *p = ss_xcalloc(names->n + 1, sizeof(*p));
	size_t np = 0;

	idx->v = NULL;
	idx->n = 0;
	for (size_t i = 0; i < names->n; i++) {
		int r = ss_mig_parse_name(names->items[i], &p[np].n);

		if (r != SS_MIG_NAME_YES)
			continue;
		if (p[np].n.version > (uint64_t)INT64_MAX) {
			ss_err_set(err, SS_ERR_PARSE,
				   "migration file '%s': version %llu is larger than the tracking "
				   "table's bigint can hold", names->items[i],
				   (unsigned long long)p[np].n.version);
			free(p);
			return -1;
		}
		p[np++].pos = i;
	}
	qsort(p, np, sizeof(*p), cmp_parsed);
	idx->v = ss_xcalloc(np + 1, sizeof(*idx->v));
	for (size_t i = 0; i < np; i++) {
		struct ss_mig_version *v;
		long *slot;
		char **title;

		if (idx->n && idx->v[idx->n - 1].version == p[i].n.version) {
			v = &idx->v[idx->n - 1];
		} else {
			v = &idx->v[idx->n++];
			v->version = p[i].n.version;
			v->up = v->down = -1;
		}
		slot = p[i].n.up ? &v->up : &v->down;
		title = p[i].n.up ? &v->up_title : &v->down_title;
		if (*slot >= 0) {
			ss_err_set(err, SS_ERR_PARSE, "duplicate migration file: %s",
				   names->items[p[i].pos]);
			ss_err_detail(err, "'%s' and '%s' are both the %s migration of version %llu",
				      names->items[*slot], names->items[p[i].pos],
				      p[i].n.up ? "up" : "down",
				      (unsigned long long)p[i].n.version);
			free(p);
			ss_mig_index_release(idx);
			return -1;
		}
		*slot = (long)p[i].pos;
		*title = ss_xstrndup(p[i].n.title, p[i].n.title_len);
	}
	free(p);
	return 0;
}

void ss_mig_index_release(struct ss_mig_index *idx)
{
	for (size_t i = 0; i < idx->n; i++) {
		free(idx->v[i].up_title);
		free(idx->v[i].down_title);
	}
	free(idx->v);
	idx->v = NULL;
	idx->n = 0;
}

long ss_mig_index_find(const struct ss_mig_index *idx, uint64_t version)
{
	size_t lo = 0, hi = idx->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (idx->v[mid].version == version)
			return (long)mid;
		if (idx->v[mid].version < version)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
