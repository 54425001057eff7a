CREATE FUNCTION f() AS $fn$ body; $fn;
