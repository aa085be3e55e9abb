/* SPDX-License-Identifier: MIT
 * kg: unit tests of the graph: IRIs, entities, facts, emission. */

#include "kg/graph.h"
#include "kg/sink.h"

#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void test_free_null(void)
{
    kg_graph_free(NULL);
    CHECK(1);
}

static void test_slug(void)
{
    char *s = kg_iri_slug("Ministry of Commerce", 20);
    CHECK_STR(s, "Ministry_of_Commerce");
    free(s);
    s = kg_iri_slug("  Côte d'Ivoire ", 16);
    CHECK_STR(s, "Côte_d%27Ivoire");
    free(s);
    s = kg_iri_slug("<a>\"b\"{c}|\\^`", 13);
    CHECK_STR(s, "%3Ca%3E%22b%22%7Bc%7D%7C%5C%5E%60");
    free(s);
    s = kg_iri_slug("R&D 50%", 7);
    CHECK_STR(s, "R%26D_50%25");
    free(s);
    s = kg_iri_slug("苏州工业园区", strlen("苏州工业园区"));
    CHECK_STR(s, "苏州工业园区");
    free(s);
    s = kg_iri_slug("a\tb\nc\x01", 6);
    CHECK_STR(s, "a_b_c%01");
    free(s);
    s = kg_iri_slug("\xff\xfe", 2); /* not UTF-8: encoded, never raw */
    CHECK_STR(s, "%FF%FE");
    free(s);
    s = kg_iri_slug("", 0);
    CHECK_STR(s, "_");
    free(s);
}

static void test_entity_iri(void)
{
    char *a = kg_iri_entity(NULL, KG_CLASS_COUNTRY, "China", 5);
    char *b = kg_iri_entity(NULL, KG_CLASS_CITY, "China", 5);
    char *c = kg_iri_entity("http://example.org/", KG_CLASS_PERSON, "Angela Merkel", 13);
    CHECK_STR(a, KG_DEFAULT_BASE "place/China");
    CHECK_STR(a, b); /* the IRI depends on the family, not the fine class */
    CHECK_STR(c, "http://example.org/person/Angela_Merkel");
    free(a);
    free(b);
    free(c);
}

static void test_entities(void)
{
    kg_graph *g = kg_graph_new(NULL, NULL);
    size_t a = kg_graph_entity(g, KG_CLASS_PLACE, "Jiangsu", 7);
    size_t b = kg_graph_entity(g, KG_CLASS_ADMIN_AREA, "Jiangsu", 7);
    size_t c = kg_graph_entity(g, KG_CLASS_ORGANIZATION, "Jiangsu", 7);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(kg_graph_get_entity(g, a)->cls == KG_CLASS_ADMIN_AREA); /* refined */
    kg_graph_alias(g, a, "Jiangsu Province", 16);
    kg_graph_alias(g, a, "jiangsu province", 16); /* same but for case */
    kg_graph_alias(g, a, "Jiangsu", 7);           /* the name itself */
    CHECK(kg_graph_get_entity(g, a)->n_aliases == 1);
    kg_graph_label(g, a, "zh", "江苏省");
    kg_graph_label(g, a, "zh", "江苏");
    CHECK(kg_graph_get_entity(g, a)->n_labels == 1);
    CHECK(kg_graph_n_entities(g) == 2);
    CHECK(kg_graph_get_entity(g, 99) == NULL);
    CHECK(kg_graph_check(g) == KG_SUCCESS);
    kg_graph_free(g);
}

static void test_class_names(void)
{
    for (int c = 0; c < KG_CLASS_COUNT; c++)
        CHECK(kg_class_from_name(kg_class_name((kg_class)c)) == (kg_class)c);
    CHECK(kg_class_from_name("Nonsense") == KG_CLASS_THING);
    CHECK(kg_class_family(KG_CLASS_NEWS_ORG) == KG_FAMILY_ORGANIZATION);
    CHECK(kg_class_family(KG_CLASS_CITY) == KG_FAMILY_PLACE);
}

/* A sink that records statements as text lines. */
typedef struct rec {
    char buf[65536];
    size_t len;
    int n;
} rec;

static kg_status rec_triple(void *h, const kg_term *g, const kg_term *s, const kg_term *p,
                            const kg_term *o)
{
    rec *r = h;
    (void)g;
    int n = snprintf(r->buf + r->len, sizeof r->buf - r->len, "%s %s %s%s%s\n", s->value, p->value,
                     o->value, o->lang ? "@" : "", o->lang ? o->lang : "");
    if (n > 0 && r->len + (size_t)n < sizeof r->buf) r->len += (size_t)n;
    r->n++;
    return KG_SUCCESS;
}

static kg_graph *sample(const kg_article *a)
{
    kg_graph *g = kg_graph_new(a, NULL);
    size_t china = kg_graph_entity(g, KG_CLASS_COUNTRY, "China", 5);
    size_t sg = kg_graph_entity(g, KG_CLASS_COUNTRY, "Singapore", 9);
    size_t x = kg_graph_entity(g, KG_CLASS_THING, "R&D", 3);
    (void)x;
    kg_fact f = {0};
    f.subject = china;
    f.property = (char *)KG_NS "cooperatesWith";
    f.object = sg;
    f.confidence = 0.5;
    f.reporter = SIZE_MAX;
    f.sent_off = 0;
    f.sent_end = a ? (uint32_t)a->len : 0;
    kg_graph_fact(g, &f);
    kg_graph_fact(g, &f); /* the same fact again raises its confidence */
    f.property = (char *)KG_NS "signsAgreementWith";
    f.factuality = KG_FACT_NEGATED;
    kg_graph_fact(g, &f);
    return g;
}

static void test_facts_and_emit(void)
{
    char text[] = "China and Singapore cooperate.";
    kg_article a = {0};
    a.name = (char *)"news/x.txt";
    a.text = text;
    a.len = strlen(text);
    kg_graph *g = sample(&a);
    CHECK(kg_graph_n_facts(g) == 2);
    CHECK(kg_graph_get_fact(g, 0)->confidence > 0.74 && kg_graph_get_fact(g, 0)->confidence < 0.76);
    static rec r1, r2;
    memset(&r1, 0, sizeof r1);
    memset(&r2, 0, sizeof r2);
    kg_sink *s1 = kg_sink_new(NULL, rec_triple, NULL, NULL, &r1);
    kg_sink *s2 = kg_sink_new(NULL, rec_triple, NULL, NULL, &r2);
    CHECK(kg_graph_emit(g, NULL, s1) == KG_SUCCESS);
    kg_graph *g2 = sample(&a);
    CHECK(kg_graph_emit(g2, NULL, s2) == KG_SUCCESS);
    CHECK(r1.len == r2.len && memcmp(r1.buf, r2.buf, r1.len) == 0); /* deterministic */
    /* the asserted fact is a plain triple, the negated one is not */
    CHECK(strstr(r1.buf, "place/China " KG_NS "cooperatesWith " KG_DEFAULT_BASE "place/Singapore"));
    CHECK(!strstr(r1.buf, "place/China " KG_NS "signsAgreementWith"));
    CHECK(strstr(r1.buf, KG_NS "factuality " KG_NS "Negated"));
    CHECK(strstr(r1.buf, "#char=0,30"));
    CHECK(strstr(r1.buf, "\"China\"") == NULL); /* labels are literals with a language */
    CHECK(strstr(r1.buf, "label China@en"));
    CHECK(!strstr(r1.buf, "R&D")); /* an untyped entity without facts is left out */

    /* without provenance: no article, no reification, no negated fact */
    static rec r3;
    memset(&r3, 0, sizeof r3);
    kg_sink *s3 = kg_sink_new(NULL, rec_triple, NULL, NULL, &r3);
    kg_emit_opts o = kg_emit_opts_default();
    o.provenance = 0;
    CHECK(kg_graph_emit(g, &o, s3) == KG_SUCCESS);
    CHECK(!strstr(r3.buf, "Statement"));
    CHECK(!strstr(r3.buf, "NewsArticle"));
    CHECK(strstr(r3.buf, "cooperatesWith"));
    /* a confidence threshold drops the weak fact */
    static rec r4;
    memset(&r4, 0, sizeof r4);
    kg_sink *s4 = kg_sink_new(NULL, rec_triple, NULL, NULL, &r4);
    o.min_confidence = 0.9;
    CHECK(kg_graph_emit(g, &o, s4) == KG_SUCCESS);
    CHECK(!strstr(r4.buf, "cooperatesWith"));
    kg_sink_free(s1);
    kg_sink_free(s2);
    kg_sink_free(s3);
    kg_sink_free(s4);
    kg_graph_free(g);
    kg_graph_free(g2);
}

static void test_article_iri(void)
{
    char t1[] = "one text", t2[] = "another text";
    kg_article a = {0}, b = {0};
    a.name = (char *)"dir1/x.txt";
    a.text = t1;
    a.len = strlen(t1);
    b.name = (char *)"dir2/x.txt";
    b.text = t2;
    b.len = strlen(t2);
    kg_graph *ga = kg_graph_new(&a, NULL), *gb = kg_graph_new(&b, NULL);
    CHECK(strcmp(kg_graph_article_iri(ga), kg_graph_article_iri(gb)) != 0);
    CHECK(strncmp(kg_graph_article_iri(ga), KG_DEFAULT_BASE "article/x-", 33) == 0);
    kg_graph_free(ga);
    kg_graph_free(gb);
}

int main(void)
{
    RUN(test_free_null);
    RUN(test_slug);
    RUN(test_entity_iri);
    RUN(test_entities);
    RUN(test_class_names);
    RUN(test_facts_and_emit);
    RUN(test_article_iri);
    return DONE();
}
