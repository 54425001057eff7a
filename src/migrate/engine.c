/*
 * engine.c - helpers the migrate engines share; see engine.h.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cli/opts.h"
#include "drivers/driver.h"
#include "migrate/engine.h"
#include "migrate/text.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* golang-migrate's database.GenerateAdvisoryLockId salt. */
#define LOCK_SALT 1486364155u

uint32_t ss_mig_lock_hash(const void *data, size_t len)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	const unsigned char *p = data;

	/* crc32() takes a uInt length: feed long inputs in pieces. */
	while (len > 0) {
		uInt n = len > 1u << 30 ? 1u << 30 : (uInt)len;

		crc = crc32(crc, p, n);
		p += n;
		len -= n;
	}
	return (uint32_t)((uint32_t)crc * LOCK_SALT);
}

void ss_mig_quote_ident(struct sqlp_buf *b, const char *s, char open, char close)
{
	sqlp_buf_addch(b, open);
	for (; *s; s++) {
		if (*s == close)
			sqlp_buf_addch(b, close);
		sqlp_buf_addch(b, *s);
	}
	sqlp_buf_addch(b, close);
}

struct first_value {
	char *value;
	int found;
};

static int keep_first(void *ctx, size_t ncols, const char *const *values, const size_t *lengths,
		      struct ss_err *err)
{
	struct first_value *fv = ctx;

	if (fv->found || ncols == 0)
		return 0;
	fv->found = 1;
	fv->value = values[0] ? ss_xstrndup(values[0], lengths[0]) : NULL;
	return 0;
}

int ss_mig_query_value(struct ss_conn *conn, const char *sql, char **value, int *found,
		       struct ss_err *err)
{
	struct first_value fv = { NULL, 0 };

	if (ss_conn_query(conn, sql, keep_first, &fv, err)) {
		free(fv.value);
		return -1;
	}
	*value = fv.value;
	if (found)
		*found = fv.found;
	return 0;
}

static int keep_name(void *ctx, size_t ncols, const char *const *values, const size_t *lengths,
		     struct ss_err *err)
{
	if (ncols && values[0])
		ss_strlist_push(ctx, values[0]);
	return 0;
}

int ss_mig_query_names(struct ss_conn *conn, const char *sql, struct ss_strlist *names,
		       struct ss_err *err)
{
	return ss_conn_query(conn, sql, keep_name, names, err);
}

struct version_row {
	int64_t version;
	int dirty;
	int found;
};

static int keep_version(void *ctx, size_t ncols, const char *const *values,
			const size_t *lengths, struct ss_err *err)
{
	struct version_row *r = ctx;
	const char *d;

	if (r->found)
		return 0;
	if (ncols < 2 || !values[0] || !values[1])
		return ss_err_set(err, SS_ERR_SQL, "the tracking table has an unexpected row");
	d = values[1];
	r->found = 1;
	r->version = strtoll(values[0], NULL, 10);
	r->dirty = !strcmp(d, "t") || !strcmp(d, "true") || !strcmp(d, "1");
	return 0;
}

int ss_mig_query_version(struct ss_conn *conn, const char *sql, int64_t *version, int *dirty,
			 struct ss_err *err)
{
	struct version_row r = { -1, 0, 0 };

	if (ss_conn_query(conn, sql, keep_version, &r, err))
		return -1;
	*version = r.found ? r.version : -1;
	*dirty = r.found && r.dirty;
	return 0;
}

int ss_mig_exec_buf(struct ss_conn *conn, struct sqlp_buf *sql, struct ss_err *err)
{
	int rc;

	ss_buf_check(sql);
	rc = ss_conn_exec(conn, sql->data, sql->len, err);
	sqlp_buf_release(sql);
	return rc;
}

void ss_mig_set_lock_key(struct ss_mig_db *db, const void *data, size_t len)
{
	free(db->lock_key);
	db->lock_key = ss_xasprintf("%lu", (unsigned long)ss_mig_lock_hash(data, len));
}

void ss_mig_set_lock_key_of(struct ss_mig_db *db, int sep, ...)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	const char *s;
	va_list ap;

	va_start(ap, sep);
	for (int n = 0; (s = va_arg(ap, const char *)); n++) {
		if (n)
			sqlp_buf_addch(&b, sep);
		sqlp_buf_addstr(&b, s);
	}
	va_end(ap);
	ss_buf_check(&b);
	ss_mig_set_lock_key(db, b.data, b.len);
	sqlp_buf_release(&b);
}

void ss_mig_set_qtable(struct ss_mig_db *db, char open, char close)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	if (db->schema) {
		ss_mig_quote_ident(&b, db->schema, open, close);
		sqlp_buf_addch(&b, '.');
	}
	ss_mig_quote_ident(&b, db->table, open, close);
	ss_buf_check(&b);
	free(db->qtable);
	db->qtable = sqlp_buf_detach(&b, NULL);
}

int ss_mig_select_version(struct ss_mig_db *db, const char *before, const char *after,
			  int64_t *version, int *dirty, struct ss_err *err)
{
	char *sql = ss_xasprintf("%s%s%s", before, db->qtable, after);
	int rc = ss_mig_query_version(db->conn, sql, version, dirty, err);

	free(sql);
	return rc;
}

long long ss_mig_position_offset(const char *sql, size_t len, const struct ss_err *err)
{
	if (!err->column)
		return -1;
	return (long long)ss_mig_char_to_byte(sql, len, err->column);
}

int ss_mig_bool_option(const char *name, const char *value, int *out, struct ss_err *err)
{
	int v = ss_parse_go_bool(value);

	if (v < 0)
		return ss_err_set(err, SS_ERR_USAGE,
				  "unable to parse option %s: strconv.ParseBool: parsing \"%s\": invalid syntax",
				  name, value);
	*out = v;
	return 0;
}

int ss_mig_int_option(const char *name, const char *value, long long *out, struct ss_err *err)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(value, &end, 10);
	if (!*value || *end || errno || value[0] == ' ' || value[0] == '\t')
		return ss_err_set(err, SS_ERR_USAGE,
				  "unable to parse option %s: strconv.Atoi: parsing \"%s\": %s", name,
				  value, errno == ERANGE ? "value out of range" : "invalid syntax");
	*out = v;
	return 0;
}
