COPY public.t (a, b) FROM stdin;
1	x; -- not a comment
2	'quote	\N
\.
COPY t FROM STDIN WITH (FORMAT csv);
\.
COPY (SELECT 1) TO STDOUT;
COPY t TO stdout;
copy "T" from stdin; -- same line
a
\.
SELECT 'after';
COPY (SELECT 1) FROM stdin;
SELECT 'an error on the server, no data follows';
