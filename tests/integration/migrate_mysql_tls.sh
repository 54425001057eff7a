#!/usr/bin/env bash
# ssync migrate's TLS parameters (golang-migrate's tls=, x-tls-ca,
# x-tls-cert, x-tls-key, x-tls-insecure-skip-verify) against a MariaDB of
# this test's own that speaks TLS with certificates made here: users that
# REQUIRE SSL and REQUIRE X509 show which connections really used TLS and
# a client certificate.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

if ! command -v openssl >/dev/null || ! "$SSYNC" version | grep -q mysql; then
	skip "needs openssl and a build with MySQL support" 1
	done_testing
fi

# --- certificates ---------------------------------------------------------------
C=$T_TMP/certs
mkdir -p "$C"
chmod 755 "$T_TMP" "$C"
(
	cd "$C" || exit 1
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ssync test CA" \
		-keyout ca.key -out ca.pem
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
		-keyout other.key -out other-ca.pem
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >server.ext
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
		-extfile server.ext -out server.pem
	openssl req -newkey rsa:2048 -nodes -subj "/CN=ssync client" -keyout client.key -out client.csr
	openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out client.pem
	chmod 644 ./*
) >"$T_TMP/openssl.log" 2>&1
if [ ! -s "$C/client.pem" ]; then
	skip "openssl could not make the certificates: $(tail -1 "$T_TMP/openssl.log")" 1
	done_testing
fi

# --- a MariaDB with TLS -------------------------------------------------------------
SSYNC_TEST_TMP=$T_TMP/server
mkdir -p "$SSYNC_TEST_TMP"
SSYNC_TEST_MYSQL_EXTRA_OPTS="--ssl-ca=$C/ca.pem --ssl-cert=$C/server.pem --ssl-key=$C/server.key"
if ! ss_mysql_start; then
	skip "MariaDB with TLS did not start: ${SSYNC_TEST_MYSQL_SKIP:-}" 1
	done_testing
fi
trap 'ss_mysql_stop' EXIT
my_sql mysql "CREATE DATABASE tls_db;
	CREATE USER 'tls_user'@'%' IDENTIFIED BY 'tls-pw' REQUIRE SSL;
	CREATE USER 'x509_user'@'%' IDENTIFIED BY 'x509-pw' REQUIRE X509;
	GRANT ALL ON tls_db.* TO 'tls_user'@'%', 'x509_user'@'%'" || { ok 1 "cannot create the TLS users"; done_testing; }
is "$(my_sql mysql "SELECT @@have_ssl")" YES "the server speaks TLS"

D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE IF NOT EXISTS t (id int);\n' >"$D/1_t.up.sql"
M() { run "$SSYNC" migrate -path "$D" "$@"; }
url() { echo "mysql://$1@tcp(127.0.0.1:$SSYNC_TEST_MYSQL_PORT)/tls_db?$2"; }

M -database "$(url tls_user:tls-pw "tls=false")" up
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: Access denied" \
	"a user that REQUIRES SSL cannot connect with tls=false"
M -database "$(url tls_user:tls-pw "tls=skip-verify")" up
is "$T_RC" 0 "tls=skip-verify: TLS without verification (the user that requires SSL gets in)"
M -database "$(url tls_user:tls-pw "tls=true")" version
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: .*(certificate|verify|self-signed)" \
	"tls=true verifies the certificate: this test's own CA is not trusted"
M -database "$(url tls_user:tls-pw "tls=custom&x-tls-ca=$C/ca.pem")" version
is "$T_ERR" "1" "a custom TLS config with x-tls-ca: the certificate verifies (127.0.0.1 is in it)"
M -database "$(url tls_user:tls-pw "tls=custom&x-tls-ca=$C/other-ca.pem")" version
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: .*(certificate|verify)" \
	"... with another CA it does not"
M -database "$(url tls_user:tls-pw "tls=custom&x-tls-ca=$C/other-ca.pem&x-tls-insecure-skip-verify=true")" version
is "$T_ERR" "1" "... unless x-tls-insecure-skip-verify=true"
M -database "$(url tls_user:tls-pw "tls=custom&x-tls-ca=$C/ca.pem&x-tls-insecure-skip-verify=maybe")" version
is "$T_ERR" 'error: failed to open database: strconv.ParseBool: parsing "maybe": invalid syntax' \
	"a bad x-tls-insecure-skip-verify"
M -database "$(url x509_user:x509-pw "tls=custom&x-tls-ca=$C/ca.pem")" version
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: Access denied" \
	"a user that REQUIRES X509 needs a client certificate"
M -database "$(url x509_user:x509-pw "tls=custom&x-tls-ca=$C/ca.pem&x-tls-cert=$C/client.pem&x-tls-key=$C/client.key")" version
is "$T_ERR" "1" "x-tls-cert and x-tls-key give it one"
M -database "$(url x509_user:x509-pw "tls=custom&x-tls-ca=$C/ca.pem&x-tls-cert=$C/client.pem")" version
is "$T_ERR" "error: failed to open database: to use TLS client authentication, both x-tls-cert and x-tls-key must not be empty" \
	"x-tls-cert without x-tls-key (golang-migrate's message)"
done_testing
