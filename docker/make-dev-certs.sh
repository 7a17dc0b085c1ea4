#!/bin/sh
# Makes a development CA and a certificate for the compose file's nginx (names: proxy, localhost, 127.0.0.1)
# in docker/secrets/: ca.pem (trust this one in senders), proxy.crt and proxy.key (nginx's). For testing
# only; use your own CA's certificate in production. Needs openssl 1.1.1 or newer.
set -eu
dir="$(dirname "$0")/secrets"
mkdir -p "$dir"
cd "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/CN=wsprobe development CA" -keyout ca.key -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=proxy" -keyout proxy.key -out proxy.csr
printf 'subjectAltName=DNS:proxy,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > proxy.ext
openssl x509 -req -in proxy.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -extfile proxy.ext -out proxy.crt
rm -f proxy.csr proxy.ext ca.srl
chmod 644 ca.pem proxy.crt
echo "made $(pwd)/ca.pem (trust it: send --cacert), proxy.crt and proxy.key (nginx's)"
