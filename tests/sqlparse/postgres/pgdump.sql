--
-- PostgreSQL database dump
--

\restrict x9Zk

SET statement_timeout = 0;
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET SESSION AUTHORIZATION 'app';
CREATE SCHEMA IF NOT EXISTS app;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'trigram; matching';
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
ALTER TYPE app.mood ADD VALUE 'happy';
CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
CREATE SEQUENCE app.t_id_seq START WITH 1;
CREATE TABLE app.t (id integer NOT NULL, parent integer, note text);
CREATE UNLOGGED TABLE app.u (id int) PARTITION BY RANGE (id);
CREATE TABLE app.u_1 PARTITION OF app.u FOR VALUES FROM (1) TO (10);
ALTER TABLE ONLY app.u ATTACH PARTITION app.u_2 FOR VALUES FROM (10) TO (20);
ALTER SEQUENCE app.t_id_seq OWNED BY app.t.id;
ALTER TABLE ONLY app.t ALTER COLUMN id SET DEFAULT nextval('app.t_id_seq'::regclass);
ALTER TABLE app.t OWNER TO app;
ALTER TABLE ONLY app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
ALTER TABLE ONLY app.t ADD CONSTRAINT t_note_key UNIQUE (note);
ALTER TABLE app.t ADD CONSTRAINT t_check CHECK ((id > 0)) NOT VALID;
ALTER TABLE ONLY app.t ADD CONSTRAINT t_excl EXCLUDE USING gist (id WITH =);
ALTER TABLE ONLY app.t ADD CONSTRAINT t_parent_fkey FOREIGN KEY (parent) REFERENCES app.t(id) ON DELETE CASCADE;
ALTER TABLE app.t VALIDATE CONSTRAINT t_check;
CREATE INDEX t_note_idx ON app.t USING gin (note gin_trgm_ops);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_lower ON ONLY app.t (lower(note));
CREATE INDEX ON app.t (parent);
ALTER INDEX app.u_idx ATTACH PARTITION app.u_1_idx;
CREATE STATISTICS app.st ON id, parent FROM app.t;
ALTER TABLE app.t CLUSTER ON t_pkey;
ALTER TABLE ONLY app.t REPLICA IDENTITY USING INDEX t_lower;
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.t WITH NO DATA;
REFRESH MATERIALIZED VIEW app.mv;
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS $_$BEGIN RETURN NEW; END$_$;
CREATE TRIGGER t_trg BEFORE INSERT OR UPDATE OF note ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
CREATE CONSTRAINT TRIGGER t_ctrg AFTER INSERT ON app.t DEFERRABLE FOR EACH ROW EXECUTE FUNCTION app.trg();
ALTER TABLE app.t DISABLE TRIGGER t_trg;
CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION app.trg();
CREATE RULE r AS ON INSERT TO app.v DO INSTEAD NOTHING;
CREATE POLICY p ON app.t USING (true);
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.t FORCE ROW LEVEL SECURITY;
CREATE PUBLICATION pub FOR TABLE app.t;
CREATE SUBSCRIPTION sub CONNECTION 'host=x' PUBLICATION pub;
COMMENT ON TABLE app.t IS 'a table';
COMMENT ON COLUMN app.t.note IS 'a note; really';
COMMENT ON CONSTRAINT t_pkey ON app.t IS 'pk';
COMMENT ON INDEX app.t_note_idx IS 'idx';
SECURITY LABEL FOR selinux ON TABLE app.t IS 'system_u:object_r:sepgsql_table_t:s0';
GRANT SELECT ON TABLE app.t TO reader;
REVOKE ALL ON SCHEMA app FROM PUBLIC;
GRANT admin TO alice;
ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA app GRANT SELECT ON TABLES TO reader;
ALTER FUNCTION app.trg() OWNER TO app;
SELECT pg_catalog.setval('app.t_id_seq', 42, true);
SELECT pg_catalog.lo_create('16404');
SELECT * FROM pg_catalog.pg_restore_relation_stats('version', '180000'::integer, 'relname', 't');
INSERT INTO app.t (id) VALUES (1);
UPDATE app.t SET note = 'x';
DELETE FROM ONLY app.t WHERE id = 1;
TRUNCATE TABLE app.t;
LOCK TABLE app.t IN ACCESS EXCLUSIVE MODE;
DROP TABLE IF EXISTS app.old CASCADE;
DROP INDEX CONCURRENTLY IF EXISTS app.old_idx;
CREATE AGGREGATE app.agg (int) (sfunc = int4pl, stype = int);
CREATE OPERATOR app.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
CREATE COLLATION app.c (locale = 'C');
CREATE TEXT SEARCH CONFIGURATION app.tsc (COPY = english);
CREATE SERVER srv FOREIGN DATA WRAPPER postgres_fdw;
CREATE USER MAPPING FOR app SERVER srv OPTIONS (user 'x');
CREATE FOREIGN TABLE app.ft (id int) SERVER srv;
VACUUM ANALYZE app.t;

\unrestrict x9Zk
