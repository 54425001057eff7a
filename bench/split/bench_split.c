/*
 * bench_split.c - split and classify a file with sqlparse the way ssync
 * does: read(2) in 64 KiB chunks, feed, drain every item.  Prints the
 * counts so the work cannot be optimised away.
 *
 *   bench_split FILE [postgres|mysql|tsql|auto]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sqlparse.h"

int main(int argc, char **argv)
{
	struct sqlp_options o = { SQLP_AUTO, 0, 0 };
	static char buf[65536];
	unsigned long long items = 0, bytes = 0, by_class[SQLP_C_COUNT] = { 0 };
	struct sqlp_lexer *lx;
	struct sqlp_item it;
	ssize_t n;
	int fd, r = SQLP_MORE;

	if (argc < 2 || (argc > 2 && sqlp_dialect_parse(argv[2], &o.dialect))) {
		fprintf(stderr, "usage: bench_split FILE [postgres|mysql|tsql|auto]\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 2;
	}
	lx = sqlp_lexer_new(&o);
	while (r != SQLP_DONE) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			perror("read");
			return 2;
		}
		if (n > 0)
			sqlp_lexer_feed(lx, buf, (size_t)n);
		else
			sqlp_lexer_finish(lx);
		while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM) {
			items++;
			bytes += it.len;
			by_class[it.cls]++;
		}
		if (r == SQLP_ERROR) {
			const struct sqlp_error *e = sqlp_lexer_error(lx);

			fprintf(stderr, "%s:%u:%u: %s\n", argv[1], e->line, e->col, e->msg);
			return 1;
		}
	}
	printf("%llu items (%llu statements, %llu copy-data pieces), %llu bytes of text\n",
	       items, items - by_class[SQLP_C_COPY_DATA] - by_class[SQLP_C_PSQL_META],
	       by_class[SQLP_C_COPY_DATA], bytes);
	sqlp_lexer_free(lx);
	close(fd);
	return 0;
}
