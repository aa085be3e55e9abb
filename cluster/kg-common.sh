# SPDX-License-Identifier: MIT
# Shared by kg-slurm.sh and kg-parallel.sh (sourced, POSIX sh): checks of
# option values, of the output format and of the kg binary.  Needs die() from the caller.

# kg_positive OPTION VALUE: VALUE must be a positive whole number
kg_positive() {
    case $2 in '' | *[!0-9]* | 0) die "$1 needs a positive number" ;; esac
}

# kg_ext FORMAT: the file extension of an output format
kg_ext() {
    case $1 in
    turtle) echo ttl ;;
    ntriples) echo nt ;;
    nquads) echo nq ;;
    *) die "unknown format '$1' (turtle, ntriples or nquads)" ;;
    esac
}

# kg_resolve: make $KG (default: kg on PATH) an absolute path to an
# executable, so that jobs started elsewhere find it
kg_resolve() {
    KG=${KG:-kg}
    case $KG in
    /*) ;;
    */*) KG=$(cd "$(dirname "$KG")" && pwd)/$(basename "$KG") ;;
    *) KG=$(command -v "$KG") || die "kg not found on PATH (set KG)" ;;
    esac
    [ -x "$KG" ] || die "$KG is not executable"
}
