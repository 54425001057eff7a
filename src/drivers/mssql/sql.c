/*
 * sql.c - SQL Server texts of the driver that tests check without a
 * server; see mssql.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/mssql/mssql.h"
#include "sqlparse.h"
#include "util/url.h"
#include "util/xmalloc.h"

void ss_ms_add_nliteral(struct sqlp_buf *sql, const char *s)
{
	sqlp_buf_addstr(sql, "N'");
	for (; *s; s++) {
		if (*s == '\'')
			sqlp_buf_addch(sql, '\'');
		sqlp_buf_addch(sql, *s);
	}
	sqlp_buf_addch(sql, '\'');
}

void ss_ms_lock_sql(struct sqlp_buf *sql, const char *resource, long timeout_ms)
{
	sqlp_buf_addstr(sql, "DECLARE @lockResult int; EXEC @lockResult = sp_getapplock @Resource = ");
	ss_ms_add_nliteral(sql, resource);
	sqlp_buf_addf(sql, ", @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = %ld; "
		      "SELECT @lockResult", timeout_ms < 0 ? -1L : timeout_ms);
}

void ss_ms_unlock_sql(struct sqlp_buf *sql, const char *resource)
{
	sqlp_buf_addstr(sql, "EXEC sp_releaseapplock @Resource = ");
	ss_ms_add_nliteral(sql, resource);
	sqlp_buf_addstr(sql, ", @LockOwner = 'Session'");
}

const char *ss_ms_lock_error(long code)
{
	switch (code) {
	case -1:
		return "The lock request timed out.";
	case -2:
		return "The lock request was canceled.";
	case -3:
		return "The lock request was chosen as a deadlock victim.";
	case -999:
		return "Parameter validation or other call error.";
	default:
		return "Unknown error";
	}
}

char *ss_ms_server_name(const struct ss_url *url)
{
	const char *host = url->host && *url->host ? url->host : "localhost";
	const char *instance = url->path && url->path[0] == '/' && url->path[1] ? url->path + 1 : NULL;

	/* go-mssqldb: a port wins; an instance alone is found through SQL Browser. */
	if (url->port && *url->port)
		return ss_xasprintf("%s:%s", host, url->port);
	if (instance)
		return ss_xasprintf("%s\\%s", host, instance);
	return ss_xasprintf("%s:1433", host);
}
