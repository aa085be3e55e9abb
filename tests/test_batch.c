/* SPDX-License-Identifier: MIT
 * kg: tests of the ordered pool, JSON Lines parsing and the merging sink. */

#include "kg/batch.h"
#include "kg/io.h"
#include "kg/sink.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* ---- the ordered pool ---- */

typedef struct pjob {
    size_t id;
    unsigned long result;
    unsigned worker;
} pjob;

typedef struct pctx {
    size_t next;     // id expected next in done()
    size_t in_order; // jobs delivered in order
    size_t workers_seen;
    unsigned char seen[16];
} pctx;

static void pwork(void *ctx, unsigned worker, void *arg)
{
    (void)ctx;
    pjob *j = arg;
    /* uneven work so that later jobs often finish first */
    unsigned long x = j->id;
    size_t rounds = (j->id * 7919) % 20000;
    for (size_t i = 0; i < rounds; i++)
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    j->result = x;
    j->worker = worker;
}

static void pdone(void *arg, void *job)
{
    pctx *c = arg;
    pjob *j = job;
    c->in_order += j->id == c->next;
    c->next++;
    if (j->worker < 16 && !c->seen[j->worker]) {
        c->seen[j->worker] = 1;
        c->workers_seen++;
    }
    free(j);
}

static void pool_in_order(unsigned workers, size_t window)
{
    pctx c = {0};
    kg_pool *p = kg_pool_new(workers, window, pwork, pdone, &c);
    CHECK(p != NULL);
    if (!p) return;
    for (size_t i = 0; i < 500; i++) {
        pjob *j = calloc(1, sizeof *j);
        j->id = i;
        kg_pool_submit(p, j);
    }
    kg_pool_finish(p);
    kg_pool_free(p);
    CHECK(c.next == 500);
    CHECK(c.in_order == 500);
    CHECK(c.workers_seen >= 1 && c.workers_seen <= workers);
}

static void test_pool_one(void)
{
    pool_in_order(1, 0);
}

static void test_pool_many(void)
{
    pool_in_order(2, 0);
    pool_in_order(4, 3);
    pool_in_order(8, 1); // a window of one: strictly one job at a time
}

static void test_pool_empty(void)
{
    pctx c = {0};
    kg_pool *p = kg_pool_new(3, 0, pwork, pdone, &c);
    CHECK(p != NULL);
    kg_pool_finish(p);
    kg_pool_free(p);
    kg_pool_free(NULL);
    CHECK(c.next == 0);
    CHECK(kg_ncpus() >= 1);
}

/* ---- JSON Lines ---- */

static void test_jsonl_parse(void)
{
    kg_jsonl_record r = {0};
    const char *ok = "{\"id\": \"a/1\", \"text\": \"Hello \\u00e9 world.\", \"title\": \"T\", "
                     "\"date\": \"2024-11-21T10:00:00Z\", \"url\": \"https://x.org/1\", "
                     "\"source\": \"AP\", \"extra\": [1, 2]}";
    CHECK(kg_jsonl_parse(ok, strlen(ok), "f", 3, 100, NULL, &r) == KG_SUCCESS);
    CHECK_STR(r.id, "a/1");
    CHECK_STR(r.text, "Hello \xc3\xa9 world.");
    CHECK(r.text_len == strlen("Hello \xc3\xa9 world."));
    CHECK_STR(r.title, "T");
    CHECK_STR(r.date, "2024-11-21");
    CHECK_STR(r.url, "https://x.org/1");
    CHECK_STR(r.source, "AP");
    CHECK(r.line == 3 && r.offset == 100);
    const char *num = "{\"id\": 42, \"text\": \"x\", \"date\": \"21 Nov\"}";
    CHECK(kg_jsonl_parse(num, strlen(num), "f", 1, 0, NULL, &r) == KG_SUCCESS);
    CHECK_STR(r.id, "42");
    CHECK(r.date == NULL); // not ISO: dropped with a warning
    const char *nul = "{\"id\": \"n\", \"text\": \"a\\u0000b\"}";
    CHECK(kg_jsonl_parse(nul, strlen(nul), "f", 1, 0, NULL, &r) == KG_SUCCESS);
    CHECK(r.text_len == 3 && r.text[1] == '\0'); // the reader reports the NUL
    CHECK(kg_jsonl_parse("   \r", 4, "f", 1, 0, NULL, &r) == KG_FAILURE);
    const char *bad[] = {
        "{",
        "[1]",
        "{\"text\": \"x\"}",
        "{\"id\": \"\", \"text\": \"x\"}",
        "{\"id\": \"a\"}",
        "{\"id\": \"a\", \"text\": 5}",
        "{\"id\": \"a\", \"text\": \"x\", \"title\": 1}",
        "{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\"}",
        "{\"id\": \"a\\u0000b\", \"text\": \"x\"}",
        "{\"id\": \"a\", \"text\": \"x\", \"title\": \"t\\u0000\"}",
        "{\"id\": \"a\", \"text\": \"\xff\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(kg_jsonl_parse(bad[i], strlen(bad[i]), "f", 1, 0, NULL, &r) == KG_ERR_SYNTAX);
        CHECK(r.id == NULL && r.text == NULL);
    }
    kg_jsonl_record_clear(&r);
}

static void test_output_path_id(void)
{
    char *p = kg_output_path_id("out", "news/feed.jsonl", "a/b c.1", "nt");
    CHECK_STR(p, "out/news/feed/a%2Fb%20c.1.nt");
    free(p);
    p = kg_output_path_id("out", "feed.jsonl", "..", "ttl");
    CHECK_STR(p, "out/feed/%2E..ttl");
    free(p);
}

/* ---- the merging sink ---- */

static void test_merge_sink(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    kg_sink *nt = kg_sorted_nt_sink_new(mem);
    kg_sink *m = kg_merge_sink_new(nt);
    kg_term e = kg_iri("http://x/e"), a1 = kg_iri("http://x/a1"), a2 = kg_iri("http://x/a2");
    kg_term type = kg_iri(KG_RDF "type"), label = kg_iri(KG_RDFS "label");
    kg_term count = kg_iri(KG_NS "mentionCount"), mentions = kg_iri(KG_SCHEMA "mentions");
    kg_term person = kg_iri(KG_SCHEMA "Person"), article = kg_iri(KG_SCHEMA "NewsArticle");
    kg_term name = kg_literal("E", NULL, "en"), three = kg_literal("3", KG_XSD "integer", NULL);
    kg_term four = kg_literal("4", KG_XSD "integer", NULL);
    CHECK(kg_is_description(&type, &person));
    CHECK(!kg_is_description(&type, &article));
    CHECK(!kg_is_description(&mentions, &e));
    for (int k = 0; k < 2; k++) {
        kg_term *a = k ? &a2 : &a1;
        kg_sink_triple(m, NULL, a, &type, &article);
        kg_sink_triple(m, NULL, a, &mentions, &e);
        kg_sink_triple(m, NULL, &e, &type, &person);
        kg_sink_triple(m, NULL, &e, &label, &name);
        kg_sink_triple(m, NULL, &e, &count, k ? &four : &three);
    }
    CHECK(kg_sink_end(m) == KG_SUCCESS);
    fclose(mem);
    CHECK(strstr(buf, "<http://x/e> <https://w3id.org/kg/ns#mentionCount> \"7\"^^") != NULL);
    CHECK(strstr(buf, "<http://x/e> <http://www.w3.org/2000/01/rdf-schema#label> \"E\"@en .\n") !=
          NULL);
    /* one label, one type, one count for e */
    size_t n = 0;
    for (const char *c = buf; (c = strstr(c, "<http://x/e> <")) != NULL; c++)
        n++;
    CHECK(n == 3);
    kg_sink_free(m);
    kg_sink_free(nt);
    free(buf);
}

/* The same rows through a merging sink that keeps them in memory and one
 * that spills them to sorted files every few rows: the same bytes. */
static char *merged_text(size_t budget)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    kg_sink *nt = kg_sorted_nt_sink_new(mem);
    kg_sink *m = kg_merge_sink_new(nt);
    if (budget) kg_merge_sink_budget(m, budget);
    kg_term label = kg_iri(KG_RDFS "label"), count = kg_iri(KG_NS "mentionCount");
    kg_term alt = kg_iri(KG_SKOS "altLabel"), next = kg_iri("http://x/next");
    unsigned long x = 1;
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        char s[64], v[64];
        snprintf(s, sizeof s, "http://x/e%lu", (x >> 33) % 97);
        snprintf(v, sizeof v, "name\n%lu \001\002", (x >> 20) % 13);
        kg_term e = kg_iri(s);
        kg_term name = kg_literal(v, NULL, (x >> 40) % 2 ? "en" : "zh-tw");
        kg_term one = kg_literal("2", KG_XSD "integer", NULL);
        kg_sink_triple(m, NULL, &e, (x >> 45) % 2 ? &label : &alt, &name);
        kg_sink_triple(m, NULL, &e, &count, &one);
        kg_sink_triple(m, NULL, &e, &next, &e); // not a description: passed on
    }
    CHECK(kg_sink_end(m) == KG_SUCCESS);
    kg_sink_free(m);
    kg_sink_free(nt);
    fclose(mem);
    return buf;
}

static void test_merge_spill(void)
{
    char *a = merged_text(0), *b = merged_text(200), *c = merged_text(5000);
    CHECK(a && b && c);
    CHECK(strcmp(a, b) == 0);
    CHECK(strcmp(a, c) == 0);
    CHECK(strstr(a, "\"zh-TW") == NULL);
    CHECK(strstr(a, "@zh-TW .") != NULL); // BCP 47 case
    CHECK(strstr(a, "name\\n") != NULL);  // the escaped LF survived the spill
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    RUN(test_pool_one);
    RUN(test_pool_many);
    RUN(test_pool_empty);
    RUN(test_jsonl_parse);
    RUN(test_output_path_id);
    RUN(test_merge_sink);
    RUN(test_merge_spill);
    return DONE();
}
