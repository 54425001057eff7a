-- Every object kind ssync dump knows, for the round-trip tests.
-- Roles are cluster-wide: created by the test before this file runs.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA app;
CREATE SCHEMA "Mixed Case";
CREATE SCHEMA audit;
COMMENT ON SCHEMA app IS 'application''s schema';
GRANT USAGE ON SCHEMA app TO ssync_reader;

CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION app.c_copy (provider = libc, locale = 'C');

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'it''s');
COMMENT ON TYPE app.mood IS 'how it feels';
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_check CHECK (VALUE > 0);
CREATE DOMAIN app.email AS public.citext CONSTRAINT email_at CHECK (VALUE ~ '@');
CREATE DOMAIN app.later AS integer;
ALTER DOMAIN app.later ADD CONSTRAINT later_small CHECK (VALUE < 1000) NOT VALID;
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
GRANT USAGE ON TYPE app.mood TO ssync_reader;

CREATE FUNCTION app.add1(i integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT i + 1 $$;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.updated_at := now();  -- a ; inside
	RETURN NEW;
END $$;
CREATE PROCEDURE app.noop(x text) LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
CREATE FUNCTION app.sum_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE AGGREGATE app.mysum(integer) (SFUNC = app.sum_state, STYPE = integer, INITCOND = '0');
CREATE FUNCTION app.rev_match(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $_$ SELECT textregexeq($2, $1) $_$;
CREATE OPERATOR app.~<< (FUNCTION = app.rev_match, LEFTARG = text, RIGHTARG = text);
REVOKE ALL ON FUNCTION app.add1(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.add1(integer) TO ssync_reader;
COMMENT ON FUNCTION app.add1(integer) IS 'adds one';

CREATE SEQUENCE app.counter START 100 INCREMENT 5 CACHE 10 CYCLE;
CREATE TABLE app.users (
	id bigserial PRIMARY KEY,
	email app.email NOT NULL,
	name text COLLATE app.ci,
	mood app.mood DEFAULT 'ok',
	score numeric(10,2) DEFAULT 0.1 CHECK (score >= 0),
	tags text[] DEFAULT '{}'::text[],
	ticket integer DEFAULT nextval('app.counter'),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz,
	lower_name text GENERATED ALWAYS AS (lower(name)) STORED,
	CONSTRAINT users_email_key UNIQUE (email),
	CONSTRAINT name_len CHECK (length(name) < 200)
);
COMMENT ON TABLE app.users IS 'people';
COMMENT ON COLUMN app.users.email IS 'where to write';
ALTER TABLE app.users ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE app.users ALTER COLUMN tags SET STORAGE EXTERNAL;
GRANT SELECT ON app.users TO ssync_reader;
GRANT SELECT (email), UPDATE (name) ON app.users TO "Odd Role";

CREATE TABLE app.orders (
	id integer GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) PRIMARY KEY,
	user_id bigint NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
	amount integer,
	note text,
	during tstzrange,
	EXCLUDE USING gist (user_id WITH =, during WITH &&)
) WITH (fillfactor = 70);
CREATE INDEX orders_note_trgm ON app.orders USING gin (note gin_trgm_ops);
CREATE INDEX orders_big ON app.orders (amount) INCLUDE (note) WHERE amount > 100;
CREATE INDEX orders_expr ON app.orders ((lower(note)));
ALTER TABLE app.orders CLUSTER ON orders_expr;
ALTER TABLE app.orders ADD CONSTRAINT amount_pos CHECK (amount > 0) NOT VALID;
CREATE UNIQUE INDEX orders_uniq ON app.orders (user_id, id);
ALTER TABLE app.orders REPLICA IDENTITY USING INDEX orders_uniq;

CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER users_off BEFORE INSERT ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.users DISABLE TRIGGER users_off;
COMMENT ON TRIGGER users_touch ON app.users IS 'keeps updated_at';

CREATE UNLOGGED TABLE app.scratch (k text PRIMARY KEY, v jsonb) ;
ALTER TABLE app.scratch REPLICA IDENTITY FULL;

-- partitions, sub-partitions, partitioned indexes
CREATE TABLE app.events (
	id bigint NOT NULL,
	at date NOT NULL,
	kind text DEFAULT 'x',
	payload jsonb,
	PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
	PARTITION BY RANGE (id);
CREATE TABLE app.events_2025_a PARTITION OF app.events_2025 FOR VALUES FROM (0) TO (1000);
CREATE TABLE app.events_2025_rest PARTITION OF app.events_2025 DEFAULT;
CREATE TABLE app.events_old (id bigint NOT NULL, at date NOT NULL, kind text DEFAULT 'old', payload jsonb);
ALTER TABLE app.events ATTACH PARTITION app.events_old FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
-- a partition whose columns are in another order than its parent's (and one dropped)
CREATE TABLE app.events_future (junk int, payload jsonb, kind text NOT NULL, at date NOT NULL,
	id bigint NOT NULL);
ALTER TABLE app.events_future DROP COLUMN junk;
ALTER TABLE app.events ATTACH PARTITION app.events_future FOR VALUES FROM ('2026-01-01') TO (MAXVALUE);
-- ... which it inherits only: an attached partition must be created with it
ALTER TABLE app.events ADD CONSTRAINT events_id_pos CHECK (id > 0);
-- a typed table
CREATE TABLE app.pairs OF app.pair (a WITH OPTIONS NOT NULL DEFAULT 7, PRIMARY KEY (a));
CREATE TABLE app.pairs_plain OF app.pair;
CREATE INDEX events_kind ON app.events (kind);
CREATE INDEX events_payload ON ONLY app.events USING gin (payload);
CREATE INDEX events_2024_payload ON app.events_2024 USING gin (payload);
ALTER INDEX app.events_payload ATTACH PARTITION app.events_2024_payload;
CREATE TRIGGER events_touch BEFORE INSERT ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch();
-- a partition's clone of that trigger, enabled unlike its parent (and one sub-level down)
ALTER TABLE app.events_2024 DISABLE TRIGGER events_touch;
ALTER TABLE app.events_2025_a ENABLE ALWAYS TRIGGER events_touch;
ALTER TABLE app.events ADD CONSTRAINT events_user_fk FOREIGN KEY (id) REFERENCES app.users (id);
ALTER TABLE app.orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES app.users (id) NOT VALID;

-- inheritance
CREATE TABLE audit.log (id serial, at timestamptz DEFAULT now(), what text CHECK (what <> ''));
CREATE TABLE audit.log_user (user_id bigint, at timestamptz DEFAULT '2020-01-01') INHERITS (audit.log);
ALTER TABLE audit.log_user ALTER COLUMN what SET NOT NULL;

-- views, materialized views, rules, RLS
CREATE VIEW app.active_users WITH (security_barrier = true) AS
	SELECT id, email, app.add1(id::integer) AS next FROM app.users WHERE mood <> 'sad'
	WITH LOCAL CHECK OPTION;
CREATE VIEW app.user_totals AS
	SELECT u.id, sum(o.amount) AS total FROM app.users u JOIN app.orders o ON o.user_id = u.id GROUP BY u.id;
CREATE VIEW app.top AS SELECT * FROM app.user_totals WHERE total > 10;
COMMENT ON VIEW app.top IS 'the best';
CREATE MATERIALIZED VIEW app.mv_totals AS SELECT * FROM app.user_totals WITH NO DATA;
CREATE UNIQUE INDEX mv_totals_id ON app.mv_totals (id);
CREATE RULE orders_no_delete AS ON DELETE TO app.orders WHERE old.amount > 1000 DO INSTEAD NOTHING;
CREATE RULE orders_no_update AS ON UPDATE TO app.orders DO INSTEAD NOTHING;
ALTER TABLE app.orders DISABLE RULE orders_no_update;
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.orders FORCE ROW LEVEL SECURITY;
CREATE POLICY own_orders ON app.orders FOR SELECT TO ssync_reader USING (user_id > 0);
CREATE POLICY restrict_ins ON app.orders AS RESTRICTIVE FOR INSERT WITH CHECK (amount < 1000000);
GRANT SELECT, INSERT ON app.orders TO ssync_reader WITH GRANT OPTION;
GRANT ALL ON SEQUENCE app.counter TO ssync_reader;

-- a view <-> function cycle: the function takes the view's row type
CREATE VIEW app.v_cycle AS SELECT 1 AS a, 'x'::text AS b;
CREATE FUNCTION app.cycle_fn(app.v_cycle) RETURNS integer LANGUAGE sql STABLE
	BEGIN ATOMIC SELECT $1.a + 1; END;
CREATE OR REPLACE VIEW app.v_cycle AS SELECT 1 AS a, 'x'::text AS b, app.cycle_fn(NULL::app.v_cycle) AS c;

-- awkward names
CREATE TABLE "Mixed Case"."Table ""quoted""" ("Col" integer PRIMARY KEY, "select" text, "user" int);
CREATE INDEX "idx ""odd""" ON "Mixed Case"."Table ""quoted""" ("select");

-- extended statistics
CREATE STATISTICS app.orders_stats (dependencies, ndistinct) ON user_id, amount FROM app.orders;
COMMENT ON STATISTICS app.orders_stats IS 'correlated columns';
ALTER STATISTICS app.orders_stats SET STATISTICS 200;

-- default privileges (last: without FOR ROLE they apply to what the loading role creates next)
ALTER DEFAULT PRIVILEGES FOR ROLE "Odd Role" GRANT SELECT ON TABLES TO ssync_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE "Odd Role" IN SCHEMA app GRANT USAGE ON SEQUENCES TO ssync_reader
	WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
