/*
 * sync.c - the dump's objects run on a destination database (see sync.h):
 * one more struct ss_dump_sink, fed in load order by ss_dump_feed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "dump/dump.h"
#include "dump/sync.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct sync_sink {
	struct ss_dump_sink base;
	const struct ss_sync_opts *o;
	struct ss_sync_stats *st;
	struct sqlp_buf buf;
};

/* Run sql on the destination; err says which object it was. */
static int run(struct sync_sink *k, const char *what, const char *sql, struct ss_err *err)
{
	struct ss_err e = SS_ERR_INIT;
	double t0 = ss_now_ms();

	if (ss_conn_exec(k->o->dest, sql, strlen(sql), &e) == 0) {
		ss_debug("%s: %.0f ms", what, ss_now_ms() - t0);
		return 0;
	}
	if (e.kind != SS_ERR_SQL || !k->o->ignore_errors) {
		/* a lost connection is no statement to go on past */
		ss_err_prefix(&e, "%s", what);
		ss_err_move(err, &e);
		return -1;
	}
	k->st->failed++;
	ss_warn("%s: %s%s%s%s (ignored)", what, e.msg, *e.sqlstate ? " (SQLSTATE " : "",
		e.sqlstate, *e.sqlstate ? ")" : "");
	ss_err_release(&e);
	return 0;
}

static int sync_begin(struct ss_dump_sink *s, enum ss_dsection sec, struct ss_err *err)
{
	struct sync_sink *k = (struct sync_sink *)s;

	(void)err;
	if (!k->o->dest) {
		sqlp_buf_reset(&k->buf);
		ss_dump_banner(&k->buf, sec);
		ss_buf_check(&k->buf);
		fputs(k->buf.data, k->o->dry_out);
	}
	return 0;
}

static int sync_object(struct ss_dump_sink *s, const struct ss_dobj *o, const char *text,
		       struct ss_err *err)
{
	struct sync_sink *k = (struct sync_sink *)s;
	unsigned failed;
	char *what;
	int rc;

	if (!k->o->dest) {
		sqlp_buf_reset(&k->buf);
		ss_dump_title(&k->buf, o);
		ss_buf_check(&k->buf);
		fputs(k->buf.data, k->o->dry_out);
		fputs(text, k->o->dry_out);
		k->st->done++;
		return 0;
	}
	what = ss_xasprintf("%s %s%s%s", ss_dkind_tag(o->kind), o->schema ? o->schema : "",
			    o->schema ? "." : "", o->label);
	failed = k->st->failed;
	rc = run(k, what, text, err);
	free(what);
	if (!rc && k->st->failed == failed)
		k->st->done++;
	return rc;
}

static int in_transaction(const struct ss_sync_opts *o)
{
	return o->dest && !o->ignore_errors &&
	       (o->dest->driver->caps & SS_DRV_TRANSACTIONAL_DDL);
}

int ss_sync_apply(const struct ss_dump *d, const struct ss_sync_opts *o, struct ss_sync_stats *st,
		  struct ss_err *err)
{
	struct sync_sink k = { { sync_begin, sync_object, NULL }, o, st, SQLP_BUF_INIT };
	int tx = in_transaction(o), rc = -1;

	memset(st, 0, sizeof(*st));
	if (!o->dest) {
		fputs(o->header, o->dry_out);
	} else if ((tx && ss_conn_exec(o->dest, "BEGIN", 5, err)) ||
		   run(&k, "session settings", o->header, err)) {
		goto out;
	}
	if (ss_dump_feed(d, o->sections, &k.base, o->progress, err))
		goto out;
	if (o->tail && *o->tail) {
		if (!o->dest) {
			fputs("\n-- sequence values, as on the source\n\n", o->dry_out);
			fputs(o->tail, o->dry_out);
		} else if (run(&k, "sequence values", o->tail, err)) {
			goto out;
		}
	}
	if (tx && ss_conn_exec(o->dest, "COMMIT", 6, err))
		goto out;
	if (!o->dest && (fflush(o->dry_out) || ferror(o->dry_out))) {
		ss_err_set(err, SS_ERR_IO, "cannot write the statements");
		goto out;
	}
	rc = 0;
out:
	if (rc && tx) {
		/* the server may already have dropped the connection: best effort */
		struct ss_err ignored = SS_ERR_INIT;

		ss_conn_exec(o->dest, "ROLLBACK", 8, &ignored);
		ss_err_release(&ignored);
	}
	sqlp_buf_release(&k.buf);
	return rc;
}
