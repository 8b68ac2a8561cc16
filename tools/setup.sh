#!/bin/sh
# Installs what lede needs to build on Debian, then builds it in this tree.
# Safe to run again: apt-get skips what is there, configure runs once.
set -eu
cd "$(dirname "$0")/.."

pkgs="build-essential autoconf automake pkg-config libxml2-dev libcurl4-openssl-dev
libncurses-dev libjson-c-dev libseccomp-dev"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
fi
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc)"
