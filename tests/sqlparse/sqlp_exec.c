/*
 * sqlp_exec.c - test helper: split a script with sqlparse and run its
 * statements one at a time on a server through ssync's driver layer, the
 * way the migrate engine will.  Client lines (DELIMITER, psql
 * meta-commands, sqlcmd lines) are skipped; COPY data is not supported.
 * Stops at the first error, as the mysql and psql clients do by default,
 * unless --force is given.  --strip-cr drops a '\r' before each '\n' of a
 * statement, as the mysql client does with every line it reads (string
 * literals included).
 *
 *   sqlp-exec [--dialect D] [--force] [--strip-cr] URL FILE
 *
 * Exit status: 0 if every statement ran, 1 if one failed, 2 on bad usage
 * or a file that does not split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

struct run {
	struct ss_conn *conn;
	const char *file;
	int force;
	int strip_cr;
	int failed;
	struct sqlp_buf sql;
	unsigned count;
};

static int run_item(void *ctx, const struct sqlp_item *it)
{
	struct run *r = ctx;
	struct ss_err err = SS_ERR_INIT;

	switch (it->cls) {
	case SQLP_C_PSQL_META:
	case SQLP_C_CLIENT:
		return 0;
	case SQLP_C_COPY_DATA:
		fprintf(stderr, "%s:%u:%u: COPY data is not supported here\n", r->file, it->line,
			it->col);
		r->failed = 1;
		return 1;
	default:
		break;
	}
	r->count++;
	sqlp_buf_reset(&r->sql);
	if (r->strip_cr) {
		size_t i;

		for (i = 0; i < it->len; i++)
			if (!(it->text[i] == '\r' && i + 1 < it->len && it->text[i + 1] == '\n'))
				sqlp_buf_addch(&r->sql, it->text[i]);
	} else {
		sqlp_buf_add(&r->sql, it->text, it->len);
	}
	if (ss_conn_exec(r->conn, r->sql.data, r->sql.len, &err)) {
		fprintf(stderr, "%s:%u:%u: %s\n", r->file, it->line, it->col, err.msg);
		ss_err_release(&err);
		r->failed = 1;
		return r->force ? 0 : 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sqlp_options opts = { SQLP_AUTO, 0, 0 };
	struct run r = { NULL, NULL, 0, 0, 0, SQLP_BUF_INIT, 0 };
	struct ss_err err = SS_ERR_INIT;
	struct sqlp_error perr;
	struct sqlp_buf text = SQLP_BUF_INIT;
	char chunk[65536];
	const char *url;
	FILE *f;
	size_t n;
	int i = 1, rc;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--force"))
			r.force = 1;
		else if (!strcmp(argv[i], "--strip-cr"))
			r.strip_cr = 1;
		else if (!strcmp(argv[i], "--dialect") && i + 1 < argc &&
			 !sqlp_dialect_parse(argv[i + 1], &opts.dialect))
			i++;
		else
			break;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: sqlp-exec [--dialect D] [--force] [--strip-cr] URL FILE\n");
		return 2;
	}
	url = argv[i];
	r.file = argv[i + 1];
	if (!(f = fopen(r.file, "rb"))) {
		perror(r.file);
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sqlp_buf_add(&text, chunk, n);
	fclose(f);
	if (ss_connect(url, &r.conn, &err)) {
		fprintf(stderr, "sqlp-exec: %s\n", err.msg);
		return 2;
	}
	rc = sqlp_split(text.data, text.len, &opts, run_item, &r, &perr);
	ss_conn_close(r.conn);
	sqlp_buf_release(&text);
	sqlp_buf_release(&r.sql);
	if (rc < 0) {
		fprintf(stderr, "%s:%u:%u: %s\n", r.file, perr.line, perr.col, perr.msg);
		return 2;
	}
	printf("%u statements run\n", r.count);
	return r.failed ? 1 : 0;
}
