/*
 * sql.c - SQL texts of the MySQL driver that tests check without a
 * server; see mysql.h.
 */
#include "config.h"

#include "drivers/mysql/mysql.h"
#include "sqlparse.h"

void ss_my_add_literal(struct sqlp_buf *sql, const char *s)
{
	sqlp_buf_addch(sql, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			sqlp_buf_addch(sql, *s);
		sqlp_buf_addch(sql, *s);
	}
	sqlp_buf_addch(sql, '\'');
}

void ss_my_lock_sql(struct sqlp_buf *sql, const char *name, long timeout_s)
{
	/* A negative timeout waits for ever (MySQL 5.7+, MariaDB). */
	sqlp_buf_addstr(sql, "SELECT GET_LOCK(");
	ss_my_add_literal(sql, name);
	sqlp_buf_addf(sql, ", %ld)", timeout_s < 0 ? -1L : timeout_s);
}

void ss_my_unlock_sql(struct sqlp_buf *sql, const char *name)
{
	sqlp_buf_addstr(sql, "SELECT RELEASE_LOCK(");
	ss_my_add_literal(sql, name);
	sqlp_buf_addch(sql, ')');
}
