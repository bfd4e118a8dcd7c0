#!/bin/sh
# Puts the mmm_stan weekly export where bench/realData.bench.ts looks for it (or at $MMM_STAN_CSV).
# Pinned to the commit measured; the checksum guards against a changed file.
set -eu
COMMIT=59132400bde1df9e394e63d2f4b37a565ac07a41
SHA256=f690896bf40e622f77b6498ae3e182e4d48dd17bc1dee74fe811e8e3c0ce8696
TARGET="${MMM_STAN_CSV:-/tmp/mixwise-bench/mmm_stan.csv}"
mkdir -p "$(dirname "$TARGET")"
curl -fsSL "https://raw.githubusercontent.com/sibylhe/mmm_stan/$COMMIT/data.csv" -o "$TARGET.part"
echo "$SHA256  $TARGET.part" | sha256sum -c - >/dev/null
mv "$TARGET.part" "$TARGET"
echo "wrote $TARGET"
