#!/bin/sh
# Writes the nginx map that authenticates X-Folio-Refresh (see deploy/nginx.conf) with a fresh random secret, once:
# an existing file is kept. Usage: sh deploy/make-refresh-secret.sh [FILE] (default /etc/nginx/snippets/folio-refresh.conf).
# Give the same secret to whatever sends refresh requests; it is printed on standard output.
set -eu
file=${1:-/etc/nginx/snippets/folio-refresh.conf}
if [ -e "$file" ]; then
  sed -n 's/.*"\([0-9a-f]\{64\}\)" 1;.*/\1/p' "$file"
  exit 0
fi
secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
umask 077
mkdir -p "$(dirname "$file")"
printf 'map $http_x_folio_refresh $folio_refresh {\n    default 0;\n    "%s" 1;\n}\n' "$secret" > "$file"
echo "$secret"
