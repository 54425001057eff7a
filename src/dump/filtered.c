/*
 * filtered.c - "ssync dump --filter": the dump's script passed, in
 * process, through the ssync filter engine (src/filter), which decides
 * every statement's fate by its own rules (strip triggers, views, grants;
 * defer indexes and foreign keys into the post-sync file) with the
 * options the user gave, exactly as "ssync dump | ssync filter" would.
 *
 * The dump's objects are fed in load order through a struct
 * ss_dump_sink, so nothing is held in memory beyond one object; the
 * filter's outputs are files that appear complete or not at all.
 */
#include "config.h"

#include <string.h>

#include "dump/dump.h"
#include "filter/filter.h"
#include "filter/outfile.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct filter_sink {
	struct ss_dump_sink base;
	struct ss_filter *f;
	struct sqlp_buf buf;
};

/* The same bytes the sql writer would write: banners, titles, objects. */
static int feed_banner(struct ss_dump_sink *s, enum ss_dsection sec, struct ss_err *err)
{
	struct filter_sink *k = (struct filter_sink *)s;

	sqlp_buf_reset(&k->buf);
	ss_dump_banner(&k->buf, sec);
	ss_buf_check(&k->buf);
	return ss_filter_feed(k->f, k->buf.data, k->buf.len, err);
}

static int feed_object(struct ss_dump_sink *s, const struct ss_dobj *o, const char *text,
		       struct ss_err *err)
{
	struct filter_sink *k = (struct filter_sink *)s;

	sqlp_buf_reset(&k->buf);
	ss_dump_title(&k->buf, o);
	sqlp_buf_addstr(&k->buf, text);
	ss_buf_check(&k->buf);
	return ss_filter_feed(k->f, k->buf.data, k->buf.len, err);
}

int ss_dump_write_filtered(const struct ss_dump *d, const struct ss_dump_write_opts *o,
			   struct ss_filter_config *cfg, struct ss_err *err)
{
	struct ss_outfile pre, post;
	struct ss_filter_sink pre_sink = { ss_outfile_write, &pre };
	struct ss_filter_sink post_sink = { ss_outfile_write, &post };
	struct filter_sink k;
	struct sqlp_buf hdr = SQLP_BUF_INIT;
	int split = o->split_pre && o->split_post, have_post = 0, rc = -1;
	const char *source = "ssync dump";

	memset(&k, 0, sizeof(k));
	sqlp_buf_init(&k.buf);
	k.base.begin = feed_banner;
	k.base.object = feed_object;
	if (ss_outfile_open(&pre, split ? o->split_pre : o->output, err))
		return -1;
	if (split) {
		if (ss_outfile_open(&post, o->split_post, err))
			goto out;
		have_post = 1;
	}
	cfg->dialect = SQLP_POSTGRES;
	cfg->post_sync = split;
	k.f = ss_filter_new(cfg, &pre_sink, split ? &post_sink : NULL);
	if (ss_filter_begin_input(k.f, source, err) ||
	    ss_filter_feed(k.f, o->header, strlen(o->header), err) ||
	    ss_dump_feed(d, (1u << SS_SEC_PRE) | (1u << SS_SEC_POST), &k.base, o->progress, err) ||
	    ss_filter_end_input(k.f, err) || ss_filter_finish(k.f, err))
		goto out;
	if (have_post) {
		ss_filter_header(k.f, SS_OUT_POST, source, &hdr);
		if (ss_outfile_commit(&post, hdr.data, hdr.len, err))
			goto out;
		have_post = 0;
		sqlp_buf_reset(&hdr);
	}
	ss_filter_header(k.f, SS_OUT_PRE, source, &hdr);
	if (ss_outfile_commit(&pre, hdr.data, hdr.len, err))
		goto out;
	{
		const struct ss_filter_stats *st = ss_filter_stats(k.f);

		ss_info("filter: %lu statements; %llu bytes pre-sync, %llu bytes post-sync", st->items,
			st->bytes_out[SS_OUT_PRE], st->bytes_out[SS_OUT_POST]);
	}
	rc = 0;
out:
	if (rc) {
		ss_outfile_abort(&pre);
		if (have_post)
			ss_outfile_abort(&post);
	}
	if (k.f)
		ss_filter_free(k.f);
	sqlp_buf_release(&k.buf);
	sqlp_buf_release(&hdr);
	return rc;
}
