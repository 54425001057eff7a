/*
 * report.c - the --report of ssync filter: one line per statement,
 *   FILE:LINE:COL <TAB> CLASS <TAB> OBJECT <TAB> FATE <TAB> REASON
 * or, with --report-format json, one JSON document
 *   {"statements": [{...}, ...], "summary": {...}}
 * written as the statements go by, so it needs no memory of its own.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "filter/filter_int.h"
#include "util/log.h"

void ss_report_begin(FILE *f, int json)
{
	if (json)
		fputs("{\"statements\": [\n", f);
}

static void text_field(FILE *f, const char *s)
{
	/* keep one statement per line whatever the names hold */
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void ss_report_line(FILE *f, int json, unsigned long *count, const struct ss_report_line *l)
{
	const char *to = l->fate == SS_FATE_KEEP ? (l->every ? "every" : "pre") :
			 l->fate == SS_FATE_DEFER ? "post" : "none";

	if (!json) {
		fprintf(f, "%s:%u:%u\t%s\t", l->file, l->line, l->col, l->cls);
		text_field(f, l->object);
		if (*l->table && strcmp(l->table, l->object)) {
			fputs(*l->object ? " on " : "", f);
			text_field(f, l->table);
		}
		fprintf(f, "\t%s\t", ss_fate_name(l->fate));
		text_field(f, l->reason);
		fputc('\n', f);
		return;
	}
	fputs((*count)++ ? ",\n {\"file\": " : " {\"file\": ", f);
	ss_json_string(f, l->file);
	fprintf(f, ", \"line\": %u, \"column\": %u, \"class\": ", l->line, l->col);
	ss_json_string(f, l->cls);
	fputs(", \"kind\": ", f);
	ss_json_string(f, l->kind);
	fputs(", \"object\": ", f);
	ss_json_string(f, l->object);
	fputs(", \"table\": ", f);
	ss_json_string(f, l->table);
	fputs(", \"fate\": ", f);
	ss_json_string(f, ss_fate_name(l->fate));
	fputs(", \"to\": ", f);
	ss_json_string(f, to);
	fputs(", \"reason\": ", f);
	ss_json_string(f, l->reason);
	fputc('}', f);
}

void ss_report_end(FILE *f, int json, unsigned long count, const struct ss_filter_stats *st)
{
	if (!json)
		return;
	fprintf(f, "%s],\n\"summary\": {\"statements\": %lu, \"rewrites\": %lu, \"bytes_in\": %llu",
		count ? "\n" : "", st->items, st->rewrites, st->bytes_in);
	for (int fate = 0; fate < SS_FATE_COUNT; fate++) {
		int first = 1;

		fprintf(f, ",\n  \"%s\": {", ss_fate_name((enum ss_fate)fate));
		for (int k = 0; k < SS_FK_COUNT; k++) {
			if (!st->by_kind[k][fate])
				continue;
			fprintf(f, "%s\"%s\": %lu", first ? "" : ", ", ss_filter_kind_name(k),
				st->by_kind[k][fate]);
			first = 0;
		}
		fputc('}', f);
	}
	fputs("}}\n", f);
}
