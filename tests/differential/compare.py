#!/usr/bin/env python3
"""compare.py DIALECT FIRST LAST [BUILDDIR]: for each seed in [FIRST, LAST),
generate a script (gen.py), run it through the real client (psql, or the
mariadb client), then send sqlparse's statements one at a time, and compare
what the server received both times, from its statement log.  Scripts that
differ are kept in ./differential-out/ with what each side sent.

The servers come from servers.sh (its environment).  A script that
sqlparse refuses (an unterminated construct at the end) is counted apart:
the clients send such a tail anyway, sqlparse reports it as an error."""
import json
import os
import re
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
dialect, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
build = os.path.abspath(sys.argv[4] if len(sys.argv) > 4 else os.path.join(here, "..", ".."))
out = os.path.abspath("differential-out")
os.makedirs(out, exist_ok=True)
case = os.path.join(out, "case.sql")
env = os.environ


def sh(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def ws_norm(s):
    return re.sub(r"\s+", "", s)


# --- PostgreSQL: psql against sqlsend, read back from the jsonlog -----------------
PG = ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", env.get("DIFF_PG_PORT", "55499"), "-U", "postgres"]


def pg_sent(app, offset):
    """Statements the server got from application app, in order."""
    sent, last_logged = [], None
    with open(env["DIFF_PG_LOG"]) as f:
        f.seek(offset)
        for line in f:
            j = json.loads(line)
            if j.get("application_name") != app:
                continue
            msg = j.get("message", "")
            if j.get("error_severity") == "LOG" and msg.startswith("statement: "):
                sent.append(msg[len("statement: "):])
                last_logged = sent[-1]
            elif j.get("error_severity") == "ERROR" and "statement" in j:
                # logged already if it parsed; logged only here if it did not
                if last_logged != j["statement"]:
                    sent.append(j["statement"])
                last_logged = None
    return sent


def pg_strip(s):
    """psql keeps block comments before a statement, sqlparse leaves them in the lead."""
    while True:
        t = s.lstrip()
        if t.startswith("--"):
            i = t.find("\n")
            t = "" if i < 0 else t[i + 1:]
        elif t.startswith("/*"):
            depth, i = 0, 0
            while i < len(t):
                if t.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif t.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                    if not depth:
                        break
                else:
                    i += 1
            t = t[i:]
        if t == s:
            break
        s = t
    s = s.rstrip()
    return ws_norm(s[:-1] if s.endswith(";") else s)


def pg_case():
    def fresh():
        sh(PG + ["-c", "drop database if exists difft", "-c", "create database difft"])
    fresh()
    start = os.path.getsize(env["DIFF_PG_LOG"])
    sh(PG + ["-d", "difft", "-f", case], env=dict(env, PGAPPNAME="diff_client"))
    fresh()
    port = env.get("DIFF_PG_PORT", "55499")
    r = sh([os.path.join(out, "sqlsend"),
            "host=127.0.0.1 port=%s user=postgres dbname=difft application_name=diff_sqlparse" % port,
            case])
    # the logging collector writes behind: wait for a statement sent after both runs
    mark = "diff mark %d" % start
    sh(PG + ["-d", "difft", "-c", "select '%s'" % mark], env=dict(env, PGAPPNAME="diff_mark"))
    for _ in range(200):
        with open(env["DIFF_PG_LOG"]) as f:
            f.seek(start)
            if mark in f.read():
                break
        time.sleep(0.01)
    a = [x for x in map(pg_strip, pg_sent("diff_client", start)) if x]
    b = [x for x in map(pg_strip, pg_sent("diff_sqlparse", start)) if x]
    # psql sends a last statement without ';' only if nothing failed before it
    if len(b) == len(a) + 1 and b[:len(a)] == a:
        b = a
    return r, a, b


# --- MySQL: the mariadb client against sqlp-exec, read back from the general log ----
MY_ROOT = ["mariadb", "--no-defaults", "--socket=" + env.get("DIFF_MY_SOCKET", ""), "-uroot", "-N", "-B"]


def my_sent(user):
    r = sh(MY_ROOT + ["-e", "select hex(argument) from mysql.general_log where command_type = 'Query' "
                      "and user_host like '%s[%%' order by event_time" % user])
    return [bytes.fromhex(h).decode("utf-8", "replace") for h in r.stdout.split()]


def my_strip(s, escapes=True):
    """The client (without --comments) drops comments but /*! and /*+: so does this.
    Without escapes (NO_BACKSLASH_ESCAPES in force), a backslash in a string is a byte."""
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c in "'\"`":
            j = i + 1
            while j < n:
                if s[j] == "\\" and c != "`" and escapes:
                    j += 2
                    continue
                if s[j] == c:
                    if j + 1 < n and s[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(s[i:j + 1])
            i = j + 1
        elif c == "#" or (s.startswith("--", i) and (i + 2 >= n or s[i + 2] in " \t\r\n\f\v")):
            j = s.find("\n", i)
            i = n if j < 0 else j
        elif s.startswith("/*", i) and not s.startswith("/*!", i):
            # the client: a star-slash after a slash-star-bang inside a comment ends that only
            j, bang = i + 2, False
            while j < n and not (s.startswith("*/", j) and not bang):
                if s.startswith("*/", j):
                    bang, j = False, j + 2
                elif s.startswith("/*!", j):
                    bang, j = True, j + 3
                else:
                    j += 1
            i = min(n, j + 2)
        else:
            out.append(c)
            i += 1
    return ws_norm("".join(out))


def my_case():
    sh(MY_ROOT + ["-e", "truncate mysql.general_log"])
    port = env.get("DIFF_MY_PORT", "55498")
    with open(case) as f:
        sh(["mariadb", "--no-defaults", "-h127.0.0.1", "-P" + port, "-udiffc", "-pdiff", "--force",
            "difft"], stdin=f)
    r = sh([os.path.join(build, "tests", "sqlparse", "sqlp-exec"), "--force", "--strip-cr",
            "--dialect", "mysql", "mysql://diffs:diff@tcp(127.0.0.1:%s)/difft" % port, case])
    # server-side help is what the client's help command asks for
    a = [x for x in my_strip_all(my_sent("diffc")) if x and not x.startswith("help'")]
    b = [x for x in my_strip_all(my_sent("diffs")) if x]
    return r, a, b


def my_strip_all(sent):
    """my_strip() each statement under the sql_mode the ones before it set, as the
    client reads the server's NO_BACKSLASH_ESCAPES flag after each statement."""
    out, escapes = [], True
    for x in sent:
        out.append(my_strip(x, escapes))
        m = re.search(r"sql_mode\s*=\s*'([^']*)'", x, re.I)
        if m:
            escapes = "NO_BACKSLASH_ESCAPES" not in m.group(1).upper()
    return out


if dialect == "postgres":
    cc = sh(["cc", "-O1", "-I" + os.path.join(here, "..", "..", "sqlparse"),
             "-I" + sh(["pg_config", "--includedir"]).stdout.strip(), os.path.join(here, "sqlsend.c"),
             os.path.join(build, "sqlparse", "libsqlparse.a"), "-lpq", "-o", os.path.join(out, "sqlsend")])
    if cc.returncode:
        sys.exit("cannot build sqlsend: " + cc.stderr)
differ = refused = 0
for seed in range(first, last):
    with open(case, "w") as f:
        f.write(sh([sys.executable, os.path.join(here, "gen.py"), dialect, str(seed)]).stdout)
    r, a, b = pg_case() if dialect == "postgres" else my_case()
    if r.returncode == 2:
        refused += 1
        continue
    if a != b:
        differ += 1
        os.rename(case, os.path.join(out, "%s-%d.sql" % (dialect, seed)))
        i = next(i for i in range(max(len(a), len(b))) if a[i:i + 1] != b[i:i + 1])
        print("seed %d: the client sent %d statements, sqlparse %d; first difference:" % (seed, len(a), len(b)))
        print("  client:   %r" % (a[i] if i < len(a) else None))
        print("  sqlparse: %r" % (b[i] if i < len(b) else None))
print("%d scripts: %d sent alike, %d differ, %d refused by sqlparse (a split error such as an unterminated string, whose tail the clients send anyway)"
      % (last - first, last - first - differ - refused, differ, refused))
sys.exit(1 if differ else 0)
