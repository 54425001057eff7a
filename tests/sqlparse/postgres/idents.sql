CREATE TABLE "we;ird" ("a""b;" int, "--not a comment" int, "/*" int);
SELECT U&"\0061;" FROM "we;ird";
CREATE TABLE Public.MixedCase (id int);
CREATE TABLE "Public"."MixedCase" (id int);
