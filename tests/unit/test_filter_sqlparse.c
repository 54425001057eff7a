/*
 * test_filter_sqlparse.c - what ssync filter relies on from sqlparse,
 * including the sqlparse bugs found while building it (PostgreSQL columns
 * named key/index, ALTER DOMAIN ... NOT VALID, mariadb-dump's view
 * stand-ins, T-SQL extended properties), pinned down with their
 * neighbouring cases.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sqlparse.h"
#include "tap.h"

struct items {
	struct sqlp_item it[16];
	char text[16][256], lead[16][256], obj[16][128], tbl[16][128], term[16][16];
	int n;
};

static int keep_item(void *ctx, const struct sqlp_item *it)
{
	struct items *s = ctx;

	if (s->n == 16)
		return 0;
	s->it[s->n] = *it;
	snprintf(s->text[s->n], sizeof(s->text[0]), "%.*s", (int)it->len, it->text);
	snprintf(s->lead[s->n], sizeof(s->lead[0]), "%.*s", (int)it->lead_len, it->lead);
	snprintf(s->term[s->n], sizeof(s->term[0]), "%.*s", (int)it->term_len, it->term);
	snprintf(s->obj[s->n], sizeof(s->obj[0]), "%s", it->object);
	snprintf(s->tbl[s->n], sizeof(s->tbl[0]), "%s", it->table);
	s->n++;
	return 0;
}

static void split(enum sqlp_dialect d, const char *sql, struct items *s)
{
	struct sqlp_options o = { d, 0, 0 };

	memset(s, 0, sizeof(*s));
	sqlp_split(sql, strlen(sql), &o, keep_item, s, NULL);
}

struct elems {
	int kind[16];
	enum sqlp_cons cons[16];
	int n;
};

static int keep_elem(void *ctx, const struct sqlp_elem *e)
{
	struct elems *s = ctx;

	if (s->n < 16) {
		s->kind[s->n] = e->kind;
		s->cons[s->n] = e->cons;
		s->n++;
	}
	return 0;
}

int main(void)
{
	struct items s;
	struct elems el;
	struct sqlp_item it;
	struct sqlp_buf names = SQLP_BUF_INIT;
	const char *t;

	/* --- relied upon ------------------------------------------------------ */
	split(SQLP_TSQL, "PRINT 'a';\nGO\nPRINT 'b'\nGO\n", &s);
	ok(s.n == 2 && !strcmp(s.term[0], ";") && (s.it[0].flags & SQLP_F_BATCH_END) &&
	   strstr(s.lead[1], "GO"), "T-SQL: 'x;' then GO: the item ends the batch, the GO is in the next lead");
	ok(s.n == 2 && !strcmp(s.term[1], "GO") && (s.it[1].flags & SQLP_F_BATCH_END),
	   "T-SQL: a GO after a statement without ';' is its terminator");

	split(SQLP_MYSQL, "DELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET @a = 1; END;;\n"
			  "DELIMITER ;\n", &s);
	ok(s.n == 3 && s.it[0].cls == SQLP_C_CLIENT && !strncmp(s.text[0], "DELIMITER", 9) &&
	   !strcmp(s.term[1], ";;"), "MySQL: DELIMITER is a client item; the statement's terminator is ;;");

	split(SQLP_POSTGRES, "COPY public.t (a) FROM stdin;\n1\n\\.\n", &s);
	ok(s.n == 2 && (s.it[0].flags & SQLP_F_COPY_STDIN) && s.it[1].cls == SQLP_C_COPY_DATA &&
	   !strcmp(s.tbl[1], "public.t"), "PostgreSQL: COPY FROM stdin is followed by its data item");

	split(SQLP_MYSQL, "ALTER TABLE `u` ADD PRIMARY KEY (`id`), ADD KEY `k` (`a`);", &s);
	ok(s.n == 1 && s.it[0].cls == SQLP_C_PRIMARY_KEY && (s.it[0].flags & SQLP_F_MULTI_ACTION) &&
	   !strcmp(s.tbl[0], "u"), "MySQL: a multi-action ALTER TABLE is flagged, class of its first action");

	split(SQLP_POSTGRES, "CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (1);", &s);
	is_int(s.n, 1, "PostgreSQL: one item");
	ok(s.it[0].flags & SQLP_F_PARTITION_OF, "PostgreSQL: PARTITION OF is flagged");
	is_str(s.tbl[0], "app.p", "PostgreSQL: PARTITION OF names the parent as table");

	memset(&el, 0, sizeof(el));
	t = "CREATE TABLE `c` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k` (`id`),\n"
	    "  CONSTRAINT `f` FOREIGN KEY (`id`) REFERENCES `p` (`id`)\n) ENGINE=InnoDB AUTO_INCREMENT=3";
	sqlp_table_elements(SQLP_MYSQL, t, strlen(t), keep_elem, &el);
	ok(el.n == 5 && el.kind[0] == SQLP_E_COLUMN && el.cons[1] == SQLP_K_PRIMARY_KEY &&
	   el.cons[2] == SQLP_K_INDEX && el.cons[3] == SQLP_K_FOREIGN_KEY &&
	   el.kind[4] == SQLP_E_AUTO_INCREMENT, "MySQL: CREATE TABLE elements and AUTO_INCREMENT=N");

	/* --- once bugs, now pinned down ------------------------------------------ */
	/* PostgreSQL has no inline KEY/INDEX: "key type" is a column. */
	memset(&el, 0, sizeof(el));
	t = "CREATE TABLE public.ar_internal_metadata (\n    key character varying NOT NULL,\n"
	    "    index integer,\n    \"key\" text,\n    \"index\" int,\n    fulltext text,\n"
	    "    period tstzrange\n)";
	sqlp_table_elements(SQLP_POSTGRES, t, strlen(t), keep_elem, &el);
	ok(el.n == 6 && el.kind[0] == SQLP_E_COLUMN && el.kind[1] == SQLP_E_COLUMN &&
	   el.kind[2] == SQLP_E_COLUMN && el.kind[3] == SQLP_E_COLUMN &&
	   el.kind[4] == SQLP_E_COLUMN && el.kind[5] == SQLP_E_COLUMN,
	   "PostgreSQL: columns named key, index, \"key\", \"index\", fulltext, period are columns");
	memset(&el, 0, sizeof(el));
	t = "CREATE TABLE `m` (\n  `key` varchar(10),\n  `index` int,\n  KEY idx (a),\n  INDEX (a),\n"
	    "  UNIQUE KEY u (a),\n  FULLTEXT KEY ft (b),\n  KEY `k2` USING BTREE (a)\n)";
	sqlp_table_elements(SQLP_MYSQL, t, strlen(t), keep_elem, &el);
	ok(el.n == 7 && el.kind[0] == SQLP_E_COLUMN && el.kind[1] == SQLP_E_COLUMN &&
	   el.cons[2] == SQLP_K_INDEX && el.cons[3] == SQLP_K_INDEX && el.cons[4] == SQLP_K_UNIQUE &&
	   el.cons[5] == SQLP_K_FULLTEXT && el.cons[6] == SQLP_K_INDEX && el.kind[6] == SQLP_E_CONSTRAINT,
	   "MySQL: KEY idx (a) and INDEX (a) are keys, `key` and `index` are columns");
	memset(&el, 0, sizeof(el));
	t = "CREATE TABLE dbo.t (\n  [key] int,\n  [index] int,\n  INDEX ix_a NONCLUSTERED (a),\n"
	    "  PERIOD FOR SYSTEM_TIME (f, t)\n)";
	sqlp_table_elements(SQLP_TSQL, t, strlen(t), keep_elem, &el);
	ok(el.n == 4 && el.kind[0] == SQLP_E_COLUMN && el.kind[1] == SQLP_E_COLUMN &&
	   el.kind[2] == SQLP_E_CONSTRAINT && el.cons[2] == SQLP_K_INDEX && el.kind[3] == SQLP_E_OTHER,
	   "T-SQL: inline INDEX name (...) is an index, [key]/[index] are columns, PERIOD FOR is other");

	memset(&it, 0, sizeof(it));
	t = "ALTER DOMAIN app.later ADD CONSTRAINT later_small CHECK ((VALUE < 1000)) NOT VALID";
	sqlp_classify(SQLP_POSTGRES, t, strlen(t), 0, &it, &names);
	ok(it.cls == SQLP_C_DOMAIN && (it.flags & SQLP_F_NOT_VALID),
	   "PostgreSQL: ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID sets SQLP_F_NOT_VALID");
	is_str(it.object, "app.later", "PostgreSQL: ALTER DOMAIN names the domain");
	memset(&it, 0, sizeof(it));
	t = "ALTER DOMAIN app.later ADD CONSTRAINT later_small CHECK ((VALUE < 1000))";
	sqlp_classify(SQLP_POSTGRES, t, strlen(t), 0, &it, &names);
	ok(it.cls == SQLP_C_DOMAIN && !(it.flags & SQLP_F_NOT_VALID),
	   "PostgreSQL: ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID has no flag");
	memset(&it, 0, sizeof(it));
	t = "ALTER DOMAIN app.later ADD CONSTRAINT c CHECK (VALUE::text <> 'not valid')";
	sqlp_classify(SQLP_POSTGRES, t, strlen(t), 0, &it, &names);
	ok(it.cls == SQLP_C_DOMAIN && !(it.flags & SQLP_F_NOT_VALID),
	   "PostgreSQL: 'not valid' inside the check is no flag");
	memset(&it, 0, sizeof(it));
	t = "ALTER DOMAIN app.later VALIDATE CONSTRAINT later_small";
	sqlp_classify(SQLP_POSTGRES, t, strlen(t), 0, &it, &names);
	ok(it.cls == SQLP_C_DOMAIN && !(it.flags & SQLP_F_NOT_VALID),
	   "PostgreSQL: ALTER DOMAIN ... VALIDATE CONSTRAINT has no flag");

	/* mysqldump's and mariadb-dump's stand-ins for views */
	split(SQLP_MYSQL, "/*!50001 CREATE VIEW `v` AS SELECT\n 1 AS `id`,\n 1 AS `name` */;\n"
			  "/*!50001 CREATE VIEW `w` AS SELECT\n NULL AS `id`,\n NULL AS `name` */;\n"
			  "/*!50001 CREATE VIEW `x` AS SELECT\n 1 AS `id`,\n NULL AS `name` */;\n", &s);
	ok(s.n == 3 && s.it[0].cls == SQLP_C_VIEW_STANDIN, "MySQL: mysqldump's stand-in (SELECT 1 AS ...)");
	ok(s.n == 3 && s.it[1].cls == SQLP_C_VIEW_STANDIN && !strcmp(s.obj[1], "w"),
	   "MariaDB: mariadb-dump 10.11's stand-in (SELECT NULL AS ...) is a view-standin");
	ok(s.n == 3 && s.it[2].cls == SQLP_C_VIEW_STANDIN, "MySQL: 1 and NULL columns mixed: a stand-in");
	split(SQLP_MYSQL, "CREATE VIEW v AS SELECT NULL AS x FROM t;\n"
			  "CREATE VIEW v2 AS SELECT 1 AS x, 2 AS y;\n"
			  "CREATE VIEW v3 AS SELECT 1 AS x, a AS y FROM t;\n"
			  "CREATE VIEW v4 AS SELECT 1 AS x WHERE 1 = 0;\n", &s);
	ok(s.n == 4 && s.it[0].cls == SQLP_C_VIEW && s.it[1].cls == SQLP_C_VIEW &&
	   s.it[2].cls == SQLP_C_VIEW && s.it[3].cls == SQLP_C_VIEW,
	   "MySQL: real views (a FROM, a constant other than 1/NULL, a WHERE) are views");

	/* T-SQL extended properties name what COMMENT ON would name */
	split(SQLP_TSQL, "EXEC sys.sp_addextendedproperty N'MS_Description', N'd', N'SCHEMA', [dbo], "
			 "N'TABLE', [Orders], N'COLUMN', [Id];\n"
			 "EXEC sp_addextendedproperty @name = N'MS_Description', @value = N'd', "
			 "@level0type = N'schema', @level0name = N'dbo', @level1type = N'Table', "
			 "@level1name = N'Orders', @level2type = N'Column', @level2name = N'Id';\n"
			 "EXEC sys.sp_addextendedproperty N'MS_Description', N'd', N'SCHEMA', N'dbo', "
			 "N'TABLE', N'Orders';\n"
			 "EXECUTE sp_addextendedproperty N'MS_Description', N'd', @level0type = N'SCHEMA', "
			 "@level0name = N'sales';\n"
			 "EXEC sp_addextendedproperty N'x', N'd', N'SCHEMA', N'dbo', N'TABLE', N'Orders', "
			 "N'CONSTRAINT', N'PK_Orders';\n"
			 "EXEC sp_addextendedproperty N'x', N'd', N'SCHEMA', N'dbo', N'VIEW', N'v';\n"
			 "EXEC sp_addextendedproperty N'x', N'd', N'TRIGGER', N'ddl_log';\n"
			 "EXEC sp_addextendedproperty N'x', N'd';\n", &s);
	is_int(s.n, 8, "T-SQL: eight extended properties");
	ok(s.it[0].cls == SQLP_C_COMMENT && s.it[0].objkind == SQLP_O_COLUMN &&
	   !strcmp(s.tbl[0], "dbo.Orders") && !strcmp(s.obj[0], "dbo.Orders.Id"),
	   "T-SQL: sp_addextendedproperty on a column (positional) names it and its table");
	ok(s.it[1].cls == SQLP_C_COMMENT && s.it[1].objkind == SQLP_O_COLUMN &&
	   !strcmp(s.tbl[1], "dbo.Orders") && !strcmp(s.obj[1], "dbo.Orders.Id"),
	   "T-SQL: the same with @name = arguments, level types in any case");
	ok(s.it[2].objkind == SQLP_O_TABLE && !strcmp(s.obj[2], "dbo.Orders") &&
	   !strcmp(s.tbl[2], "dbo.Orders"), "T-SQL: at TABLE level, the table is its own");
	ok(s.it[3].objkind == SQLP_O_SCHEMA && !strcmp(s.obj[3], "sales") && !*s.tbl[3],
	   "T-SQL: at SCHEMA level (positional, then named), the schema");
	ok(s.it[4].objkind == SQLP_O_CONSTRAINT && !strcmp(s.obj[4], "PK_Orders") &&
	   !strcmp(s.tbl[4], "dbo.Orders"), "T-SQL: on a constraint: its name and table");
	ok(s.it[5].objkind == SQLP_O_VIEW && !strcmp(s.obj[5], "dbo.v") && !strcmp(s.tbl[5], "dbo.v"),
	   "T-SQL: on a view");
	ok(s.it[6].objkind == SQLP_O_EVENT_TRIGGER && !strcmp(s.obj[6], "ddl_log") && !*s.tbl[6],
	   "T-SQL: on a database trigger");
	ok(s.it[7].cls == SQLP_C_COMMENT && s.it[7].objkind == SQLP_O_NONE && !*s.obj[7],
	   "T-SQL: on the database: no object");

	sqlp_buf_release(&names);
	return tap_done();
}
