/* SPDX-License-Identifier: MIT
 * kg: tests of the raptor2 writers and reader, checked with serdi. */

#include "kg/sink.h"
#include "kg/turtle.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/kg_test_turtle_XXXXXX";

/* Diagnostics collected by the tests. */
typedef struct diags {
    size_t n;
    uint64_t first_line;
    kg_status first_status;
    char first[256];
} diags;

static void collect(void *handle, const kg_diag *d)
{
    diags *c = handle;
    if (c->n++ == 0) {
        c->first_line = d->line;
        c->first_status = d->status;
        snprintf(c->first, sizeof c->first, "%s", d->message);
    }
}

#define N_STATEMENTS 14

/* Send the test graph: non-ASCII IRIs, a hostile literal, a language
 * tag, an xsd:date, a blank node, all in one named graph. */
static kg_status send_graph(kg_sink *w)
{
    kg_status st;
    // raptor declares rdf: itself; declaring it again (or twice) is harmless.
    TRY(st, kg_sink_prefix(w, "rdf", KG_RDF));
    TRY(st, kg_sink_prefix(w, "rdf", KG_RDF));
    TRY(st, kg_sink_prefix(w, "schema", KG_SCHEMA));
    TRY(st, kg_sink_prefix(w, "rdfs", KG_RDFS));
    TRY(st, kg_sink_prefix(w, "xsd", KG_XSD));
    TRY(st, kg_sink_prefix(w, "place", KG_DEFAULT_BASE "place/"));
    kg_term g = kg_iri("https://w3id.org/kg/id/article/xinhua-2024-11-21");
    kg_term zurich = kg_iri(KG_DEFAULT_BASE "place/Z%C3%BCrich_Zürich");
    kg_term park = kg_iri(KG_DEFAULT_BASE "place/苏州工业园区");
    kg_term type = kg_iri(KG_RDF "type"), label = kg_iri(KG_RDFS "label");
    kg_term comment = kg_iri(KG_RDFS "comment");
    kg_term city = kg_iri(KG_SCHEMA "City"), date = kg_iri(KG_SCHEMA "datePublished");
    kg_term in = kg_iri(KG_SCHEMA "containedInPlace");
    kg_term l_de = kg_literal("Zürich", NULL, "de");
    kg_term l_zh = kg_literal("苏州工业园区", NULL, "zh");
    kg_term hostile = kg_literal("He said \"hi\"\nthen \\N left\t\"", NULL, NULL);
    kg_term d = kg_literal("2024-11-21", KG_XSD "date", NULL);
    kg_term b = kg_blank("b1");
    kg_term plain = kg_literal("plain", NULL, NULL);
    TRY(st, kg_sink_triple(w, &g, &zurich, &type, &city));
    TRY(st, kg_sink_triple(w, &g, &zurich, &label, &l_de));
    TRY(st, kg_sink_triple(w, &g, &park, &label, &l_zh));
    TRY(st, kg_sink_triple(w, &g, &park, &comment, &hostile));
    TRY(st, kg_sink_triple(w, &g, &park, &in, &zurich));
    TRY(st, kg_sink_triple(w, NULL, &g, &date, &d));
    TRY(st, kg_sink_triple(w, &g, &park, &comment, &b));
    TRY(st, kg_sink_triple(w, &g, &b, &comment, &plain));
    // Literals raptor's Turtle writer gets wrong or might: a lone carriage
    // return (written raw in a short string by raptor 2.0.15), CRLF,
    // control characters, a trailing backslash, triple quotes.
    static const char *const nasty[] = {"cr\ronly", "crlf\r\nline", "ctl \x01\x1f\x7f end",
                                        "ends with backslash\\", "triple \"\"\" quotes"};
    for (size_t i = 0; i < 5; i++) {
        kg_term lit = kg_literal(nasty[i], NULL, i % 2 ? "en-GB" : NULL);
        TRY(st, kg_sink_triple(w, &g, &park, &comment, &lit));
    }
    // A prefix after the first statement must still be usable in Turtle.
    TRY(st, kg_sink_prefix(w, "dcterms", KG_DCTERMS));
    kg_term title = kg_iri(KG_DCTERMS "title");
    TRY(st, kg_sink_triple(w, &g, &g, &title, &plain));
    return kg_sink_end(w);
}

static void path_of(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static kg_status write_file(const char *name, kg_rdf_format fmt)
{
    char path[256];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "w");
    if (!f) return KG_ERR_IO;
    kg_sink *w = NULL;
    diags c = {0};
    kg_diag_sink ds = {collect, &c};
    kg_status st = kg_rdf_sink_new(f, fmt, &ds, &w);
    if (st == KG_SUCCESS) st = send_graph(w);
    kg_sink_free(w);
    if (fclose(f) != 0 && st == KG_SUCCESS) st = KG_ERR_IO;
    if (c.n) fprintf(stderr, "unexpected diagnostic: %s\n", c.first);
    return c.n ? KG_ERR_LIB : st;
}

static int serdi_ok(const char *syntax, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "serdi -i %s %s/%s >/dev/null", syntax, dir, name);
    return system(cmd) == 0;
}

/* Read @p name back through kg_rdf_read_file into sorted N-Triples. */
static char *read_sorted(const char *name, kg_status *st)
{
    char path[256];
    path_of(path, sizeof path, name);
    FILE *out = tmpfile();
    if (!out) return NULL;
    kg_sink *w = kg_sorted_nt_sink_new(out);
    diags c = {0};
    kg_diag_sink ds = {collect, &c};
    *st = kg_rdf_read_file(path, w, &ds);
    if (*st == KG_SUCCESS) *st = kg_sink_end(w);
    kg_sink_free(w);
    long n = ftell(out);
    rewind(out);
    char *text = calloc(1, (size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, out) != (size_t)n) text[0] = '\0';
    fclose(out);
    return text;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static void test_formats(void)
{
    kg_rdf_format f;
    CHECK(kg_rdf_format_from_name("ttl", &f) == KG_SUCCESS && f == KG_RDF_TURTLE);
    CHECK(kg_rdf_format_from_name("ntriples", &f) == KG_SUCCESS && f == KG_RDF_NTRIPLES);
    CHECK(kg_rdf_format_from_name("nq", &f) == KG_SUCCESS && f == KG_RDF_NQUADS);
    CHECK(kg_rdf_format_from_name("rdfxml", &f) == KG_ERR_ARG);
    CHECK_STR(kg_rdf_format_ext(KG_RDF_NQUADS), "nq");
    kg_sink *s = NULL;
    CHECK(kg_rdf_sink_new(NULL, KG_RDF_TURTLE, NULL, &s) == KG_ERR_ARG);
    CHECK(s == NULL);
}

static void test_write_all_formats(void)
{
    CHECK(write_file("g.ttl", KG_RDF_TURTLE) == KG_SUCCESS);
    CHECK(write_file("g.nt", KG_RDF_NTRIPLES) == KG_SUCCESS);
    CHECK(write_file("g.nq", KG_RDF_NQUADS) == KG_SUCCESS);
    CHECK(serdi_ok("turtle", "g.ttl"));
    CHECK(serdi_ok("ntriples", "g.nt"));
    CHECK(serdi_ok("nquads", "g.nq"));

    // Turtle declares the prefixes it was given (no relative IRIs: base NULL).
    char cmd[512];
    snprintf(cmd, sizeof cmd, "grep -q '^@prefix schema: <http://schema.org/>' %s/g.ttl", dir);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "grep -q '^@prefix xsd: <' %s/g.ttl", dir);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "grep -q 'dcterms:title' %s/g.ttl", dir);
    CHECK(system(cmd) == 0);
    // Every N-Quads line but the one sent with a NULL graph has the graph.
    snprintf(cmd, sizeof cmd, "test $(grep -c 'article/xinhua-2024-11-21> \\.$' %s/g.nq) -eq %d",
             dir, N_STATEMENTS - 1);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd,
             "grep -q '\\^\\^<http://www.w3.org/2001/XMLSchema#date> \\.$' %s/g.nq", dir);
    CHECK(system(cmd) == 0);

    // The three files hold the same triples.
    kg_status st1, st2, st3;
    char *nt = read_sorted("g.nt", &st1);
    char *nq = read_sorted("g.nq", &st2);
    char *ttl = read_sorted("g.ttl", &st3);
    CHECK(st1 == KG_SUCCESS && st2 == KG_SUCCESS && st3 == KG_SUCCESS);
    CHECK(nt && nq && ttl);
    if (nt && nq && ttl) {
        CHECK(count_lines(nt) == N_STATEMENTS);
        CHECK_STR(nt, nq);
        // Blank node labels may differ after a Turtle round trip; compare counts.
        CHECK(count_lines(ttl) == N_STATEMENTS);
        CHECK(strstr(ttl, "\"He said \\\"hi\\\"\\nthen \\\\N left\\t\\\"\"") != NULL);
        CHECK(strstr(ttl, "\"苏州工业园区\"@zh") != NULL || strstr(ttl, "@zh") != NULL);
    }
    free(nt);
    free(nq);
    free(ttl);
}

/* Counts statements. */
static kg_status count_triple(void *h, const kg_term *g, const kg_term *s, const kg_term *p,
                              const kg_term *o)
{
    (void)g;
    (void)s;
    (void)p;
    (void)o;
    ++*(size_t *)h;
    return KG_SUCCESS;
}

static void test_read_turtle(void)
{
    char path[256];
    path_of(path, sizeof path, "g.ttl");
    size_t n = 0;
    kg_sink *counter = kg_sink_new(NULL, count_triple, NULL, NULL, &n);
    CHECK(kg_rdf_read_file(path, counter, NULL) == KG_SUCCESS);
    CHECK(n == N_STATEMENTS);
    kg_sink_free(counter);
}

static void test_read_errors(void)
{
    char path[256];
    path_of(path, sizeof path, "bad.ttl");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs("@prefix ex: <http://example.org/> .\n"
          "ex:a ex:b ex:c .\n"
          "\n"
          "ex:a ex:b \"unterminated .\n",
          f);
    fclose(f);
    size_t n = 0;
    kg_sink *counter = kg_sink_new(NULL, count_triple, NULL, NULL, &n);
    diags c = {0};
    kg_diag_sink ds = {collect, &c};
    CHECK(kg_rdf_read_file(path, counter, &ds) == KG_ERR_SYNTAX);
    CHECK(c.n >= 1);
    CHECK(c.first_line >= 4);
    CHECK(c.first_status == KG_ERR_SYNTAX);

    // A missing file is an I/O error; an unknown extension an argument error.
    c.n = 0;
    path_of(path, sizeof path, "missing.ttl");
    CHECK(kg_rdf_read_file(path, counter, &ds) == KG_ERR_IO);
    CHECK(c.n == 1);
    path_of(path, sizeof path, "g.rdf");
    CHECK(kg_rdf_read_file(path, counter, &ds) == KG_ERR_ARG);
    kg_sink_free(counter);
}

static void test_dev_full(void)
{
    kg_rdf_format fmts[] = {KG_RDF_TURTLE, KG_RDF_NTRIPLES, KG_RDF_NQUADS};
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/full", "w");
        CHECK(f != NULL);
        if (!f) return;
        kg_sink *w = NULL;
        CHECK(kg_rdf_sink_new(f, fmts[i], NULL, &w) == KG_SUCCESS);
        CHECK(send_graph(w) == KG_ERR_IO);
        kg_sink_free(w);
        fclose(f);
    }
}

static void test_free_null(void)
{
    kg_sink_free(NULL);
    CHECK(1);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_free_null);
    RUN(test_formats);
    RUN(test_write_all_formats);
    RUN(test_read_turtle);
    RUN(test_read_errors);
    RUN(test_dev_full);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return DONE();
}
