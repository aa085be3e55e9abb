/* SPDX-License-Identifier: MIT
 * kg: tests of the sink interface, the tee and the sorted N-Triples writer. */

#include "kg/sink.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A recording sink: appends "<tag>:<event> " to a shared log. */
typedef struct rec {
    char tag;
    char *log; // shared, 1024 bytes
    int freed;
    kg_status fail_with;
} rec;

static void rec_log(rec *r, const char *what)
{
    size_t n = strlen(r->log);
    snprintf(r->log + n, 1024 - n, "%c:%s ", r->tag, what);
}

static kg_status rec_prefix(void *h, const char *name, const char *iri)
{
    (void)iri;
    rec_log(h, name);
    return ((rec *)h)->fail_with;
}

static kg_status rec_triple(void *h, const kg_term *g, const kg_term *s, const kg_term *p,
                            const kg_term *o)
{
    (void)g;
    (void)s;
    (void)p;
    rec_log(h, o->value);
    return ((rec *)h)->fail_with;
}

static kg_status rec_end(void *h)
{
    rec_log(h, "end");
    return ((rec *)h)->fail_with;
}

static kg_status rec_flush(void *h)
{
    rec_log(h, "flush");
    return ((rec *)h)->fail_with;
}

static void rec_free(void *h)
{
    ((rec *)h)->freed++;
}

static void test_tee_order(void)
{
    char log[1024] = "";
    rec a = {'a', log, 0, KG_SUCCESS}, b = {'b', log, 0, KG_ERR_IO}, c = {'c', log, 0, KG_SUCCESS};
    kg_sink *sa = kg_sink_new(rec_prefix, rec_triple, rec_end, rec_free, &a);
    kg_sink *sb = kg_sink_new(rec_prefix, rec_triple, rec_end, rec_free, &b);
    kg_sink *sc = kg_sink_new(rec_prefix, rec_triple, rec_end, NULL, &c);
    kg_sink *targets[3] = {sa, sb, sc};
    kg_sink *t = kg_tee_sink_new(targets, 3);
    kg_term s = kg_iri("http://ex/s"), p = kg_iri("http://ex/p"), o = kg_literal("x", NULL, NULL);
    CHECK(kg_sink_prefix(t, "ex", "http://ex/") == KG_ERR_IO); // b fails: first error wins
    CHECK(kg_sink_triple(t, NULL, &s, &p, &o) == KG_ERR_IO);
    CHECK(kg_sink_end(t) == KG_ERR_IO);
    // Every target sees every call, in order, even after b failed.
    CHECK_STR(log, "a:ex b:ex c:ex a:x b:x c:x a:end b:end c:end ");
    kg_sink_free(t); // the targets are borrowed
    CHECK(a.freed == 0 && b.freed == 0);
    kg_sink_free(sa);
    kg_sink_free(sb);
    kg_sink_free(sc);
    CHECK(a.freed == 1 && b.freed == 1 && c.freed == 0);

    // An empty tee and a sink with all-NULL functions are no-ops.
    kg_sink *e = kg_tee_sink_new(NULL, 0);
    CHECK(kg_sink_triple(e, NULL, &s, &p, &o) == KG_SUCCESS);
    CHECK(kg_sink_end(e) == KG_SUCCESS);
    kg_sink_free(e);
    kg_sink *nul = kg_sink_new(NULL, NULL, NULL, NULL, NULL);
    CHECK(kg_sink_prefix(nul, "a", "b") == KG_SUCCESS);
    CHECK(kg_sink_triple(nul, NULL, &s, &p, &o) == KG_SUCCESS);
    CHECK(kg_sink_end(nul) == KG_SUCCESS);
    kg_sink_free(nul);
    CHECK(kg_sink_triple(NULL, NULL, &s, &p, &o) == KG_ERR_ARG);
}

/* kg_sink_flush: a tee and a merging sink pass it on; no flush is a no-op. */
static void test_flush(void)
{
    char log[1024] = "";
    rec a = {'a', log, 0, KG_SUCCESS}, b = {'b', log, 0, KG_ERR_IO};
    kg_sink *sa = kg_sink_new(rec_prefix, rec_triple, rec_end, NULL, &a);
    kg_sink *sb = kg_sink_new(rec_prefix, rec_triple, rec_end, NULL, &b);
    sa->flush = rec_flush;
    kg_sink *targets[2] = {sb, sa};
    kg_sink *t = kg_tee_sink_new(targets, 2);
    CHECK(kg_sink_flush(t) == KG_SUCCESS); // b has no flush
    sb->flush = rec_flush;
    CHECK(kg_sink_flush(t) == KG_ERR_IO); // b fails, a is still flushed
    CHECK_STR(log, "a:flush b:flush a:flush ");
    log[0] = '\0';
    kg_sink *m = kg_merge_sink_new(sa);
    kg_term s = kg_iri("http://ex/s"), l = kg_iri(KG_RDFS "label"), o = kg_literal("x", NULL, NULL);
    CHECK(kg_sink_triple(m, NULL, &s, &l, &o) == KG_SUCCESS); // a description: held
    CHECK(kg_sink_flush(m) == KG_SUCCESS);
    CHECK(kg_sink_end(m) == KG_SUCCESS);
    CHECK_STR(log, "a:flush a:x a:end ");
    CHECK(kg_sink_flush(NULL) == KG_ERR_ARG);
    kg_sink_free(m);
    kg_sink_free(t);
    kg_sink_free(sa);
    kg_sink_free(sb);
}

static void test_free_null(void)
{
    kg_sink_free(NULL);
    CHECK(1);
}

/* Run the sorted writer over a fixed set of statements, return the text. */
static char *sorted_output(void)
{
    FILE *f = tmpfile();
    if (!f) return NULL;
    kg_sink *w = kg_sorted_nt_sink_new(f);
    kg_term s = kg_iri("https://w3id.org/kg/id/place/Jiangsu");
    kg_term s2 = kg_iri("https://w3id.org/kg/id/place/A");
    kg_term bad = kg_iri("http://ex/a b<c>\"{d}|^`\\e");
    kg_term label = kg_iri(KG_RDFS "label");
    kg_term note = kg_iri(KG_RDFS "comment");
    kg_term lit_zh = kg_literal("江苏省", NULL, "zh");
    kg_term lit_en = kg_literal("Jiangsu", NULL, "en");
    kg_term hostile = kg_literal("say \"hi\" \\ back\nline2\r\ttab\x01\x1f\x7f end", NULL, NULL);
    kg_term date = kg_literal("2024-11-21", KG_XSD "date", NULL);
    kg_term blank = kg_blank("b0");
    kg_term g = kg_iri("http://ex/graph");
    kg_sink_triple(w, NULL, &s, &label, &lit_zh);
    kg_sink_triple(w, &g, &s, &label, &lit_en);
    kg_sink_triple(w, NULL, &s2, &note, &hostile);
    kg_sink_triple(w, NULL, &s, &label, &lit_en); // duplicate (graph ignored)
    kg_sink_triple(w, NULL, &s2, &note, &date);
    kg_sink_triple(w, NULL, &bad, &note, &blank);
    kg_sink_triple(w, NULL, &s2, &note, &hostile); // duplicate
    kg_status st = kg_sink_end(w);
    kg_sink_free(w);
    if (st != KG_SUCCESS) {
        fclose(f);
        return NULL;
    }
    long n = ftell(f);
    rewind(f);
    char *text = calloc(1, (size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

static void test_sorted_nt(void)
{
    char *text = sorted_output();
    CHECK(text != NULL);
    if (!text) return;
    const char *want =
        "<http://ex/a%20b%3Cc%3E%22%7Bd%7D%7C%5E%60%5Ce> "
        "<http://www.w3.org/2000/01/rdf-schema#comment> _:b0 .\n"
        "<https://w3id.org/kg/id/place/A> <http://www.w3.org/2000/01/rdf-schema#comment> "
        "\"2024-11-21\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
        "<https://w3id.org/kg/id/place/A> <http://www.w3.org/2000/01/rdf-schema#comment> "
        "\"say \\\"hi\\\" \\\\ back\\nline2\\r\\ttab\\u0001\\u001F\\u007F end\" .\n"
        "<https://w3id.org/kg/id/place/Jiangsu> <http://www.w3.org/2000/01/rdf-schema#label> "
        "\"Jiangsu\"@en .\n"
        "<https://w3id.org/kg/id/place/Jiangsu> <http://www.w3.org/2000/01/rdf-schema#label> "
        "\"江苏省\"@zh .\n";
    CHECK_STR(text, want);
    free(text);
}

static void test_sorted_nt_serdi(void)
{
    // The escaped output must parse in a strict N-Triples parser.
    char *text = sorted_output();
    CHECK(text != NULL);
    if (!text) return;
    char path[] = "/tmp/kg_test_sink_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w");
        fputs(text, f);
        fclose(f);
        char cmd[256];
        snprintf(cmd, sizeof cmd, "serdi -i ntriples %s >/dev/null 2>&1", path);
        if (system("command -v serdi >/dev/null 2>&1") == 0) CHECK(system(cmd) == 0);
        remove(path);
    }
    free(text);
}

static void test_sorted_nt_io_error(void)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f) return;
    kg_sink *w = kg_sorted_nt_sink_new(f);
    kg_term s = kg_iri("http://ex/s"), p = kg_iri("http://ex/p"), o = kg_literal("x", NULL, NULL);
    CHECK(kg_sink_triple(w, NULL, &s, &p, &o) == KG_SUCCESS);
    CHECK(kg_sink_end(w) == KG_ERR_IO);
    kg_sink_free(w);
    fclose(f);
}

int main(void)
{
    RUN(test_free_null);
    RUN(test_tee_order);
    RUN(test_flush);
    RUN(test_sorted_nt);
    RUN(test_sorted_nt_serdi);
    RUN(test_sorted_nt_io_error);
    return DONE();
}
