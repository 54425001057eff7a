/* Unit tests for struct sqlp_buf. */
#include <stdlib.h>

#include "sqlparse.h"
#include "tap.h"

int main(void)
{
	struct sqlp_buf b = SQLP_BUF_INIT;
	char *p;
	size_t len;

	ok(b.data != NULL && b.data[0] == '\0' && b.len == 0, "empty buffer is \"\"");
	sqlp_buf_addstr(&b, "hello");
	sqlp_buf_addch(&b, ' ');
	sqlp_buf_addf(&b, "%s %d", "world", 42);
	is_str(b.data, "hello world 42", "add, addch and addf append");
	is_int(b.len, 14, "length counts the bytes");
	sqlp_buf_add(&b, "\0x", 2);
	is_int(b.len, 16, "NUL bytes are kept");
	ok(b.data[16] == '\0', "still NUL-terminated");
	sqlp_buf_consume(&b, 6);
	is_str(b.data, "world 42", "consume drops a prefix");
	sqlp_buf_truncate(&b, 5);
	is_str(b.data, "world", "truncate shortens");
	for (int i = 0; i < 10000; i++)
		sqlp_buf_addf(&b, "%04d", i % 10000);
	is_int(b.len, 5 + 40000, "growth over many appends");
	ok(!sqlp_buf_failed(&b), "no failure without a limit");
	p = sqlp_buf_detach(&b, &len);
	is_int(len, 40005, "detach reports the length");
	ok(b.data == sqlp_buf_empty && b.len == 0, "detach re-initialises");
	free(p);

	b.limit = 8;
	sqlp_buf_addstr(&b, "12345678");
	ok(!sqlp_buf_failed(&b), "up to the limit is fine");
	sqlp_buf_addstr(&b, "9");
	ok(sqlp_buf_failed(&b), "past the limit fails");
	sqlp_buf_addstr(&b, "more");
	is_str(b.data, "12345678", "appends after failure do nothing");
	sqlp_buf_addf(&b, "%d", 1);
	is_str(b.data, "12345678", "addf after failure does nothing");
	ok(sqlp_buf_detach(&b, NULL) == NULL, "detach of a failed buffer is NULL");

	sqlp_buf_init(&b);
	b.limit = 4;
	sqlp_buf_addstr(&b, "ab");
	sqlp_buf_addf(&b, "%s", "cdef");
	ok(sqlp_buf_failed(&b) && b.len == 2, "addf respects the limit");
	sqlp_buf_release(&b);
	ok(b.limit == 4 && !b.failed && b.len == 0, "release keeps the limit, clears failure");

	p = sqlp_buf_detach(&b, &len);
	ok(p && p[0] == '\0' && len == 0, "detach of an empty buffer gives \"\"");
	free(p);
	return tap_done();
}
