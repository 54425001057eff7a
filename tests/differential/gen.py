#!/usr/bin/env python3
"""gen.py DIALECT SEED: print a random script of the lexical hazards of
DIALECT (postgres or mysql), the same for the same seed.  The scripts are
mostly invalid SQL: only where the client splits them matters."""
import random
import sys

PG_WORDS = ["select", "from", "x", "y", "foo", "as", "int", "text", "or", "replace", "begin",
            "end", "case", "when", "then", "else", "atomic", "language", "sql", "returns", "e",
            "u", "b", "n", "de", "xe", "ue", "table", "values", "is", "null", "true", "function",
            "procedure", "create", "if", "loop", "declare"]
PG_PUNCT = ["+/*x*/", "=--c\n", "*/*y*/", "-/**/", "*/", ";", ",", "(", ")", "+", "-", "*", "/",
            "<", ">", "=", "::", ".", "[", "]", "||", "!=", "%", "^", "&", "|", "~", "@", "#", ":"]
PG_STRINGS = ["'a''b'", "''", "E'\\\\'", "E'\\''", "E'a\\nb'", "e'x'", "U&'d\\0061t'", "u&'x'",
              "B'0101'", "X'1F'", "N'abc'", "'multi\nline'", "'semi;colon'", "'--notcomment'",
              "'/*no*/'", "'$$'", "E'\\\\\\''", "'back\\'", "e'\\\\'||'x'",
              "U&'d!0061t' UESCAPE '!'", "E'\\x41\\''", "'a'\n'b'", "b'1' '0'"]
PG_DOLLARS = ["$$ x ; ' $$", "$tag$ $$ ; $tag$", "$a$ $b$ ; $a$", "$_$ -- ; $_$", "$$$$",
              "$x1$ ' $x1$", "$$\n;\n$$", "$a1$ $a$ ; $a1$", "$_1$;$_1$", "$é$ ; $é$"]
PG_COMMENTS = ["-- text ; ' \n", "/* a /* b ; */ c */", "/**/", "/* ' */", "--\n", "/* -- */",
               "-- $$ \n", "/* $$ */"]
PG_IDENTS = ['"Quoted""id"', '"a;b"', '""""', 'U&"d\\0061t"', '"--"', '"/*"']
PG_MISC = ["a$b", "$1", "1.5e3", "x$$", "f$", "1e", "0x1F", "1_000", "$ 1", "e$$", "u&",
           "x1$$ y", ":v", ":E", "1e--"]
PG_HEADS = ["create function f() returns int language sql begin atomic",
            "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC",
            "create or replace function g() returns int", "create procedure q() language sql",
            "create function h() returns int begin atomic select 1; end"]

MY_WORDS = ["select", "from", "x", "y", "foo", "as", "int", "begin", "end", "if", "then", "else",
            "case", "when", "create", "procedure", "trigger", "function", "returns", "declare",
            "loop", "while", "do", "set", "values", "n", "b", "x", "_utf8mb4", "e"]
MY_PUNCT = [",", "(", ")", "+", "-", "*", "/", "<", ">", "=", ".", "||", "!=", "%", "^", "&",
            "|", "~", "@", "@@", ":", "?", "!", "--x", "-1", "$", "$$", "{", "}"]
MY_STRINGS = ["'a''b'", "'a\\'b'", "''", "'\\\\'", "\"dq\\\"x\"", "\"d\"\"q\"", "'semi;colon'",
              "'--'", "'#'", "N'x'", "_utf8mb4'x'", "X'1F'", "b'01'", "'multi\nline'", "'/*'",
              "'*/'", "\"'\"", "'\"'", "'\\n'", "'$$'"]
MY_BACKTICKS = ["`a``b`", "`x;y`", "`#`", "`--`", "`/*`", "`'`"]
MY_COMMENTS = ["-- text ; ' \n", "#comment ; '\n", "/* c ; ' */", "/**/", "/*! select 1 */",
               "/*!50003 x */", "/*!40101 SET @a=1 */", "-- \n", "#\n", "/*+ hint */",
               "/* a /* b */"]

WS = [" ", "\n", "\t", " ", "  ", "\r\n"]


def pick(r, table):
    """One fragment: the first (bound, choices) whose bound the draw is under;
    choices is a list to pick from or a function that makes the fragment."""
    x = r.random()
    for bound, choices in table:
        if x < bound:
            return choices() if callable(choices) else r.choice(choices)


def pg_script(r):
    def frag():
        return pick(r, [(0.35, PG_WORDS), (0.55, PG_PUNCT), (0.68, PG_STRINGS), (0.74, PG_DOLLARS),
                        (0.82, PG_COMMENTS), (0.87, PG_IDENTS), (1, PG_MISC)])

    def stmt():
        x = r.random()
        if x < 0.15:
            out = r.choice(PG_HEADS)
        elif x < 0.2:
            return r.choice(["set standard_conforming_strings = off",
                             "set standard_conforming_strings = on",
                             "SET standard_conforming_strings TO off"]) + ";"
        else:
            out = r.choice(["select", "SELECT", "/* lead */ select", "-- c\nselect", "values"]
                           if r.random() < 0.97 else ["(select"])
        for _ in range(r.randint(0, 14)):
            out += (r.choice(WS) if r.random() < 0.8 else "") + frag()
        return out + r.choice([";", ";", ";\n", "\n;", " ;", ""])

    def item():
        x = r.random()
        if x < 0.08:
            data = "".join(r.choice(["a\tb", "x;y", "'q", "\\N", "--c", "$$", "/*", "\\\\.x"]) + "\n"
                           for _ in range(r.randint(0, 4)))
            if r.random() < 0.3:
                data = "".join(r.choice(['"a\nb"', '"x;y"', '"q""', '"\\."', "plain"]) + "\n"
                               for _ in range(r.randint(0, 3)))
                return "COPY difft FROM stdin WITH (FORMAT csv);\n" + data + "\\.\n"
            return "COPY difft FROM stdin;\n" + data + "\\.\n"
        if x < 0.12:
            return r.choice(["\\echo hi ; there", "\\set w 1", "\\echo 'a;b'"])
        s = stmt()
        if r.random() < 0.1:
            cut = r.randint(0, len(s))
            s = s[:cut] + "\n\\echo mid\n" + s[cut:]   # a meta-command inside a statement
        return s

    return "create table if not exists difft(a text);\n" + \
        "\n".join(item() for _ in range(r.randint(1, 12)))


def my_script(r):
    def frag(delim):
        return pick(r, [(0.35, MY_WORDS), (0.55, MY_PUNCT), (0.70, MY_STRINGS), (0.76, MY_BACKTICKS),
                        (0.86, MY_COMMENTS), (0.90, lambda: delim),
                        (0.93, lambda: "/*!50003 %s %s %s */" % (r.choice(MY_WORDS), delim,
                                                                  r.choice(MY_WORDS))),
                        (1, ["1.5e3", "0x1F", "@v", "@@sql_mode", "a$b", "x1", "1e"])])

    out, delim = [], ";"
    for _ in range(r.randint(1, 12)):
        if r.random() < 0.06:
            # the client reads backslashes by the server's NO_BACKSLASH_ESCAPES
            out.append(r.choice(["SET sql_mode = 'NO_BACKSLASH_ESCAPES'", "SET sql_mode = ''",
                                 "SET SESSION sql_mode='ANSI,NO_BACKSLASH_ESCAPES'",
                                 "/*!40101 SET SQL_MODE='NO_BACKSLASH_ESCAPES' */",
                                 "SET @@sql_mode = 'TRADITIONAL'"]) + delim)
            continue
        if r.random() < 0.12:
            delim = r.choice([";;", "$$", "//", ";", "$", "@@", "DELIM"])
            out.append(r.choice(["DELIMITER", "delimiter", "Delimiter"]) + " " + delim)
            continue
        s = r.choice(["select", "SELECT", "/* lead */ select", "-- c\nselect", "# h\nselect",
                      "values", "create procedure p() begin", "set @a ="])
        for _ in range(r.randint(0, 14)):
            s += (r.choice(WS) if r.random() < 0.8 else "") + frag(delim)
        out.append(s + r.choice([delim, delim, delim + "\n", "\n" + delim, " " + delim]))
    return "\n".join(out)


if __name__ == "__main__":
    rng = random.Random(int(sys.argv[2]))
    print(pg_script(rng) if sys.argv[1] == "postgres" else my_script(rng))
