#!/bin/sh
# t-refs.sh PLAQUETTE: the brochure still looks like its reference renders.
exec sh tests/refs.sh check "$1"
