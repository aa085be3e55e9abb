/* SPDX-License-Identifier: MIT
 * kg: tests of the diagram sink (Graphviz): formats, escaping, options. */

#include "kg/dot.h"
#include "kg/sink.h"
#include "kg/turtle.h"
#include "test.h"

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/kg_test_dot_XXXXXX";

#define ID "https://w3id.org/kg/id/"
#define ART "https://w3id.org/kg/id/article/xinhua-2024-11-21"
#define MOFCOM ID "organization/Ministry_of_Commerce"
#define SIP ID "place/Suzhou_Industrial_Park"
#define JS ID "place/Jiangsu"
#define CN ID "place/China"
#define SG ID "place/Singapore"
#define BJ ID "place/Beijing"
#define XH ID "organization/Xinhua"
#define EVIL ID "organization/Evil"
#define SIGN KG_REL_NS "sign_deal_with"
#define HOSTILE "<script>alert(\"x\")</script> & \\N \\G \\l AT&T; &foo; ]]>"

/* One statement of the test graph: o is an IRI unless lit. */
typedef struct stm {
    const char *s, *p, *o;
    int lit;
    const char *dt, *lang;
} stm;

#define I(s, p, o)                                                                                 \
    {                                                                                              \
        s, p, o, 0, NULL, NULL                                                                     \
    }
#define L(s, p, o, dt, lang)                                                                       \
    {                                                                                              \
        s, p, o, 1, dt, lang                                                                       \
    }

static const stm graph[] = {
    // The article and its sentences.
    I(ART, KG_RDF "type", KG_SCHEMA "NewsArticle"),
    L(ART, KG_SCHEMA "headline",
      "China's leading industrial park aims for globally attractive open hub", NULL, "en"),
    L(ART, KG_SCHEMA "datePublished", "2024-11-21", KG_XSD "date", NULL),
    L(ART, KG_SCHEMA "dateline", "BEIJING", NULL, NULL),
    I(ART "#char=0,80", KG_RDF "type", KG_NIF "Sentence"),
    L(ART "#char=0,80", KG_NIF "anchorOf",
      "The Ministry of Commerce stressed the support for the Suzhou Industrial Park.", NULL, NULL),
    I(ART "#char=81,150", KG_RDF "type", KG_NIF "Sentence"),
    L(ART "#char=81,150", KG_NIF "anchorOf",
      "China will support the industrial park, the notice said.", NULL, NULL),
    I(ART "#char=151,200", KG_RDF "type", KG_NIF "Sentence"),
    L(ART "#char=151,200", KG_NIF "anchorOf",
      "Singapore did not criticize China <b>&amp; \"quotes\"", NULL, NULL),
    // Entities.
    I(MOFCOM, KG_RDF "type", KG_SCHEMA "GovernmentOrganization"),
    L(MOFCOM, KG_RDFS "label", "Ministry of Commerce", NULL, "en"),
    L(MOFCOM, KG_SKOS "altLabel", "MOFCOM", NULL, "en"),
    I(SIP, KG_RDF "type", KG_SCHEMA "Place"),
    L(SIP, KG_RDFS "label", "Suzhou Industrial Park", NULL, "en"),
    L(SIP, KG_SCHEMA "foundingDate", "1994", KG_XSD "gYear", NULL),
    I(JS, KG_RDF "type", KG_SCHEMA "AdministrativeArea"),
    L(JS, KG_RDFS "label", "Jiangsu", NULL, "en"),
    L(JS, KG_RDFS "label", "江苏省", NULL, "zh"),
    L(JS, KG_SKOS "altLabel", "Jiangsu Province", NULL, "en"),
    L(JS, KG_SCHEMA "identifier", "CN-JS", NULL, NULL),
    I(CN, KG_RDF "type", KG_SCHEMA "Country"),
    L(CN, KG_RDFS "label", "China", NULL, "en"),
    L(CN, KG_RDFS "label", "Chine", NULL, "fr"),
    I(SG, KG_RDF "type", KG_SCHEMA "Country"),
    L(SG, KG_RDFS "label", "Singapore", NULL, "en"),
    I(BJ, KG_RDF "type", KG_SCHEMA "City"),
    L(BJ, KG_RDFS "label", "Beijing", NULL, "en"),
    I(XH, KG_RDF "type", KG_SCHEMA "NewsMediaOrganization"),
    L(XH, KG_RDFS "label", "Xinhua", NULL, "en"),
    I(EVIL, KG_RDF "type", KG_SCHEMA "Corporation"),
    L(EVIL, KG_RDFS "label", HOSTILE, NULL, "en"),
    // Relations.
    I(MOFCOM, KG_NS "supports", SIP),
    I(CN, KG_NS "supports", SIP),
    I(SIP, KG_SCHEMA "containedInPlace", JS),
    I(JS, KG_SCHEMA "containedInPlace", CN),
    I(SIP, KG_NS "cooperatesWith", SG),
    I(SIP, SIGN, SG),
    I(SIGN, KG_RDF "type", KG_OWL "ObjectProperty"),
    L(SIGN, KG_RDFS "label", "sign deal with", NULL, "en"),
    I(EVIL, KG_NS "investsIn", SIP),
    // Facts.
    I(ART "#fact-1", KG_RDF "type", KG_RDF "Statement"),
    I(ART "#fact-1", KG_RDF "subject", MOFCOM),
    I(ART "#fact-1", KG_RDF "predicate", KG_NS "supports"),
    I(ART "#fact-1", KG_RDF "object", SIP),
    L(ART "#fact-1", KG_NS "confidence", "0.85", KG_XSD "decimal", NULL),
    I(ART "#fact-1", KG_NS "factuality", KG_NS "Asserted"),
    I(ART "#fact-1", KG_PROV "wasDerivedFrom", ART "#char=0,80"),
    I(ART "#fact-2", KG_RDF "type", KG_RDF "Statement"),
    I(ART "#fact-2", KG_RDF "subject", CN),
    I(ART "#fact-2", KG_RDF "predicate", KG_NS "supports"),
    I(ART "#fact-2", KG_RDF "object", SIP),
    L(ART "#fact-2", KG_NS "confidence", "0.95", KG_XSD "decimal", NULL),
    I(ART "#fact-2", KG_NS "factuality", KG_NS "Planned"),
    I(ART "#fact-2", KG_NS "reportedBy", XH),
    I(ART "#fact-2", KG_PROV "wasDerivedFrom", ART "#char=81,150"),
    I(ART "#fact-3", KG_RDF "type", KG_RDF "Statement"),
    I(ART "#fact-3", KG_RDF "subject", SG),
    I(ART "#fact-3", KG_RDF "predicate", KG_NS "criticizes"),
    I(ART "#fact-3", KG_RDF "object", CN),
    L(ART "#fact-3", KG_NS "confidence", "0.95", KG_XSD "decimal", NULL),
    I(ART "#fact-3", KG_NS "factuality", KG_NS "Negated"),
    I(ART "#fact-3", KG_PROV "wasDerivedFrom", ART "#char=151,200"),
};

#define N_GRAPH (sizeof graph / sizeof graph[0])

static kg_status send(kg_sink *w, const stm *x)
{
    kg_term s = kg_iri(x->s), p = kg_iri(x->p);
    kg_term o = x->lit ? kg_literal(x->o, x->dt, x->lang) : kg_iri(x->o);
    return kg_sink_triple(w, NULL, &s, &p, &o);
}

/* Diagnostics: counted, and printed for the test log. */
static size_t ndiags;

static void count_diag(void *handle, const kg_diag *d)
{
    (void)handle;
    ndiags++;
    fprintf(stderr, "diag: %s\n", d->message);
}

static const kg_diag_sink diags = {count_diag, NULL};

/* Draw the test graph (reversed when @p reverse) to dir/name. */
static kg_status draw(const char *name, const kg_diagram_opts *opts, int reverse)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    kg_sink *w = NULL;
    kg_status st = kg_diagram_sink_new(path, opts, &diags, &w);
    if (st != KG_SUCCESS) return st;
    for (size_t i = 0; i < N_GRAPH && st == KG_SUCCESS; i++)
        st = send(w, &graph[reverse ? N_GRAPH - 1 - i : i]);
    // Duplicates change nothing.
    for (size_t i = 0; i < 5 && st == KG_SUCCESS; i++)
        st = send(w, &graph[i]);
    if (st == KG_SUCCESS) st = kg_sink_end(w);
    kg_sink_free(w);
    return st;
}

static char *slurp(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *text = calloc(1, (size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    fclose(f);
    if (len) *len = (size_t)n;
    return text;
}

static int run(const char *fmt, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, fmt, dir, name);
    return system(cmd);
}

/* No temporary file is left in the directory. */
static int no_temp_left(void)
{
    DIR *dp = opendir(dir);
    if (!dp) return 0;
    int ok = 1;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (strchr(e->d_name, '.') && strlen(strrchr(e->d_name, '.')) == 7 &&
            strspn(strrchr(e->d_name, '.') + 1,
                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789") == 6)
            ok = 0;
    closedir(dp);
    return ok;
}

static void test_free_null(void)
{
    kg_sink_free(NULL);
    CHECK(1);
}

static void test_formats(void)
{
    CHECK(kg_diagram_format_ok("a.svg"));
    CHECK(kg_diagram_format_ok("out/a.PNG"));
    CHECK(kg_diagram_format_ok("a.pdf"));
    CHECK(kg_diagram_format_ok("a.dot"));
    CHECK(kg_diagram_format_ok("a.gv"));
    CHECK(!kg_diagram_format_ok("a.jpg"));
    CHECK(!kg_diagram_format_ok("a"));
    CHECK(!kg_diagram_format_ok("a.svg/b"));
    CHECK(!kg_diagram_format_ok(NULL));
    kg_sink *w = (kg_sink *)&w;
    size_t before = ndiags;
    CHECK(kg_diagram_sink_new("x.jpg", NULL, &diags, &w) == KG_ERR_ARG);
    CHECK(w == NULL);
    CHECK(ndiags == before + 1);
    kg_diagram_opts o = kg_diagram_opts_default();
    o.layout = "nosuch";
    CHECK(kg_diagram_sink_new("x.svg", &o, &diags, &w) == KG_ERR_ARG);
    CHECK(w == NULL);
}

static void test_svg(void)
{
    CHECK(draw("g.svg", NULL, 0) == KG_SUCCESS);
    CHECK(run("xmllint --noout %s/%s", "g.svg") == 0);
    char *svg = slurp("g.svg", NULL);
    CHECK(svg != NULL);
    if (!svg) return;
    static const char *const want[] = {
        // node labels (the second line holds the Chinese label)
        ">Ministry of Commerce<", ">Suzhou Industrial Park<", ">Jiangsu<", ">江苏省<", ">China<",
        ">Singapore<", ">Xinhua<", ">founding date: 1994<",
        // edge labels
        ">supports<", ">supports (planned)<", ">contained in place<", ">cooperates with<",
        ">sign deal with<", ">not criticizes<", ">invests in<",
        // title, date, legend
        ">China&#39;s leading industrial park aims for globally attractive open hub<",
        ">2024&#45;11&#45;21<", ">Legend<", ">Government organization<", ">News media<",
        ">Administrative area<", ">Country<", ">City<", ">Place<", ">Organization<",
        ">solid: asserted<", ">dashed blue: planned<", ">dotted red: negated<",
        // tooltips: source sentence, type and aliases
        "The Ministry of Commerce stressed the support for the Suzhou Industrial Park.",
        "reported by Xinhua", "confidence 0.85", "AdministrativeArea",
        "aliases: Jiangsu Province @en; 江苏省 @zh", "identifier: CN&#45;JS",
        // hostile text, escaped
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\N \\G \\l AT&amp;T; "
        "&amp;foo; ]]&gt;",
        "Singapore did not criticize China &lt;b&gt;&amp;amp; &quot;quotes&quot;", NULL};
    for (size_t i = 0; want[i]; i++) {
        if (!strstr(svg, want[i])) {
            fprintf(stderr, "missing in SVG: %s\n", want[i]);
            CHECK(0);
        }
    }
    // Only Chinese labels join the node label; the others are aliases.
    CHECK(strstr(svg, ">Chine<") == NULL);
    CHECK(strstr(svg, "aliases: Chine @fr") != NULL);
    CHECK(strstr(svg, "<script") == NULL);
    CHECK(strstr(svg, "<b>") == NULL);
    CHECK(strstr(svg, "&foo;") == NULL);
    // Only the classes present are in the legend; Beijing's City is, Person is not.
    CHECK(strstr(svg, ">Person<") == NULL);
    CHECK(strstr(svg, ">Event<") == NULL);
    // Styles: negated red dotted, planned dashed.
    CHECK(strstr(svg, "stroke=\"#c62828\" stroke-width=\"1.9\" stroke-dasharray=\"1,5\"") != NULL);
    CHECK(strstr(svg, "stroke=\"#3b6ea8\" stroke-width=\"1.9\" stroke-dasharray=\"5,2\"") != NULL);
    free(svg);
    CHECK(no_temp_left());
}

static void test_deterministic(void)
{
    CHECK(draw("a.svg", NULL, 0) == KG_SUCCESS);
    CHECK(draw("b.svg", NULL, 1) == KG_SUCCESS);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cmp %s/a.svg %s/b.svg", dir, dir);
    CHECK(system(cmd) == 0);
    CHECK(draw("a.dot", NULL, 0) == KG_SUCCESS);
    CHECK(draw("b.dot", NULL, 1) == KG_SUCCESS);
    snprintf(cmd, sizeof cmd, "cmp %s/a.dot %s/b.dot", dir, dir);
    CHECK(system(cmd) == 0);
    // PDFs too, although cairo stamps them with the time (seconds).
    CHECK(draw("a.pdf", NULL, 0) == KG_SUCCESS);
    sleep(1);
    CHECK(draw("b.pdf", NULL, 1) == KG_SUCCESS);
    snprintf(cmd, sizeof cmd, "cmp %s/a.pdf %s/b.pdf", dir, dir);
    CHECK(system(cmd) == 0);
}

/* A graph saved as Turtle and read back draws the same as a fresh one
 * (what `kg draw FILE.ttl` does). */
static void test_redraw_from_turtle(void)
{
    char ttl[256], svg[256];
    snprintf(ttl, sizeof ttl, "%s/g.ttl", dir);
    snprintf(svg, sizeof svg, "%s/redrawn.svg", dir);
    FILE *f = fopen(ttl, "w");
    CHECK(f != NULL);
    if (!f) return;
    kg_sink *w = NULL;
    CHECK(kg_rdf_sink_new(f, KG_RDF_TURTLE, &diags, &w) == KG_SUCCESS);
    for (size_t i = 0; w && i < N_GRAPH; i++)
        CHECK(send(w, &graph[i]) == KG_SUCCESS);
    CHECK(kg_sink_end(w) == KG_SUCCESS);
    kg_sink_free(w);
    fclose(f);
    kg_sink *d = NULL;
    CHECK(kg_diagram_sink_new(svg, NULL, &diags, &d) == KG_SUCCESS);
    CHECK(kg_rdf_read_file(ttl, d, &diags) == KG_SUCCESS);
    CHECK(kg_sink_end(d) == KG_SUCCESS);
    kg_sink_free(d);
    CHECK(draw("fresh.svg", NULL, 0) == KG_SUCCESS);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cmp %s/fresh.svg %s", dir, svg);
    CHECK(system(cmd) == 0);
}

static void test_other_formats(void)
{
    CHECK(draw("g.dot", NULL, 0) == KG_SUCCESS);
    CHECK(draw("g.gv", NULL, 0) == KG_SUCCESS);
    CHECK(draw("g.png", NULL, 0) == KG_SUCCESS);
    CHECK(draw("g.pdf", NULL, 0) == KG_SUCCESS);
    size_t n = 0;
    char *png = slurp("g.png", &n);
    CHECK(png && n > 1000 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    free(png);
    char *pdf = slurp("g.pdf", &n);
    CHECK(pdf && n > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
    free(pdf);
    char *dot = slurp("g.dot", NULL);
    CHECK(dot && strncmp(dot, "digraph kg {", 12) == 0);
    CHECK(dot && strstr(dot, "sign deal with"));
    CHECK(dot && strstr(dot, "cluster_legend"));
    free(dot);
    // The DOT text renders again with Graphviz's own tools, to valid SVG.
    CHECK(run("dot -Tsvg %s/%s | xmllint --noout -", "g.dot") == 0);
    CHECK(no_temp_left());
}

static void test_options(void)
{
    kg_diagram_opts o = kg_diagram_opts_default();
    o.min_confidence = 0.9; // drops the 0.85 fact and its direct triple
    o.title = "My \\N title & more";
    CHECK(draw("conf.svg", &o, 0) == KG_SUCCESS);
    char *svg = slurp("conf.svg", NULL);
    CHECK(svg && !strstr(svg, "stressed the support"));
    CHECK(svg && strstr(svg, "supports (planned)"));
    CHECK(svg && strstr(svg, ">My \\N title &amp; more<"));
    free(svg);

    o = kg_diagram_opts_default();
    o.top = 3; // Suzhou Industrial Park, Singapore, China have the highest degrees
    o.layout = "neato";
    CHECK(draw("top.svg", &o, 0) == KG_SUCCESS);
    svg = slurp("top.svg", NULL);
    CHECK(svg && strstr(svg, ">Suzhou Industrial Park<") && strstr(svg, ">Singapore<") &&
          strstr(svg, ">China<"));
    CHECK(svg && !strstr(svg, ">Beijing<") && !strstr(svg, ">Xinhua<") &&
          !strstr(svg, ">Ministry of Commerce<"));
    CHECK(svg && strstr(svg, "<title>n3</title>") == NULL);
    // neato ignores clusters: the legend is one table node there.
    CHECK(svg && strstr(svg, ">Legend<") && strstr(svg, ">Country<") && strstr(svg, ">Place<") &&
          !strstr(svg, ">Person<"));
    CHECK(svg && strstr(svg, "<title>legend</title>"));
    free(svg);
}

static void test_write_errors(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/no/such/dir/g.svg", dir);
    kg_sink *w = NULL;
    size_t before = ndiags;
    CHECK(kg_diagram_sink_new(path, NULL, &diags, &w) == KG_SUCCESS);
    CHECK(send(w, &graph[0]) == KG_SUCCESS);
    CHECK(kg_sink_end(w) == KG_ERR_IO);
    CHECK(ndiags > before);
    kg_sink_free(w);
    // A path under a non-directory: the temporary file cannot be made.
    CHECK(kg_diagram_sink_new("/dev/null/x.svg", NULL, NULL, &w) == KG_SUCCESS);
    CHECK(kg_sink_end(w) == KG_ERR_IO);
    kg_sink_free(w);
    // A target that is a device is written in place, not renamed over:
    // through a symlink to /dev/full the write fails, and the device stays.
    snprintf(path, sizeof path, "%s/full.svg", dir);
    struct stat sb;
    if (stat("/dev/full", &sb) == 0 && S_ISCHR(sb.st_mode) && symlink("/dev/full", path) == 0) {
        CHECK(kg_diagram_sink_new(path, NULL, NULL, &w) == KG_SUCCESS);
        CHECK(send(w, &graph[0]) == KG_SUCCESS);
        CHECK(kg_sink_end(w) == KG_ERR_IO);
        kg_sink_free(w);
        CHECK(lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode));
        CHECK(stat("/dev/full", &sb) == 0 && S_ISCHR(sb.st_mode));
        CHECK(no_temp_left());
    }
    // An empty stream still draws (an empty graph).
    snprintf(path, sizeof path, "%s/empty.svg", dir);
    CHECK(kg_diagram_sink_new(path, NULL, &diags, &w) == KG_SUCCESS);
    CHECK(kg_sink_end(w) == KG_SUCCESS);
    kg_sink_free(w);
    CHECK(run("xmllint --noout %s/%s", "empty.svg") == 0);
}

static void test_filters(void)
{
    kg_diagram_opts o = kg_diagram_opts_default();
    o.types = " place , nosuch";
    size_t before = ndiags;
    CHECK(draw("types.svg", &o, 0) == KG_SUCCESS);
    CHECK(ndiags == before + 1); // 'nosuch' matches nothing
    char *svg = slurp("types.svg", NULL);
    CHECK(svg && strstr(svg, ">Suzhou Industrial Park<") && strstr(svg, ">Beijing<"));
    CHECK(svg && !strstr(svg, ">Ministry of Commerce<") && !strstr(svg, ">Xinhua<"));
    CHECK(svg && strstr(svg, ">types: place, nosuch<"));
    CHECK(svg && strstr(svg, ">contained in place<") && !strstr(svg, ">supports<"));
    free(svg);

    o = kg_diagram_opts_default();
    o.relations = "sign deal with,investsIn";
    CHECK(draw("rels.svg", &o, 0) == KG_SUCCESS);
    svg = slurp("rels.svg", NULL);
    CHECK(svg && strstr(svg, ">sign deal with<") && strstr(svg, ">invests in<"));
    CHECK(svg && !strstr(svg, ">supports<") && !strstr(svg, ">contained in place<"));
    CHECK(svg && !strstr(svg, ">Jiangsu<") && strstr(svg, ">Singapore<"));
    free(svg);

    o = kg_diagram_opts_default();
    o.cluster = KG_CLUSTER_TYPE;
    CHECK(draw("types.dot", &o, 0) == KG_SUCCESS);
    char *dot = slurp("types.dot", NULL);
    CHECK(dot && strstr(dot, "subgraph cluster_type4") && strstr(dot, "subgraph cluster_type1"));
    free(dot);
    o.cluster = KG_CLUSTER_ARTICLE;
    CHECK(draw("article.svg", &o, 0) == KG_SUCCESS);

    kg_sink *w = (kg_sink *)&w;
    o.cluster = (kg_diagram_cluster)7;
    CHECK(kg_diagram_sink_new("x.svg", &o, &diags, &w) == KG_ERR_ARG);
    CHECK(w == NULL);
}

/* 300 entities, 3000 random edges: the automatic layout must finish. */
static void draw_dense(const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    kg_sink *w = NULL;
    CHECK(kg_diagram_sink_new(path, NULL, &diags, &w) == KG_SUCCESS);
    if (!w) return;
    kg_term type = kg_iri(KG_RDF "type"), label = kg_iri(KG_RDFS "label");
    kg_term person = kg_iri(KG_SCHEMA "Person"), knows = kg_iri(KG_NS "meetsWith");
    char iri[300][64], name[64];
    for (int i = 0; i < 300; i++) {
        snprintf(iri[i], sizeof iri[i], ID "person/P%03d", i);
        snprintf(name, sizeof name, "Person %d", i);
        kg_term s = kg_iri(iri[i]), l = kg_literal(name, NULL, "en");
        kg_sink_triple(w, NULL, &s, &type, &person);
        kg_sink_triple(w, NULL, &s, &label, &l);
    }
    unsigned long x = 12345;
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        kg_term s = kg_iri(iri[(x >> 33) % 300]);
        kg_term o = kg_iri(iri[(x >> 17) % 300]);
        kg_sink_triple(w, NULL, &s, &knows, &o);
    }
    CHECK(kg_sink_end(w) == KG_SUCCESS);
    kg_sink_free(w);
}

static void test_dense(void)
{
    draw_dense("dense.svg");
    CHECK(run("xmllint --noout %s/%s", "dense.svg") == 0);
    draw_dense("dense2.svg"); // sfdp is deterministic too
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cmp -s %s/dense.svg %s/dense2.svg", dir, dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_free_null);
    RUN(test_formats);
    RUN(test_svg);
    RUN(test_deterministic);
    RUN(test_other_formats);
    RUN(test_redraw_from_turtle);
    RUN(test_options);
    RUN(test_filters);
    RUN(test_write_errors);
    RUN(test_dense);
    if (!getenv("KG_TEST_KEEP")) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    } else {
        fprintf(stderr, "kept %s\n", dir);
    }
    return DONE();
}
