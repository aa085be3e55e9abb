#!/bin/sh
# SPDX-License-Identifier: MIT
# kg's output in real triple stores: a private Virtuoso on loopback and
# Oxigraph (npm) load every format of every example with no error and the
# triple count strict serdi gives, and the README's SPARQL queries
# (tests/stores/*.rq, shown verbatim in the README) give the committed answers
# (tests/stores/expected/PHASE/QUERY.tsv, sorted) in both stores; the
# README's answer tables are the expected ones.
#
# Phases: "full" loads the Turtle, the N-Triples and the N-Quads of the
# examples in turn; "two-articles" loads the N-Quads of the examples plus a
# copy of the first under another name (the answers must not change: entity
# triples repeat in every article's graph); "no-provenance" (Turtle) and
# "min-confidence" (N-Triples, --min-confidence 0.7) check the options;
# "ontology" loads ontology/kg.ttl.
#
# A missing store fails the test: .ci/deps.sh installs Virtuoso, and npm
# installs oxigraph from tests/stores/package-lock.json into build/stores.
# KG_STORES_UPDATE=1 rewrites the expected answers from Oxigraph's (review
# the diff before committing it).
. tests/lib.sh
S=tests/stores
OXDIR=${KG_OXIGRAPH_DIR:-build/stores}
MIN_CONF=0.75
start_time=$(date +%s)

VPID=
VPORT=
VDIR=$TMP/virtuoso
# stop_virtuoso: shut the server down (a checkpoint, then exit), or kill it
# if it does not stop (and fail); also when the test is stopped while the
# server starts.
stop_virtuoso() {
    [ -n "$VPID" ] || VPID=$(sed -n 's/^VIRT_PID=//p' "$VDIR/db/virtuoso.lck" 2> /dev/null)
    [ -n "$VPID" ] || return 0
    timeout 20 isql-vt "127.0.0.1:$VPORT" dba dba -K > /dev/null 2>&1
    n=0
    while kill -0 "$VPID" 2> /dev/null && [ $n -lt 200 ]; do
        [ $n -eq 100 ] && kill "$VPID" 2> /dev/null
        sleep 0.1
        n=$((n + 1))
    done
    clean=0
    [ $n -lt 100 ] || clean=1
    kill -9 "$VPID" 2> /dev/null
    VPID=
    return $clean
}
trap 'stop_virtuoso; rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM

missing=
for tool in serdi virtuoso-t isql-vt curl node npm; do
    command -v $tool > /dev/null || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    bad "missing:$missing (sh .ci/deps.sh installs them)"
    finish
    exit 1
fi

# ---------------------------------------------------------------------------
# The README shows every query verbatim, and how to load the stores.
# ---------------------------------------------------------------------------
for q in $S/*.rq; do
    if node -e 'const fs = require("fs");
        process.exit(fs.readFileSync(process.argv[1], "utf8")
            .includes(fs.readFileSync(process.argv[2], "utf8")) ? 0 : 1)' README.md "$q"; then
        ok
    else
        bad "README.md does not show $q verbatim"
    fi
done
for s in '## Load it into a triple store' "ld_dir(" 'rdf_loader_run(); checkpoint;' \
    'DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL' 'npm ci --prefix tests/stores' \
    'node tests/stores/oxigraph.mjs'; do
    check "README.md shows: $s" grep -qF "$s" README.md
done

# ---------------------------------------------------------------------------
# kg's outputs, validated by strict serdi; QUADS/NAME.EXT: serdi's quads
# ---------------------------------------------------------------------------
DATA=$TMP/data
ANS=$TMP/answers
mkdir -p "$DATA" "$ANS" "$TMP/copy"
first=$(ls examples/*.txt | head -n 1)
cp "$first" "$TMP/copy/$(basename "$first" .txt)-copy.txt"

# out PHASE EXT FORMAT [KG OPTION] DIR...: $DATA/PHASE/NAME.EXT for every
# DIR/NAME.txt
out() {
    phase=$1 ext=$2 fmt=$3
    shift 3
    opt=
    case $1 in --*) opt="$1" && shift ;; esac
    mkdir -p "$DATA/$phase"
    for txt in $(for d in "$@"; do ls "$d"/*.txt; done); do
        # shellcheck disable=SC2086
        $KG -q $opt -f "$fmt" -o "$DATA/$phase/$(basename "$txt" .txt).$ext" "$txt" ||
            bad "$phase: kg $opt -f $fmt $txt failed"
    done
    for f in "$DATA/$phase"/*."$ext"; do
        if serdi -q -i "$fmt" -o nquads "$f" 2> "$TMP/serdi.err" | LC_ALL=C sort -u > "$f.quads"; then
            ok
        else
            cat "$TMP/serdi.err" >&2
            bad "$phase: strict serdi rejects $(basename "$f")"
        fi
    done
}
out full ttl turtle examples
out full nt ntriples examples
out full nq nquads examples
out two-articles nq nquads examples "$TMP/copy"
out no-provenance ttl turtle --no-provenance examples
out min-confidence nt ntriples --min-confidence=$MIN_CONF examples
# the ontology loads too (no queries)
mkdir -p "$DATA/ontology"
cp ontology/kg.ttl "$DATA/ontology/kg.ttl"
serdi -q -i turtle -o nquads "$DATA/ontology/kg.ttl" | LC_ALL=C sort -u > "$DATA/ontology/kg.ttl.quads"
check "strict serdi reads ontology/kg.ttl" test -s "$DATA/ontology/kg.ttl.quads"

# PHASE:EXT, and the queries each runs (article-facts-graph reads named
# graphs: N-Quads only)
RUNS="full:ttl full:nt full:nq two-articles:nq no-provenance:ttl min-confidence:nt ontology:ttl"
queries() {
    for q in $S/*.rq; do
        case $1:$2:$(basename "$q") in
            ontology:*) ;;
            *:nq:*) echo "$q" ;;
            *:article-facts-graph.rq) ;;
            *) echo "$q" ;;
        esac
    done
}

# count_check STORE PHASE EXT COUNTS: COUNTS has "FILE<TAB>N" per loaded file
count_check() {
    while IFS="$(printf '\t')" read -r f n; do
        want=$(wc -l < "$f.quads")
        if [ "$n" = "$want" ] && [ "$n" -gt 0 ]; then
            ok
        else
            bad "$1 $2: $(basename "$f"): $n triples loaded, serdi reads $want"
        fi
        echo "$1 $2 $(basename "$f"): $n" >> "$TMP/counts"
    done < "$4"
}

# ---------------------------------------------------------------------------
# Oxigraph
# ---------------------------------------------------------------------------
mkdir -p "$OXDIR"
if ! cmp -s $S/package-lock.json "$OXDIR/package-lock.json" ||
    ! [ -f "$OXDIR/node_modules/oxigraph/package.json" ]; then
    cp $S/package.json $S/package-lock.json "$OXDIR/"
    if ! (cd "$OXDIR" && npm ci --no-audit --no-fund --loglevel=error > "$TMP/npm.log" 2>&1); then
        cat "$TMP/npm.log" >&2
        rm -f "$OXDIR/package-lock.json"
        bad "npm ci of oxigraph into $OXDIR"
    fi
fi
cp $S/oxigraph.mjs $S/tsv.mjs "$OXDIR/"
for run in $RUNS; do
    phase=${run%:*} ext=${run#*:}
    a=$ANS/oxigraph/$phase.$ext
    mkdir -p "$a"
    # shellcheck disable=SC2046
    if node "$OXDIR/oxigraph.mjs" --out "$a" "$DATA/$phase"/*."$ext" -- $(queries "$phase" "$ext") \
        > "$a.counts" 2> "$TMP/node.err"; then
        ok
        count_check oxigraph "$phase" "$ext" "$a.counts"
    else
        cat "$TMP/node.err" >&2
        bad "oxigraph: $phase $ext: load or query failed"
    fi
done
ox_time=$(($(date +%s) - start_time))

# ---------------------------------------------------------------------------
# Virtuoso: a private database on loopback ports, always shut down
# ---------------------------------------------------------------------------
# write_ini SQLPORT HTTPPORT
write_ini() {
    cat > "$VDIR/virtuoso.ini" << EOF
[Database]
DatabaseFile       = ./db/virtuoso.db
ErrorLogFile       = ./db/virtuoso.log
LockFile           = ./db/virtuoso.lck
TransactionFile    = ./db/virtuoso.trx
xa_persistent_file = ./db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = ./db/virtuoso-temp.db
TransactionFile    = ./db/virtuoso-temp.trx
Striping           = 0
[Parameters]
ServerPort         = 127.0.0.1:$1
DisableUnixSocket  = 1
DirsAllowed        = ., $DATA
CaseMode           = 2
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort         = 127.0.0.1:$2
ServerRoot         = ./db
ServerThreads      = 4
Charset            = UTF-8
[URIQA]
DefaultHost        = localhost:$2
[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 60
EOF
}

port_free() { ! ss -Hltn "sport = :$1" 2> /dev/null | grep -q .; }

# Ports from the process id, so that two runs on one machine differ; a port
# in use is skipped, a failed start retried on others.
try=0
while [ -z "$VPID" ] && [ $try -lt 5 ]; do
    VPORT=$((21000 + ($$ + try * 131) % 8000))
    HPORT=$((VPORT + 8000))
    try=$((try + 1))
    port_free $VPORT && port_free $HPORT || continue
    rm -rf "$VDIR"
    mkdir -p "$VDIR/db"
    write_ini $VPORT $HPORT
    (cd "$VDIR" && timeout 300 virtuoso-t +configfile ./virtuoso.ini +wait) > "$TMP/virtuoso.out" 2>&1
    VPID=$(sed -n 's/^VIRT_PID=//p' "$VDIR/db/virtuoso.lck" 2> /dev/null)
    if [ -n "$VPID" ] && ! kill -0 "$VPID" 2> /dev/null; then VPID=; fi
done
if [ -z "$VPID" ]; then
    cat "$TMP/virtuoso.out" "$VDIR/db/virtuoso.log" >&2 2> /dev/null
    bad "virtuoso-t did not start"
    finish
    exit 1
fi
ok
virtuoso_up=$(($(date +%s) - start_time))

# isql SQL: run SQL; fails (and shows the output) on any "*** Error"
isql() {
    isql-vt "127.0.0.1:$VPORT" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF \
        exec="$1" > "$TMP/isql.out" 2>&1
    rc=$?
    if [ $rc -ne 0 ] || grep -q '^\*\*\* Error' "$TMP/isql.out"; then
        cat "$TMP/isql.out" >&2
        return 1
    fi
}
# sparql QUERYFILE|-q QUERY: the answer as SPARQL JSON (tsv.mjs converts it)
sparql() {
    if [ "$1" = -q ]; then set -- "query=$2"; else set -- "query@$1"; fi
    curl -sS -f -G "http://127.0.0.1:$HPORT/sparql" \
        -H 'Accept: application/sparql-results+json' --data-urlencode "$1"
}
# graphs FILE: the graphs FILE.quads fills (N-Quads), or the test's graph for it
graph_of() { echo "urn:kg:test:$(basename "$1")"; }
graphs() {
    case $1 in
        *.nq) sed 's/.* <\([^>]*\)> \.$/\1/' "$1.quads" | LC_ALL=C sort -u ;;
        *) graph_of "$1" ;;
    esac
}

for run in $RUNS; do
    phase=${run%:*} ext=${run#*:}
    a=$ANS/virtuoso/$phase.$ext
    mkdir -p "$a"
    # the README's loader: ld_dir (here one file at a time, to count each)
    sql="DELETE FROM DB.DBA.LOAD_LIST;"
    for f in "$DATA/$phase"/*."$ext"; do
        sql="$sql ld_dir('$DATA/$phase', '$(basename "$f")', '$(graph_of "$f")');"
    done
    if isql "$sql rdf_loader_run(); checkpoint;" &&
        isql "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL OR ll_state <> 2;" &&
        ! [ -s "$TMP/isql.out" ]; then
        ok
    else
        cat "$TMP/isql.out" >&2
        bad "virtuoso: $phase $ext: load errors"
    fi
    i=0
    for f in "$DATA/$phase"/*."$ext"; do
        i=$((i + 1))
        vals=$(graphs "$f" | sed 's/.*/<&>/' | tr '\n' ' ')
        echo "$f" > "$a/count$i.file"
        sparql -q "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { $vals} }" \
            > "$a/count$i.json" || bad "virtuoso: $phase $ext: counting failed"
    done
    for q in $(queries "$phase" "$ext"); do
        if sparql "$q" > "$a/$(basename "$q" .rq).json"; then ok; else bad "virtuoso: $phase $ext: $q failed"; fi
    done
    # empty the store for the next phase
    sql=
    for f in "$DATA/$phase"/*."$ext"; do
        for g in $(graphs "$f"); do sql="$sql SPARQL CLEAR GRAPH <$g>;"; done
    done
    check "virtuoso: $phase $ext: clear" isql "$sql"
done
check "virtuoso shuts down when asked" stop_virtuoso
virtuoso_done=$(($(date +%s) - start_time))
# the answers as TAB-separated values, in one run of node
check "virtuoso: answers are SPARQL JSON" node $S/tsv.mjs "$ANS"/virtuoso/*/*.json
for run in $RUNS; do
    phase=${run%:*} ext=${run#*:}
    a=$ANS/virtuoso/$phase.$ext
    for c in "$a"/count*.file; do
        printf '%s\t%s\n' "$(cat "$c")" "$(cat "${c%.file}.tsv" 2> /dev/null)"
    done > "$a.counts"
    count_check virtuoso "$phase" "$ext" "$a.counts"
done

# ---------------------------------------------------------------------------
# The answers: the committed ones, in both stores, in every format
# ---------------------------------------------------------------------------
if [ -n "${KG_STORES_UPDATE:-}" ]; then
    for run in full:nq no-provenance:ttl min-confidence:nt two-articles:nq; do
        phase=${run%:*} ext=${run#*:}
        mkdir -p "$S/expected/$phase"
        for q in $S/*.rq; do
            name=$(basename "$q" .rq)
            [ "$name" = article-facts-graph ] && continue
            [ "$phase:$name" != two-articles:articles ] && [ "$phase" = two-articles ] && continue
            LC_ALL=C sort "$ANS/oxigraph/$phase.$ext/$name.tsv" > "$S/expected/$phase/$name.tsv"
        done
    done
    # and the answer tables of the README (the rows under each table's header)
    for name in articles who-supports-whom located-in-china reported-facts; do
        head=$(sed -n '/^SELECT/{s/.*SELECT DISTINCT //; s/?//g; s/ / | /g; s/^/| /; s/$/ |/; p; q}' $S/$name.rq)
        sed 's/|/\\|/g; s/\t/ | /g; s/^/| /; s/$/ |/' $S/expected/full/$name.tsv > "$TMP/rows"
        awk -v h="$head" -v rows="$TMP/rows" '
            skip && /^\| / { next }
            { skip = 0; print }
            $0 == h { getline; print; while ((getline r < rows) > 0) print r; skip = 1 }' \
            README.md > "$TMP/README.md" && cp "$TMP/README.md" README.md
    done
    echo "wrote $S/expected and the README's answer tables: review the diff" >&2
fi
for store in oxigraph virtuoso; do
    for run in $RUNS; do
        phase=${run%:*} ext=${run#*:}
        for q in $(queries "$phase" "$ext"); do
            name=$(basename "$q" .rq)
            [ "$name" = article-facts-graph ] && name=article-facts
            got=$ANS/$store/$phase.$ext/$(basename "$q" .rq).tsv
            # two articles give the answers of one, but for the list of articles
            want=$S/expected/$phase/$name.tsv
            [ -f "$want" ] || want=$S/expected/full/$name.tsv
            if [ -f "$got" ] && LC_ALL=C sort "$got" | cmp -s - "$want"; then
                ok
            else
                echo "--- $store $phase $ext $(basename "$q"): expected $want, got:" >&2
                [ -f "$got" ] && LC_ALL=C sort "$got" | diff "$want" - >&2
                bad "$store: $phase $ext: $(basename "$q") gives other answers"
            fi
        done
    done
done

# The README's answer tables are the expected answers.
for name in articles who-supports-whom located-in-china reported-facts; do
    sed 's/|/\\|/g; s/\t/ | /g; s/^/| /; s/$/ |/' $S/expected/full/$name.tsv > "$TMP/rows"
    while IFS= read -r row; do
        check "README.md shows the answer row '$row'" grep -qxF -- "$row" README.md
    done < "$TMP/rows"
done

# The expected answers agree with the options they stand for.
E=$S/expected
check "two articles are two articles" test "$(wc -l < $E/two-articles/articles.tsv)" -eq \
    $(($(wc -l < $E/full/articles.tsv) + 1))
check "the full answers are not empty" test -s $E/full/who-supports-whom.tsv -a \
    -s $E/full/located-in-china.tsv -a -s $E/full/reported-facts.tsv -a -s $E/full/article-facts.tsv
check "--no-provenance: no articles, no reified facts" test ! -s $E/no-provenance/article-facts.tsv -a \
    ! -s $E/no-provenance/articles.tsv -a \
    ! -s $E/no-provenance/reported-facts.tsv
check "--no-provenance: the same relations" cmp -s $E/no-provenance/located-in-china.tsv \
    $E/full/located-in-china.tsv
cut -f1,2 $E/full/who-supports-whom.tsv | LC_ALL=C sort -u | sed 's/$/\t/' > "$TMP/plain"
check "--no-provenance: who supports whom, without factuality" cmp -s "$TMP/plain" \
    $E/no-provenance/who-supports-whom.tsv
awk -F '\t' -v m=$MIN_CONF '$4 + 0 >= m + 0' $E/full/article-facts.tsv > "$TMP/kept"
check "--min-confidence $MIN_CONF: the facts of at least that confidence" \
    cmp -s "$TMP/kept" $E/min-confidence/article-facts.tsv
check "--min-confidence $MIN_CONF drops some facts" test "$(wc -l < "$TMP/kept")" -lt \
    "$(wc -l < $E/full/article-facts.tsv)"

total=$(($(date +%s) - start_time))
echo "counts (store phase file: triples):" >&2
cat "$TMP/counts" >&2
echo "time (s from the start): oxigraph done ${ox_time}, virtuoso online ${virtuoso_up}," \
    "virtuoso done ${virtuoso_done}, total ${total}" >&2
finish
