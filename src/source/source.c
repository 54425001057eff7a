/*
 * source.c - source URLs and what every source shares; see source.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source/source.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/url.h"
#include "util/xmalloc.h"

int ss_source_scheme(const char *url, size_t *len, struct ss_err *err)
{
	const char *colon;

	if (!url || !*url)
		return ss_err_set(err, SS_ERR_USAGE, "URL cannot be empty");
	colon = strchr(url, ':');
	if (!colon || colon == url)
		return ss_err_set(err, SS_ERR_USAGE, "no scheme");
	*len = (size_t)(colon - url);
	return 0;
}

char *ss_source_url_path(const char *url, size_t scheme_len, char **query)
{
	const char *rest = url + scheme_len + 1;
	size_t n;
	char *path;

	if (query)
		*query = NULL;
	if (!strncmp(rest, "//", 2))
		rest += 2;	/* authority form: host + path are one path here */
	n = strcspn(rest, "?#");
	path = ss_url_unescape(rest, n, 0);
	if (query && rest[n] == '?') {
		size_t q = strcspn(rest + n + 1, "#");

		*query = ss_xstrndup(rest + n + 1, q);
	}
	return path;
}

struct ss_source *ss_source_alloc(const struct ss_source_ops *ops, size_t size, const char *url)
{
	struct ss_source *src = ss_xcalloc(1, size);

	src->ops = ops;
	src->url = ss_xstrdup(url);
	return src;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ss_source_sort_names(struct ss_source *src)
{
	if (src->names.n > 1)
		qsort(src->names.items, src->names.n, sizeof(char *), cmp_names);
}

int ss_source_open(const char *url, struct ss_source **out, struct ss_err *err)
{
	size_t slen;
	char *path, *query = NULL;
	int rc;

	*out = NULL;
	if (ss_source_scheme(url, &slen, err))
		return -1;
	if (slen == 4 && !strncmp(url, "file", 4)) {
		path = ss_source_url_path(url, slen, NULL);
		rc = ss_source_dir_open(url, path, out, err);
	} else if (slen == 7 && !strncmp(url, "archive", 7)) {
		struct ss_url params = { 0 };
		const char *dir = NULL;
		char *fake;

		path = ss_source_url_path(url, slen, &query);
		/* Reuse the URL query parser for "?dir=SUB". */
		fake = ss_xasprintf("x://h?%s", query ? query : "");
		if (ss_url_parse(fake, &params, err)) {
			free(fake);
			free(path);
			free(query);
			return -1;
		}
		free(fake);
		for (size_t i = 0; i < params.nparams; i++) {
			if (!strcmp(params.params[i].key, "dir")) {
				dir = params.params[i].value;
			} else {
				ss_err_set(err, SS_ERR_USAGE,
					   "unknown parameter '%s' in archive source URL (only 'dir' is known)",
					   params.params[i].key);
				break;
			}
		}
		rc = ss_err_isset(err) ? -1 : ss_source_archive_open(url, path, dir, out, err);
		ss_url_release(&params);
	} else {
		ss_err_set(err, SS_ERR_USAGE, "source driver: unknown driver %.*s (forgotten import?)",
			   (int)slen, url);
		ss_err_hint(err, "ssync reads file://DIR and archive://FILE[?dir=SUB] sources");
		return -1;
	}
	free(path);
	free(query);
	return rc;
}

int ss_source_read(struct ss_source *src, size_t i, struct sqlp_buf *out, struct ss_err *err)
{
	if (i >= src->names.n)
		return ss_err_set(err, SS_ERR_INTERNAL, "source has no file number %zu", i);
	return src->ops->read(src, i, out, err);
}

char *ss_source_path(const struct ss_source *src, size_t i)
{
	const char *d = src->display ? src->display : "";
	size_t n = strlen(d);

	if (!n || (n == 1 && d[0] == '.'))
		return ss_xstrdup(src->names.items[i]);
	return ss_xasprintf("%s%s%s", d, d[n - 1] == '/' || d[n - 1] == '!' ? "" : "/",
			    src->names.items[i]);
}

void ss_source_free(struct ss_source *src)
{
	if (!src)
		return;
	if (src->ops && src->ops->free)
		src->ops->free(src);
	free(src->url);
	free(src->display);
	ss_strlist_release(&src->names);
	free(src);
}
