/*
 * mssql.h - SQL Server texts and URL mapping that tests check without a
 * server (sql.c builds in every configuration, FreeTDS or not).
 */
#ifndef SS_DRIVERS_MSSQL_H
#define SS_DRIVERS_MSSQL_H

struct sqlp_buf;
struct ss_url;
struct ss_err;

/* Append s as an N'...' literal (quotes doubled). */
void ss_ms_add_nliteral(struct sqlp_buf *sql, const char *s);

/*
 * The session-owned application lock on resource (a decimal number, as
 * golang-migrate makes it), as golang-migrate v4.19+ takes it: Exclusive,
 * waiting timeout_ms (< 0: for ever), its return code SELECTed
 * (0 granted, 1 granted after waiting, -1 timed out, -2 cancelled,
 * -3 deadlock victim, -999 bad call).
 */
void ss_ms_lock_sql(struct sqlp_buf *sql, const char *resource, long timeout_ms);
void ss_ms_unlock_sql(struct sqlp_buf *sql, const char *resource);
/* golang-migrate's words for a negative sp_getapplock code. */
const char *ss_ms_lock_error(long code);

/*
 * The FreeTDS server name of a go-mssqldb URL: "host:port" (1433 by
 * default), or "host\instance" for sqlserver://user:pass@host/instance
 * without a port (malloc'd).
 */
char *ss_ms_server_name(const struct ss_url *url);

#endif /* SS_DRIVERS_MSSQL_H */
