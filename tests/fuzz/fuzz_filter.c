/*
 * fuzz_filter.c - libFuzzer target for ssync filter's engine (src/filter).
 *
 * The first input byte picks the configuration (dialect, a post-sync
 * part or not, --keep all, --defer constraints, a report); the rest is the
 * script.  Besides "no crash, no leak, no undefined behaviour, no hang",
 * it checks on every input that feeding the script in chunks (of a size
 * taken from the input) writes the very same outputs, report and error as
 * feeding it whole, and that the byte counts the filter reports match what
 * it wrote.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "util/err.h"

struct run {
	struct sqlp_buf pre, post, rep;
	char error[512];
	int failed;
};

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "filter contract broken: %s\n", what);
		abort();
	}
}

static int buf_write(void *ctx, const char *data, size_t len, struct ss_err *err)
{
	(void)err;
	sqlp_buf_add(ctx, data, len);
	return 0;
}

static void configure(struct ss_filter_config *cfg, unsigned char knob)
{
	static const enum sqlp_dialect dialects[4] = { SQLP_AUTO, SQLP_POSTGRES, SQLP_MYSQL,
						       SQLP_TSQL };
	struct ss_err err;

	ss_err_init(&err);
	ss_filter_config_init(cfg);
	cfg->dialect = dialects[knob & 3];
	cfg->post_sync = (knob >> 2) & 1;
	if ((knob >> 3) & 1)
		check(ss_filter_kinds_apply(cfg, SS_OP_KEEP, "all", &err) == 0, "--keep all");
	if ((knob >> 4) & 1)
		check(ss_filter_kinds_apply(cfg, SS_OP_DEFER, "check", &err) == 0, "--defer check");
	/* max_stmt is left at 0: it bounds what the lexer buffers, so where it
	   fails depends on the chunks by design */
	ss_err_release(&err);
}

/* Filter data in pieces of chunk bytes (0: whole) into r. */
static void run(const struct ss_filter_config *cfg, const uint8_t *data, size_t size,
		size_t chunk, struct run *r)
{
	struct ss_filter_sink pre = { buf_write, &r->pre }, post = { buf_write, &r->post };
	struct ss_filter_sink rep = { buf_write, &r->rep };
	struct ss_filter_config c = *cfg;
	struct ss_filter *f;
	const struct ss_filter_stats *st;
	struct ss_err err;
	size_t at = 0;

	c.report = &rep;
	ss_err_init(&err);
	f = ss_filter_new(&c, &pre, c.post_sync ? &post : NULL);
	r->failed = ss_filter_begin_input(f, "fuzz.sql", &err) != 0;
	while (!r->failed && at < size) {
		size_t n = chunk && size - at > chunk ? chunk : size - at;

		r->failed = ss_filter_feed(f, data + at, n, &err) != 0;
		at += n;
	}
	if (!r->failed)
		r->failed = ss_filter_end_input(f, &err) != 0;
	if (!r->failed)
		r->failed = ss_filter_finish(f, &err) != 0;
	if (r->failed) {
		check(err.msg != NULL, "a failure comes with a message");
		snprintf(r->error, sizeof(r->error), "%s:%u:%u: %s", err.file ? err.file : "",
			 err.line, err.column, err.msg);
	} else {
		st = ss_filter_stats(f);
		check(st->bytes_in == size, "bytes_in counts the input");
		check(st->bytes_out[SS_OUT_PRE] == r->pre.len, "bytes_out counts the pre-sync part");
		check(st->bytes_out[SS_OUT_POST] == r->post.len,
		      "bytes_out counts the post-sync part");
		check(c.post_sync || r->post.len == 0, "nothing deferred without a post-sync part");
	}
	ss_filter_free(f);
	ss_err_release(&err);
}

/* Equal outputs; when not, both are printed before the abort. */
static int same(const struct sqlp_buf *a, const struct sqlp_buf *b)
{
	if (a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0))
		return 1;
	fprintf(stderr, "---- whole input:\n%.*s\n---- in pieces:\n%.*s\n----\n", (int)a->len,
		a->data, (int)b->len, b->data);
	return 0;
}

/* 64 letters and digits, then the end of the line: a key the filter made */
static int is_key(const char *p, const char *e)
{
	for (int i = 0; i < 64; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')))
			return 0;
	return p + 64 == e || p[64] == '\n' || p[64] == '\r';
}

/*
 * The filter writes \restrict with a random key of its own: check that
 * each \unrestrict names the key of the \restrict before it, then blank
 * the keys so that two runs compare equal.
 */
static void blank_keys(struct sqlp_buf *b)
{
	static const char *const words[2] = { "\\restrict ", "\\unrestrict " };
	char key[65] = "";
	char *p = b->data, *e = b->data + b->len;

	while ((p = memchr(p, '\\', (size_t)(e - p))) != NULL) {
		for (int w = 0; w < 2; w++) {
			size_t n = strlen(words[w]);

			if ((size_t)(e - p) < n + 64 || memcmp(p, words[w], n) || !is_key(p + n, e))
				continue;
			if (w == 0)
				memcpy(key, p + n, 64);
			else
				check(key[0] && memcmp(key, p + n, 64) == 0,
				      "\\unrestrict names the key of its \\restrict");
			memset(p + n, 'K', 64);
		}
		p++;
	}
}

static void release(struct run *r)
{
	sqlp_buf_release(&r->pre);
	sqlp_buf_release(&r->post);
	sqlp_buf_release(&r->rep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ss_filter_config cfg;
	struct run whole, pieces;
	size_t chunk;

	if (size < 2)
		return 0;
	configure(&cfg, data[0]);
	chunk = 1 + data[1] % 97;
	data += 2;
	size -= 2;
	memset(&whole, 0, sizeof(whole));
	memset(&pieces, 0, sizeof(pieces));
	sqlp_buf_init(&whole.pre);
	sqlp_buf_init(&whole.post);
	sqlp_buf_init(&whole.rep);
	sqlp_buf_init(&pieces.pre);
	sqlp_buf_init(&pieces.post);
	sqlp_buf_init(&pieces.rep);
	run(&cfg, data, size, 0, &whole);
	run(&cfg, data, size, chunk, &pieces);
	blank_keys(&whole.pre);
	blank_keys(&whole.post);
	blank_keys(&pieces.pre);
	blank_keys(&pieces.post);
	if (whole.failed != pieces.failed || strcmp(whole.error, pieces.error))
		fprintf(stderr, "whole input: %s\nin pieces of %zu: %s\n",
			whole.failed ? whole.error : "no error", chunk,
			pieces.failed ? pieces.error : "no error");
	check(whole.failed == pieces.failed, "chunked input fails as the whole does");
	check(strcmp(whole.error, pieces.error) == 0, "chunked input gives the same error");
	check(same(&whole.pre, &pieces.pre), "chunked input gives the same pre-sync part");
	check(same(&whole.post, &pieces.post), "chunked input gives the same post-sync part");
	check(same(&whole.rep, &pieces.rep), "chunked input gives the same report");
	release(&whole);
	release(&pieces);
	return 0;
}
