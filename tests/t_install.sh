#!/bin/sh
# SPDX-License-Identifier: MIT
# make install with DESTDIR and PREFIX, then build a program against the
# installed libkg with pkg-config (shared and static) and run it.
. tests/lib.sh
DEST=$TMP/root
PREFIX=/opt/kg
if ! make -s BUILD="$BUILD" DESTDIR="$DEST" PREFIX="$PREFIX" install > "$TMP/install.log" 2>&1; then
    cat "$TMP/install.log" >&2
    bad "make install"
fi
for f in bin/kg lib/libkg.a lib/libkg.so lib/pkgconfig/kg.pc include/kg/kg.h share/kg/kg.ttl \
    share/kg/relations.tsv; do
    check "installed $f" test -e "$DEST$PREFIX/$f"
done
cat > "$TMP/hello.c" <<'C'
#include <kg/kg.h>
#include <kg/turtle.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    const char *text = "China will support Laos.\n";
    kg_pipeline_opts o = kg_pipeline_opts_default();
    kg_pipeline *p;
    kg_article *a;
    kg_doc *d;
    kg_sink *w;
    if (kg_pipeline_new(&o, NULL, &p) != KG_SUCCESS) return 1;
    if (kg_article_from_memory("hello", text, strlen(text), &o.reader, NULL, &a)) return 2;
    if (kg_pipeline_run(p, a, &d) != KG_SUCCESS) return 3;
    if (kg_rdf_sink_new(stdout, KG_RDF_NTRIPLES, NULL, &w) != KG_SUCCESS) return 4;
    kg_graph_emit(d->graph, NULL, w);
    kg_sink_end(w);
    kg_sink_free(w);
    kg_doc_free(d);
    kg_article_free(a);
    kg_pipeline_free(p);
    printf("kg %s\n", kg_version());
    return 0;
}
C
# kg.pc names the installed prefix; point it at DESTDIR for this test
sed "s|^prefix=.*|prefix=$DEST$PREFIX|" "$DEST$PREFIX/lib/pkgconfig/kg.pc" > "$TMP/kg.pc"
export PKG_CONFIG_PATH="$TMP"
# shared: what pkg-config gives
if ${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} -o "$TMP/hello" "$TMP/hello.c" $(pkg-config --cflags --libs kg) 2> "$TMP/cc.err" &&
    LD_LIBRARY_PATH="$DEST$PREFIX/lib" "$TMP/hello" > "$TMP/hello.out"; then
    ok
else
    cat "$TMP/cc.err" >&2
    bad "a program builds against the installed libkg and runs"
fi
check "it finds the relation" grep -q 'ns#supports' "$TMP/hello.out"
check "it prints the version" grep -q '^kg [0-9]' "$TMP/hello.out"
# static: libkg.a and the private dependencies pkg-config lists
libs=$(pkg-config --libs --static kg | sed 's/-lkg//')
if ${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} -o "$TMP/hello-a" "$TMP/hello.c" $(pkg-config --cflags kg) "$DEST$PREFIX/lib/libkg.a" \
    $libs 2> "$TMP/cc.err" && "$TMP/hello-a" > /dev/null; then
    ok
else
    cat "$TMP/cc.err" >&2
    bad "static libkg works"
fi
finish
