/*
 * pg.h - PostgreSQL-only entry points for code that needs libpq itself
 * (the dumper's pipelined catalog reads, migrate's error mapping).
 */
#ifndef SS_DRIVERS_PG_H
#define SS_DRIVERS_PG_H

#include <libpq-fe.h>

struct ss_conn;
struct ss_err;

/* The libpq handle of a connection made by ss_driver_pg (borrowed). */
PGconn *ss_pg_handle(struct ss_conn *conn);
/*
 * Fill err from a failed result (res may be NULL: use the connection's
 * message).  Sets SQLSTATE, detail, hint and, when the server gave a
 * statement position, err->column to that 1-based character position.
 */
void ss_pg_fill_error(PGconn *pg, const PGresult *res, struct ss_err *err);

#endif /* SS_DRIVERS_PG_H */
