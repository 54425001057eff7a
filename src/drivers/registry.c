/*
 * registry.c - URL scheme -> driver, and which engines this build has.
 * The only file in src/ (besides tests) that tests HAVE_LIBPQ & co.
 */
#include "config.h"

#include <string.h>

#include "drivers/driver.h"
#include "util/err.h"
#include "util/url.h"

struct backend {
	const char *scheme;
	const char *title;
	const char *configure_switch;
	const struct ss_driver *driver;	/* NULL when not built */
};

static const struct backend backends[] = {
#ifdef HAVE_LIBPQ
	{ "postgres", "PostgreSQL", "--with-postgresql", &ss_driver_pg },
	{ "postgresql", "PostgreSQL", "--with-postgresql", &ss_driver_pg },
#else
	{ "postgres", "PostgreSQL", "--with-postgresql", NULL },
	{ "postgresql", "PostgreSQL", "--with-postgresql", NULL },
#endif
#ifdef HAVE_MYSQL
	{ "mysql", "MySQL", "--with-mysql", &ss_driver_mysql },
	{ "mariadb", "MySQL", "--with-mysql", &ss_driver_mysql },
#else
	{ "mysql", "MySQL", "--with-mysql", NULL },
	{ "mariadb", "MySQL", "--with-mysql", NULL },
#endif
#ifdef HAVE_FREETDS
	{ "sqlserver", "SQL Server", "--with-freetds", &ss_driver_mssql },
#else
	{ "sqlserver", "SQL Server", "--with-freetds", NULL },
#endif
};

const struct ss_driver *ss_driver_for_scheme(const char *scheme, struct ss_err *err)
{
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		if (strcmp(backends[i].scheme, scheme))
			continue;
		if (!backends[i].driver) {
			ss_err_set(err, SS_ERR_UNSUPPORTED,
				   "this ssync was built without %s support (%s)",
				   backends[i].title, backends[i].configure_switch);
			ss_err_hint(err, "rebuild with ./configure %s=yes",
				    backends[i].configure_switch);
			return NULL;
		}
		return backends[i].driver;
	}
	ss_err_set(err, SS_ERR_USAGE, "unknown database scheme '%s'", scheme);
	ss_err_hint(err, "use postgres://, mysql:// or sqlserver://");
	return NULL;
}

int ss_connect(const char *url_text, struct ss_conn **out, struct ss_err *err)
{
	struct ss_url url;
	const struct ss_driver *drv;
	int rc;

	*out = NULL;
	if (ss_url_parse(url_text, &url, err))
		return -1;
	drv = ss_driver_for_scheme(url.scheme, err);
	rc = drv ? drv->connect(&url, out, err) : -1;
	ss_url_release(&url);
	return rc;
}

const char *ss_drivers_built(void)
{
	return ""
#ifdef HAVE_LIBPQ
		" postgres"
#endif
#ifdef HAVE_MYSQL
		" mysql"
#endif
#ifdef HAVE_FREETDS
		" sqlserver"
#endif
		;
}
