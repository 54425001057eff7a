COPY t FROM stdin;
1
\.
SELECT 1;
