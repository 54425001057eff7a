/*
 * report.c - the --report of ssync filter: one line per statement,
 *   FILE:LINE:COL <TAB> CLASS <TAB> OBJECT <TAB> FATE <TAB> REASON
 * or, with --report-format json, one JSON document
 *   {"statements": [{...}, ...], "summary": {...}}
 * formatted into a buffer that the engine hands to the report sink as
 * it fills, so the report needs no memory of its own.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "filter/filter_int.h"
#include "util/log.h"

void ss_report_begin(struct sqlp_buf *out, int json)
{
	if (json)
		sqlp_buf_addstr(out, "{\"statements\": [\n");
}

void ss_report_field(struct sqlp_buf *out, const char *s)
{
	/* keep one statement per line whatever the names hold */
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\t\n\r");

		sqlp_buf_add(out, p, n);
		p += n;
		if (*p) {
			sqlp_buf_addch(out, ' ');
			p++;
		}
	}
}

void ss_report_line(struct sqlp_buf *out, int json, unsigned long *count,
		    const struct ss_report_line *l)
{
	const char *to = l->fate == SS_FATE_KEEP ? (l->every ? "every" : "pre") :
			 l->fate == SS_FATE_DEFER ? "post" : "none";

	if (!json) {
		sqlp_buf_addf(out, "%s:%u:%u\t%s\t", l->file, l->line, l->col, l->cls);
		ss_report_field(out, l->object);
		if (*l->table && strcmp(l->table, l->object)) {
			sqlp_buf_addstr(out, *l->object ? " on " : "");
			ss_report_field(out, l->table);
		}
		sqlp_buf_addch(out, '\t');
		sqlp_buf_addstr(out, ss_fate_name(l->fate));
		sqlp_buf_addch(out, '\t');
		ss_report_field(out, l->reason);
		sqlp_buf_addch(out, '\n');
		(*count)++;
		return;
	}
	sqlp_buf_addstr(out, (*count)++ ? ",\n {\"file\": " : " {\"file\": ");
	ss_json_buf(out, l->file);
	sqlp_buf_addf(out, ", \"line\": %u, \"column\": %u, \"class\": ", l->line, l->col);
	ss_json_buf(out, l->cls);
	sqlp_buf_addstr(out, ", \"kind\": ");
	ss_json_buf(out, l->kind);
	sqlp_buf_addstr(out, ", \"object\": ");
	ss_json_buf(out, l->object);
	sqlp_buf_addstr(out, ", \"table\": ");
	ss_json_buf(out, l->table);
	sqlp_buf_addstr(out, ", \"fate\": ");
	ss_json_buf(out, ss_fate_name(l->fate));
	sqlp_buf_addstr(out, ", \"to\": ");
	ss_json_buf(out, to);
	sqlp_buf_addstr(out, ", \"reason\": ");
	ss_json_buf(out, l->reason);
	sqlp_buf_addch(out, '}');
}

void ss_report_end(struct sqlp_buf *out, int json, unsigned long count,
		   const struct ss_filter_stats *st)
{
	if (!json)
		return;
	sqlp_buf_addf(out, "%s],\n\"summary\": {\"statements\": %lu, \"rewrites\": %lu, "
		      "\"bytes_in\": %llu", count ? "\n" : "", st->items, st->rewrites, st->bytes_in);
	for (int fate = 0; fate < SS_FATE_COUNT; fate++) {
		int first = 1;

		sqlp_buf_addf(out, ",\n  \"%s\": {", ss_fate_name((enum ss_fate)fate));
		for (int k = 0; k < SS_FK_COUNT; k++) {
			if (!st->by_kind[k][fate])
				continue;
			sqlp_buf_addf(out, "%s\"%s\": %lu", first ? "" : ", ", ss_filter_kind_name(k),
				      st->by_kind[k][fate]);
			first = 0;
		}
		sqlp_buf_addch(out, '}');
	}
	sqlp_buf_addstr(out, "}}\n");
}
