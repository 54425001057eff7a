/*
 * split-bench.c - the splitter alone, for bench/filter/run.sh: read FILE
 * in 64 KiB chunks through the sqlparse lexer and count the items, as
 * ssync filter does before it decides anything.  Prints "ITEMS BYTES".
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "sqlparse.h"

int main(int argc, char **argv)
{
	static char buf[65536];
	struct sqlp_options opts = { SQLP_AUTO, 0, 0 };
	struct sqlp_lexer *lx;
	struct sqlp_item it;
	unsigned long long items = 0, bytes = 0;
	ssize_t n;
	int fd, r;

	if (argc != 2) {
		fprintf(stderr, "usage: split-bench FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	lx = sqlp_lexer_new(&opts);
	if (fd < 0 || !lx) {
		perror(argv[1]);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		bytes += (unsigned long long)n;
		if (sqlp_lexer_feed(lx, buf, (size_t)n))
			break;
		while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM)
			items++;
		if (r == SQLP_ERROR)
			break;
	}
	sqlp_lexer_finish(lx);
	while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM)
		items++;
	if (r == SQLP_ERROR) {
		const struct sqlp_error *e = sqlp_lexer_error(lx);

		fprintf(stderr, "%s:%u:%u: %s\n", argv[1], e->line, e->col, e->msg);
		return 1;
	}
	sqlp_lexer_free(lx);
	close(fd);
	printf("%llu %llu\n", items, bytes);
	return 0;
}
