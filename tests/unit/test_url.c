/* Unit tests for database URL parsing and redaction. */
#include "config.h"

#include <stdlib.h>

#include "util/err.h"
#include "util/url.h"
#include "tap.h"

static void check_redact(const char *in, const char *want)
{
	char *got = ss_url_redact(in);

	is_str(got, want, in);
	free(got);
}

int main(void)
{
	struct ss_url u;
	struct ss_err err = SS_ERR_INIT;
	char *s;

	ok(ss_url_parse("postgres://bob:s%40cr%2Ft@db.example:5433/app?sslmode=disable&options=-c%20role%3Downer&x-migrations-table=t", &u, &err) == 0,
	   "postgres URL parses");
	is_str(u.scheme, "postgres", "scheme");
	is_str(u.user, "bob", "user");
	is_str(u.password, "s@cr/t", "password is decoded");
	is_str(u.host, "db.example", "host");
	is_str(u.port, "5433", "port");
	is_str(u.path, "/app", "path keeps its slash");
	is_str(ss_url_dbname(&u), "app", "dbname");
	is_str(ss_url_param(&u, "options"), "-c role=owner", "query values are decoded");
	is_str(ss_url_param(&u, "x-migrations-table"), "t", "x- params kept");
	is_int(ss_url_remove_param(&u, "x-migrations-table"), 1, "remove a param");
	ok(ss_url_param(&u, "x-migrations-table") == NULL, "removed");
	ss_url_set_param(&u, "sslmode", "require");
	is_str(ss_url_param(&u, "sslmode"), "require", "set replaces");
	s = ss_url_format(&u, 1);
	is_str(s, "postgres://bob:xxxxx@db.example:5433/app?options=-c+role%3Downer&sslmode=require",
	       "format redacts the password");
	free(s);
	s = ss_url_format(&u, 0);
	is_str(s, "postgres://bob:s%40cr%2Ft@db.example:5433/app?options=-c+role%3Downer&sslmode=require",
	       "format without redaction re-escapes");
	free(s);
	ss_url_release(&u);

	ok(ss_url_parse("postgresql://[::1]:5432?dbname=x", &u, &err) == 0, "IPv6 host, no path");
	is_str(u.host, "::1", "IPv6 host without brackets");
	ok(u.path == NULL && ss_url_dbname(&u) == NULL, "no path");
	ss_url_release(&u);

	ok(ss_url_parse("mysql://root:p@ss/w@tcp(127.0.0.1:3306)/shop?x-no-lock=true&parseTime=true", &u, &err) == 0,
	   "mysql DSN parses");
	is_str(u.user, "root", "mysql user");
	is_str(u.password, "p@ss/w", "mysql password may hold @ and /");
	is_str(u.net, "tcp", "mysql net");
	is_str(u.host, "127.0.0.1", "mysql host");
	is_str(u.port, "3306", "mysql port");
	is_str(ss_url_dbname(&u), "shop", "mysql db");
	is_str(ss_url_param(&u, "parseTime"), "true", "mysql params");
	s = ss_url_format(&u, 1);
	is_str(s, "mysql://root:xxxxx@tcp(127.0.0.1:3306)/shop?x-no-lock=true&parseTime=true",
	       "mysql format redacted");
	free(s);
	ss_url_release(&u);

	ok(ss_url_parse("mysql://u@unix(/run/mysqld/mysqld.sock)/db", &u, &err) == 0, "mysql socket");
	is_str(u.socket, "/run/mysqld/mysqld.sock", "socket path");
	ss_url_release(&u);

	ok(ss_url_parse("sqlserver://sa:Pw1!@localhost:1433?database=master&password=zz", &u, &err) == 0,
	   "sqlserver URL");
	is_str(ss_url_param(&u, "database"), "master", "sqlserver database param");
	s = ss_url_format(&u, 1);
	is_str(s, "sqlserver://sa:xxxxx@localhost:1433?database=master&password=xxxxx",
	       "password parameters are redacted too");
	free(s);
	ss_url_release(&u);

	ok(ss_url_parse("", &u, &err) == -1, "empty URL fails");
	ss_err_release(&err);
	ok(ss_url_parse("nocolon", &u, &err) == -1, "no scheme fails");
	is_str(err.msg, "invalid database URL: no scheme", "no scheme message");
	ss_err_release(&err);
	ok(ss_url_parse("postgres://h:port/x", &u, &err) == -1, "bad port fails");
	ss_err_release(&err);
	ok(ss_url_parse("mysql://u:p@tcp(h:1", &u, &err) == -1, "mysql without slash fails");
	ss_err_release(&err);

	check_redact("postgres://u:secret@h/db", "postgres://u:xxxxx@h/db");
	check_redact("postgres://u@h/db?password=secret&a=b", "postgres://u@h/db?password=xxxxx&a=b");
	check_redact("mysql://u:se@cret@tcp(h:3306)/db", "mysql://u:xxxxx@tcp(h:3306)/db");
	check_redact("postgres://h/db", "postgres://h/db");
	check_redact("not a url", "not a url");
	/* a password with an unencoded '?', '/' or '#' is hidden all the same */
	check_redact("postgres://u:pa?ss@host/db", "postgres://u:xxxxx@host/db");
	check_redact("postgres://u:pa/ss@host:5432/db?sslmode=disable",
		     "postgres://u:xxxxx@host:5432/db?sslmode=disable");
	check_redact("postgres://u:p/w?x@host", "postgres://u:xxxxx@host");
	check_redact("mysql://u:pa?ss/x@tcp(h:3306)/db?tls=true", "mysql://u:xxxxx@tcp(h:3306)/db?tls=true");
	check_redact("mysql://u:pw@unix(/run/mysqld.sock)/db", "mysql://u:xxxxx@unix(/run/mysqld.sock)/db");
	/* an '@' in a query value is not user info */
	check_redact("postgres://h/db?application_name=a@b", "postgres://h/db?application_name=a@b");
	return tap_done();
}
