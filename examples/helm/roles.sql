-- Roles for the split-permission setup of examples/helm (run once, as a
-- superuser or the database owner, in the application's database "app").
--
--   app_owner     owns the schema objects; cannot log in
--   app_migrator  logs in for the init container; member of app_owner, and
--                 ssync runs its session as app_owner (DB_MIGRATIONS_OPTIONS)
--   app_runtime   logs in for the application; reads and writes rows only

CREATE ROLE app_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
GRANT CREATE, USAGE ON SCHEMA public TO app_owner;
GRANT CREATE ON DATABASE app TO app_owner;

CREATE ROLE app_migrator LOGIN PASSWORD 'CHANGE-ME' NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;
GRANT app_owner TO app_migrator;

CREATE ROLE app_runtime LOGIN PASSWORD 'CHANGE-ME' NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT USAGE ON SCHEMA public TO app_runtime;
-- Whatever app_owner creates from now on is usable by the application.
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_runtime;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO app_runtime;
