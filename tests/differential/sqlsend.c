/*
 * sqlsend.c - send a PostgreSQL script to a server one sqlparse item at a
 * time, as psql would run it: statements with PQexec, COPY data through
 * the COPY protocol, psql meta-commands skipped.  Errors are ignored (psql
 * without ON_ERROR_STOP goes on too).  Exit 2 if the script does not
 * split, 3 if the server cannot be reached.
 *
 *   sqlsend CONNINFO FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "sqlparse.h"

static PGconn *conn;
static int in_copy;

static void drain(void)
{
	PGresult *r;

	while ((r = PQgetResult(conn)))
		PQclear(r);
}

static int send_item(void *ctx, const struct sqlp_item *it)
{
	char *sql;
	PGresult *r;

	(void)ctx;
	if (it->cls == SQLP_C_COPY_DATA) {
		if (in_copy) {
			PQputCopyData(conn, it->text, (int)it->len);
			if (!(it->flags & SQLP_F_MORE)) {
				PQputCopyEnd(conn, NULL);
				drain();
				in_copy = 0;
			}
		}
		return 0;
	}
	if (it->cls == SQLP_C_PSQL_META)
		return 0;
	if (!(sql = malloc(it->len + 1)))
		return -1;
	memcpy(sql, it->text, it->len);
	sql[it->len] = 0;
	r = PQexec(conn, sql);
	free(sql);
	in_copy = PQresultStatus(r) == PGRES_COPY_IN;
	PQclear(r);
	if (!in_copy)
		drain();
	return 0;
}

int main(int argc, char **argv)
{
	struct sqlp_options o = { SQLP_POSTGRES, 0, 0 };
	struct sqlp_error e;
	char *buf;
	long n;
	FILE *f;

	if (argc != 3 || !(f = fopen(argv[2], "rb"))) {
		fprintf(stderr, "usage: sqlsend CONNINFO FILE\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return 2;
	fclose(f);
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(conn));
		return 3;
	}
	if (sqlp_split(buf, (size_t)n, &o, send_item, NULL, &e)) {
		fprintf(stderr, "%s:%u:%u: %s\n", argv[2], e.line, e.col, e.msg);
		return 2;
	}
	PQfinish(conn);
	free(buf);
	return 0;
}
