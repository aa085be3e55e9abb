/* SPDX-License-Identifier: MIT
 * kg: unit tests of open information extraction (openie.h), on sentences
 * parsed by the embedded tagger and parser. */

#include "kg/openie.h"
#include "kg/token.h"

#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kg_tagger *tagger_;
static kg_parse *parse_;

/* Tuples of one sentence, each rendered "rel | arg1 | arg2 ..." with
 * "#flags" appended, one per line. */
static char *extract(const char *text, const kg_openie_opts *opts)
{
    kg_token *toks;
    size_t n;
    kg_tokenize(text, strlen(text), 0, &toks, &n);
    kg_word *w = calloc(n, sizeof *w);
    kg_word_analysis *an = calloc(n, sizeof *an);
    for (size_t i = 0; i < n; i++) {
        w[i].ptr = text + toks[i].off;
        w[i].len = toks[i].len;
    }
    kg_tagger_parse(tagger_, w, n, parse_);
    for (size_t i = 0; i < n; i++)
        an[i] = *kg_parse_word(parse_, i);
    kg_openie *x = kg_openie_new(opts);
    CHECK(kg_openie_extract(x, an, n) == KG_SUCCESS);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    for (size_t i = 0; i < kg_openie_count(x); i++) {
        const kg_oie_tuple *t = kg_openie_tuple(x, i);
        CHECK(t->confidence >= 0 && t->confidence <= 1);
        if (t->flags & KG_OIE_IMPLICIT)
            fputs(kg_openie_rel_word(t), out);
        else
            kg_openie_write_slot(x, &t->rel, w, out);
        for (size_t k = 0; k < t->n_args; k++) {
            fputs(" | ", out);
            kg_openie_write_slot(x, kg_openie_arg(x, t, k), w, out);
        }
        fprintf(out, " #%u\n", t->flags);
    }
    fclose(out);
    kg_openie_free(x);
    free(an);
    free(w);
    free(toks);
    return buf;
}

/* Does @p all hold the line starting with @p tuple followed by " #"?
 * @return its flags, or -1. */
static int find(const char *all, const char *tuple)
{
    size_t n = strlen(tuple);
    for (const char *p = all; p && *p;) {
        if (strncmp(p, tuple, n) == 0 && strncmp(p + n, " #", 2) == 0) return atoi(p + n + 2);
        p = strchr(p, '\n');
        if (p) p++;
    }
    fprintf(stderr, "missing tuple: %s\nin:\n%s", tuple, all ? all : "(none)\n");
    return -1;
}

static void test_passive_agent(void)
{
    char *r = extract("The park was founded by the government in 1994.", NULL);
    int f = find(r, "was founded by | The park | the government | in 1994");
    CHECK(f >= 0 && (f & KG_OIE_PASSIVE));
    free(r);
}

static void test_active_svo(void)
{
    char *r = extract("She gave the book to her brother.", NULL);
    int f = find(r, "gave | She | the book | to her brother");
    CHECK(f == 0);
    free(r);
}

static void test_relative_clause(void)
{
    char *r = extract("The company bought a factory that makes tires.", NULL);
    CHECK(find(r, "bought | The company | a factory") >= 0);
    CHECK(find(r, "makes | a factory | tires") >= 0);
    free(r);
}

static void test_coordination(void)
{
    char *r = extract("Farmers and workers supported the new law.", NULL);
    CHECK(find(r, "supported | Farmers | the new law") >= 0);
    CHECK(find(r, "supported | workers | the new law") >= 0);
    free(r);
    r = extract("The company makes cars and trucks.", NULL);
    CHECK(find(r, "makes | The company | cars") >= 0);
    CHECK(find(r, "makes | The company | trucks") >= 0);
    free(r);
    kg_openie_opts o = kg_openie_opts_default();
    o.coordination = 0;
    r = extract("Farmers and workers supported the new law.", &o);
    CHECK(find(r, "supported | Farmers and workers | the new law") >= 0);
    free(r);
    /* proper names stay whole: "Frankenberry, Laughlin & Constable" */
    r = extract("Alice and Bob visited Paris.", NULL);
    CHECK(find(r, "visited | Alice and Bob | Paris") >= 0);
    free(r);
}

static void test_verb_coordination(void)
{
    char *r = extract("He served as the first Prime Minister of Australia and became a "
                      "founding justice of the High Court.",
                      NULL);
    CHECK(find(r, "served as | He | the first Prime Minister of Australia") >= 0);
    int f = find(r, "became | He | a founding justice of the High Court");
    CHECK(f >= 0 && (f & KG_OIE_INHERITED));
    free(r);
}

static void test_apposition(void)
{
    char *r = extract("Paris, the capital of France, is a large city.", NULL);
    CHECK(find(r, "is | Paris | a large city") >= 0);
    int f = find(r, "is | Paris | the capital of France");
    CHECK(f >= 0 && (f & KG_OIE_IMPLICIT));
    free(r);
}

static void test_negation(void)
{
    char *r = extract("The company did not buy the bank.", NULL);
    int f = find(r, "did not buy | The company | the bank");
    CHECK(f >= 0 && (f & KG_OIE_NEGATED));
    free(r);
}

static void test_control_and_complement(void)
{
    char *r = extract("He wants to buy a new car.", NULL);
    CHECK(find(r, "wants to buy | He | a new car") >= 0);
    free(r);
    r = extract("The senator said that the bill would pass.", NULL);
    CHECK(find(r, "said that | The senator | the bill would pass") >= 0);
    free(r);
}

static void test_copula_and_participle(void)
{
    char *r = extract("The museum is in Paris.", NULL);
    CHECK(find(r, "is in | The museum | Paris") >= 0);
    free(r);
    r = extract("The company was unable to pay its debts.", NULL);
    CHECK(find(r, "was unable to pay | The company | its debts") >= 0);
    free(r);
    r = extract("He was considered to be the best player.", NULL);
    CHECK(find(r, "was considered to be | He | the best player") >= 0);
    free(r);
    /* a participle set off by commas: its own tuple, read with "be", and
     * not part of the subject */
    kg_openie_opts o = kg_openie_opts_default();
    o.tagger = tagger_;
    r = extract("The think tank, established in 2005, is based in Lausanne.", &o);
    CHECK(find(r, "is based in | The think tank | Lausanne") >= 0);
    int f = find(r, "established in | The think tank | 2005");
    CHECK(f >= 0 && (f & KG_OIE_IMPLICIT_BE) && (f & KG_OIE_PASSIVE));
    free(r);
}

static void test_edges(void)
{
    kg_openie_free(NULL);
    kg_openie *x = kg_openie_new(NULL);
    CHECK(kg_openie_extract(x, NULL, 0) == KG_SUCCESS);
    CHECK(kg_openie_count(x) == 0);
    /* a head out of range and a cycle are refused */
    kg_word_analysis bad[2] = {{KG_UPOS_VERB, 0, KG_DEP_ROOT, 3, "x"},
                               {KG_UPOS_NOUN, 0, KG_DEP_OBJ, 1, "y"}};
    CHECK(kg_openie_extract(x, bad, 2) == KG_ERR_ARG);
    bad[0].head = 2;
    CHECK(kg_openie_extract(x, bad, 2) == KG_ERR_ARG);
    CHECK(kg_openie_count(x) == 0);
    kg_openie_free(x);
}

static void test_write_carb(void)
{
    const char *in_text = "Italy 's largest bank filed a lawsuit against the manager .\n"
                          "\n"
                          "Alice visited Paris .\r\n";
    FILE *in = fmemopen((void *)in_text, strlen(in_text), "r");
    char *buf = NULL;
    size_t len = 0, lines = 0;
    FILE *out = open_memstream(&buf, &len);
    kg_openie *x = kg_openie_new(NULL);
    CHECK(kg_openie_write_carb(x, tagger_, in, "t", out, NULL, &lines) == KG_SUCCESS);
    fclose(out);
    fclose(in);
    CHECK(lines == 2);
    /* the sentence as given, then confidence, relation, arguments */
    CHECK(buf && strstr(buf, "Alice visited Paris .\t0.") != NULL);
    CHECK(buf && strstr(buf, "\tvisited\tAlice\tParis\n") != NULL);
    /* "'s" stays one word, as in the input */
    CHECK(buf && strstr(buf, "\tfiled against\t") == NULL);
    CHECK(buf && strstr(buf, "\tItaly 's largest bank\ta lawsuit") != NULL);
    free(buf);
    kg_openie_free(x);
}

int main(void)
{
    if (kg_tagger_default(&tagger_) != KG_SUCCESS) {
        fprintf(stderr, "cannot load the tagger\n");
        return 1;
    }
    parse_ = kg_parse_new();
    RUN(test_passive_agent);
    RUN(test_active_svo);
    RUN(test_relative_clause);
    RUN(test_coordination);
    RUN(test_verb_coordination);
    RUN(test_apposition);
    RUN(test_negation);
    RUN(test_control_and_complement);
    RUN(test_copula_and_participle);
    RUN(test_edges);
    RUN(test_write_carb);
    kg_parse_free(parse_);
    kg_tagger_free(tagger_);
    return DONE();
}
