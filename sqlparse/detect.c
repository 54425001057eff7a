/*
 * detect.c - guess a script's dialect from its first 64 KiB.
 *
 * Each dialect has markers (spec: dump-and-filter.md 4.5) with a weight;
 * a marker counts once however often it appears.  The highest total wins;
 * a tie between dialects with markers is "cannot tell" (the caller asks
 * for --dialect); no marker at all means plain SQL, read as PostgreSQL,
 * which splits portable SQL the same way the others would.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sqlp_int.h"

enum {
	M_LINE = 1,	/* only at the start of a line (after blanks) */
	M_WORD = 2,	/* a whole word: no identifier byte before, nor after a needle
			   ending in one ("auto_incrementing" is no AUTO_INCREMENT) */
	M_ALONE = 4,	/* the rest of the line is blank or a count (GO) */
};

struct marker {
	enum sqlp_dialect d;
	int weight;
	unsigned flags;
	const char *needle;	/* matched ignoring ASCII case */
	const char *name;
};

static const struct marker markers[] = {
	{ SQLP_POSTGRES, 10, 0, "-- PostgreSQL database dump", "pg_dump header" },
	{ SQLP_POSTGRES, 10, M_LINE, "\\restrict ", "\\restrict" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\connect ", "\\connect" },
	/* psql meta-commands: one marker however many kinds appear */
	{ SQLP_POSTGRES, 8, M_LINE, "\\c ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\set ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\unset ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\i ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\ir ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\if ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\echo ", "psql meta-command" },
	{ SQLP_POSTGRES, 8, M_LINE, "\\pset ", "psql meta-command" },
	{ SQLP_POSTGRES, 6, 0, "standard_conforming_strings", "standard_conforming_strings" },
	{ SQLP_POSTGRES, 6, 0, "set_config('search_path'", "set_config('search_path')" },
	{ SQLP_POSTGRES, 6, 0, " from stdin;", "COPY ... FROM stdin" },
	{ SQLP_POSTGRES, 6, 0, "language plpgsql", "LANGUAGE plpgsql" },
	{ SQLP_POSTGRES, 5, M_WORD, "create extension", "CREATE EXTENSION" },
	{ SQLP_POSTGRES, 4, 0, " owner to ", "OWNER TO" },
	{ SQLP_POSTGRES, 4, M_WORD, "nextval(", "nextval()" },
	{ SQLP_POSTGRES, 2, 0, "::", ":: cast" },
	{ SQLP_MYSQL, 10, 0, "-- MySQL dump", "mysqldump header" },
	{ SQLP_MYSQL, 10, 0, "-- MariaDB dump", "mariadb-dump header" },
	{ SQLP_MYSQL, 10, 0, "/*!999999\\-", "sandbox line" },
	{ SQLP_MYSQL, 8, 0, "/*!", "executable comment" },
	{ SQLP_MYSQL, 8, M_LINE, "delimiter ", "DELIMITER" },
	{ SQLP_MYSQL, 6, 0, "engine=", "ENGINE=" },
	{ SQLP_MYSQL, 6, 0, "engine =", "ENGINE=" },
	{ SQLP_MYSQL, 4, M_WORD, "auto_increment", "AUTO_INCREMENT" },
	{ SQLP_MYSQL, 6, M_WORD, "definer=", "DEFINER=" },
	{ SQLP_MYSQL, 6, M_WORD, "definer =", "DEFINER=" },
	{ SQLP_MYSQL, 4, M_WORD, "sql security ", "SQL SECURITY" },
	{ SQLP_MYSQL, 2, M_WORD, "unsigned", "UNSIGNED" },
	{ SQLP_TSQL, 10, M_LINE, ":setvar ", ":setvar" },
	{ SQLP_TSQL, 8, M_LINE | M_ALONE, "go", "GO line" },
	{ SQLP_TSQL, 8, 0, "set ansi_nulls ", "SET ANSI_NULLS" },
	{ SQLP_TSQL, 8, 0, "set quoted_identifier ", "SET QUOTED_IDENTIFIER" },
	/* a row of stars alone is any banner comment; SSMS names the object */
	{ SQLP_TSQL, 8, 0, "/****** object:", "SSMS object header" },
	{ SQLP_TSQL, 8, 0, "[dbo].", "[dbo]." },
	{ SQLP_TSQL, 6, 0, "sp_addextendedproperty", "sp_addextendedproperty" },
	{ SQLP_TSQL, 3, M_WORD, "identity(", "IDENTITY()" },
	{ SQLP_TSQL, 3, M_WORD, "nvarchar", "NVARCHAR" },
	{ SQLP_TSQL, 2, M_WORD, "n'", "N'...'" },
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

static int matches_at(const unsigned char *p, const unsigned char *e, const char *needle)
{
	size_t i;

	for (i = 0; needle[i]; i++)
		if (p + i >= e || lower(p[i]) != lower((unsigned char)needle[i]))
			return 0;
	return 1;
}

/* Does marker m match at p (s and e bound the sample)? */
static int at_marker(const unsigned char *s, const unsigned char *e, const unsigned char *p,
		     const struct marker *m)
{
	if (!matches_at(p, e, m->needle))
		return 0;
	if ((m->flags & M_WORD) && p > s && sqlp__is_ident(p[-1]))
		return 0;
	if (m->flags & M_WORD) {
		size_t l = strlen(m->needle);

		if (sqlp__is_ident((unsigned char)m->needle[l - 1]) && p + l < e &&
		    sqlp__is_ident(p[l]))
			return 0;
	}
	if (m->flags & M_LINE) {
		const unsigned char *b = p;

		while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > s && b[-1] != '\n')
			return 0;
	}
	if (m->flags & M_ALONE) {
		const unsigned char *a = p + strlen(m->needle);

		if (a < e && sqlp__is_ident(*a))
			return 0;
		while (a < e && (*a == ' ' || *a == '\t' || *a == '\r' || sqlp__is_digit(*a)))
			a++;
		if (a < e && *a != '\n' && !(e - a >= 2 && a[0] == '-' && a[1] == '-'))
			return 0;
	}
	return 1;
}

#define NMARKERS (sizeof(markers) / sizeof(markers[0]))
_Static_assert(NMARKERS <= 64, "one bit per marker");

/*
 * The line (1-based) of each marker's first match, 0 for none, in one pass
 * over the sample: a table of the markers each byte can start keeps the
 * pass to a lookup per byte.
 */
static void find_markers(const unsigned char *s, size_t n, unsigned line_of[NMARKERS])
{
	uint64_t starts[256] = { 0 }, found = 0, all = (NMARKERS == 64 ? ~0ULL : (1ULL << NMARKERS) - 1);
	const unsigned char *p, *e = s + n;
	unsigned line = 1;

	for (size_t i = 0; i < NMARKERS; i++) {
		unsigned char c = (unsigned char)markers[i].needle[0];

		starts[c] |= 1ULL << i;
		starts[lower(c)] |= 1ULL << i;
		if (c >= 'a' && c <= 'z')
			starts[c - 'a' + 'A'] |= 1ULL << i;
		line_of[i] = 0;
	}
	for (p = s; p < e && found != all; p++) {
		uint64_t cand = starts[*p] & ~found;

		if (*p == '\n')
			line++;
		while (cand) {
			unsigned i = (unsigned)__builtin_ctzll(cand);

			cand &= cand - 1;
			if (at_marker(s, e, p, &markers[i])) {
				line_of[i] = line;
				found |= 1ULL << i;
			}
		}
	}
}

/* A dollar quote $tag$ or $$ that is not MySQL's "DELIMITER $$". */
static unsigned find_dollar(const unsigned char *s, size_t n)
{
	const unsigned char *p, *e = s + n;
	unsigned line = 1;

	for (p = s; p < e; p++) {
		const unsigned char *q, *b;

		if (*p == '\n')
			line++;
		if (*p != '$' || (p > s && sqlp__is_ident(p[-1])))
			continue;
		for (q = p + 1; q < e && sqlp__is_ident(*q) && *q != '$'; q++)
			;
		if (q == e || *q != '$' || (q > p + 1 && sqlp__is_digit(p[1])))
			continue;
		for (b = p; b > s && b[-1] != '\n'; b--)
			;
		while (b < p && (*b == ' ' || *b == '\t'))
			b++;
		if (matches_at(b, e, "delimiter"))
			continue;
		return line;
	}
	return 0;
}

/*
 * A backtick-quoted name in code (find_backtick): neither PostgreSQL nor
 * T-SQL quotes with backticks, but their comments and strings may hold
 * some ("-- run `make db`"), and so may a psql \set running a command.
 */
#define BACKTICK_WEIGHT 6

static unsigned find_backtick(const unsigned char *s, size_t n)
{
	const unsigned char *p = s, *e = s + n;
	unsigned line = 1;
	int bol = 1;

	while (p < e) {
		unsigned char c = *p;

		if (bol && c == '\\') {
			/* a psql meta-command line */
			while (p < e && *p != '\n')
				p++;
		} else if (c == '\n') {
			line++;
			p++;
			bol = 1;
			continue;
		} else if (c == '#' || (c == '-' && p + 1 < e && p[1] == '-')) {
			while (p < e && *p != '\n')
				p++;
		} else if (c == '/' && p + 1 < e && p[1] == '*' && !(p + 2 < e && p[2] == '!')) {
			/* a comment; MySQL's executable comments hold code */
			for (p += 2; p < e && !(*p == '*' && p + 1 < e && p[1] == '/'); p++)
				if (*p == '\n')
					line++;
			p = p < e ? p + 2 : e;
		} else if (c == '\'' || c == '"') {
			/* no backslash escapes: PostgreSQL's and T-SQL's strings have none */
			for (p++; p < e && *p != c; p++)
				if (*p == '\n')
					line++;
			p = p < e ? p + 1 : e;
		} else if (c == '`') {
			const unsigned char *q = p + 1;

			while (q < e && *q != '`' && *q != '\n')
				q++;
			if (q < e && *q == '`' && q > p + 1)
				return line;
			p = q;
		} else {
			p++;
		}
		bol = bol && (c == ' ' || c == '\t');
	}
	return 0;
}

enum sqlp_dialect sqlp__detect(const unsigned char *p, size_t n, int utf16, char *reason,
			       size_t reason_size)
{
	int score[SQLP_DIALECT_COUNT] = { 0 };
	char seen[SQLP_DIALECT_COUNT][160];
	unsigned line_of[NMARKERS];
	size_t i;
	unsigned line;
	int best = SQLP_POSTGRES, second = 0, d;

	memset(seen, 0, sizeof(seen));
	find_markers(p, n, line_of);
	for (i = 0; i < NMARKERS; i++) {
		const struct marker *m = &markers[i];
		size_t used = strlen(seen[m->d]);

		if (!(line = line_of[i]) || strstr(seen[m->d], m->name))
			continue;
		score[m->d] += m->weight;
		snprintf(seen[m->d] + used, sizeof(seen[0]) - used, "%s%s at line %u",
			 used ? ", " : "", m->name, line);
	}
	if ((line = find_dollar(p, n))) {
		size_t used = strlen(seen[SQLP_POSTGRES]);

		score[SQLP_POSTGRES] += 6;
		snprintf(seen[SQLP_POSTGRES] + used, sizeof(seen[0]) - used,
			 "%sdollar quote at line %u", used ? ", " : "", line);
	}
	if ((line = find_backtick(p, n))) {
		size_t used = strlen(seen[SQLP_MYSQL]);

		score[SQLP_MYSQL] += BACKTICK_WEIGHT;
		snprintf(seen[SQLP_MYSQL] + used, sizeof(seen[0]) - used,
			 "%sbacktick identifier at line %u", used ? ", " : "", line);
	}
	if (utf16) {
		size_t used = strlen(seen[SQLP_TSQL]);

		score[SQLP_TSQL] += 5;
		snprintf(seen[SQLP_TSQL] + used, sizeof(seen[0]) - used, "%sUTF-16 input",
			 used ? ", " : "");
	}
	for (d = SQLP_POSTGRES; d < SQLP_DIALECT_COUNT; d++)
		if (score[d] > score[best])
			best = d;
	for (d = SQLP_POSTGRES; d < SQLP_DIALECT_COUNT; d++)
		if (d != best && score[d] == score[best])
			second = d;
	if (score[best] == 0) {
		snprintf(reason, reason_size, "no dialect markers; reading it as PostgreSQL");
		return SQLP_POSTGRES;
	}
	if (second) {
		snprintf(reason, reason_size, "%s markers: %s; %s markers: %s",
			 sqlp_dialect_name((enum sqlp_dialect)best), seen[best],
			 sqlp_dialect_name((enum sqlp_dialect)second), seen[second]);
		return SQLP_AUTO;
	}
	snprintf(reason, reason_size, "%s", seen[best]);
	return (enum sqlp_dialect)best;
}
