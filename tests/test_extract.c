/* SPDX-License-Identifier: MIT
 * kg: unit tests of the entity, coreference and relation stages and the
 * relation lexicon.  They run without the parser (--no-parse), so that the
 * rules are tested on their own. */

#include "kg/kg.h"

#include "doc_helper.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static result run(const char *text)
{
    return run_doc(text, 0);
}

static void test_types(void)
{
    result r = run("The Ministry of Commerce met officials from Peking University and "
                   "Jiangsu Province in Nanjing, China.\n");
    const kg_entity *e;
    CHECK((e = entity(&r, "Ministry of Commerce")) && e->cls == KG_CLASS_GOV_ORG);
    CHECK((e = entity(&r, "Jiangsu")) && e->cls == KG_CLASS_ADMIN_AREA && e->code &&
          strcmp(e->code, "CN-JS") == 0);
    CHECK(has_alias(entity(&r, "Jiangsu"), "Jiangsu Province"));
    CHECK((e = entity(&r, "China")) && e->cls == KG_CLASS_COUNTRY);
    CHECK((e = entity(&r, "Nanjing")) && kg_class_family(e->cls) == KG_FAMILY_PLACE);
    CHECK((e = entity(&r, "Peking University")) &&
          kg_class_family(e->cls) == KG_FAMILY_ORGANIZATION);
    CHECK(entity(&r, "The Ministry of Commerce") == NULL);
    done(r);
}

static void test_titles_and_demonyms(void)
{
    result r = run("German Chancellor Angela Merkel praised Singaporean firms.\n");
    const kg_entity *e;
    CHECK((e = entity(&r, "Angela Merkel")) && e->cls == KG_CLASS_PERSON);
    CHECK(fact(&r, "Angela Merkel", "headOfGovernment", "Germany") != NULL);
    CHECK(entity(&r, "Singapore") != NULL);
    CHECK(has_alias(entity(&r, "Singapore"), "Singaporean"));
    CHECK(entity(&r, "German Chancellor Angela Merkel") == NULL);
    done(r);
}

static void test_coreference(void)
{
    result r = run("The Suzhou Industrial Park was founded in 1994. China supports the park. "
                   "It has grown.\n");
    CHECK(fact(&r, "Suzhou Industrial Park", "foundingDate", "1994") != NULL);
    CHECK(fact(&r, "China", "supports", "Suzhou Industrial Park") != NULL);
    CHECK(has_alias(entity(&r, "Suzhou Industrial Park"), "the park"));
    done(r);
    r = run("The Ministry of Commerce (MOFCOM) spoke. Later MOFCOM criticized Japan.\n");
    CHECK(has_alias(entity(&r, "Ministry of Commerce"), "MOFCOM"));
    CHECK(fact(&r, "Ministry of Commerce", "criticizes", "Japan") != NULL);
    CHECK(entity(&r, "MOFCOM") == NULL);
    done(r);
}

static void test_factuality(void)
{
    result r = run("China did not sign an agreement with Japan.\n");
    const kg_fact *f = fact(&r, "China", "signsAgreementWith", "Japan");
    CHECK(f && (f->factuality & KG_FACT_NEGATED));
    done(r);
    r = run("The notice said China will support Laos.\n");
    f = fact(&r, "China", "supports", "Laos");
    CHECK(f && (f->factuality & KG_FACT_PLANNED) && (f->factuality & KG_FACT_REPORTED));
    CHECK(f && f->source && strcmp(f->source, "The notice") == 0);
    done(r);
    r = run("China supports Laos.\n");
    f = fact(&r, "China", "supports", "Laos");
    CHECK(f && f->factuality == 0);
    CHECK(f && f->confidence > 0 && f->confidence <= 1);
    CHECK(f && f->sent_off == 0 && f->sent_end == 20);
    done(r);
}

static void test_voice_and_nominals(void)
{
    result r = run("Laos is supported by Vietnam.\n");
    CHECK(fact(&r, "Vietnam", "supports", "Laos") != NULL);
    CHECK(fact(&r, "Laos", "supports", "Vietnam") == NULL);
    done(r);
    r = run("Trade between Chile and Peru grew. Brazil stressed its cooperation with Ghana.\n");
    CHECK(fact(&r, "Chile", "tradesWith", "Peru") != NULL);
    CHECK(fact(&r, "Brazil", "cooperatesWith", "Ghana") != NULL);
    done(r);
    r = run("Acme Corp. was founded on March 3, 1998 in Ohio.\n");
    CHECK(fact(&r, "Acme Corp.", "foundingDate", "1998-03-03") != NULL);
    done(r);
    r = run("Officials visited Hangzhou in east China's Zhejiang Province.\n");
    CHECK(fact(&r, "Zhejiang", "containedInPlace", "China") != NULL);
    CHECK(fact(&r, "Hangzhou", "containedInPlace", "Zhejiang") != NULL);
    done(r);
}

static void test_no_false_facts(void)
{
    /* nothing here relates two entities but the continent the article
     * names for both countries */
    result r = run("China and Singapore are in Asia. Monday was sunny in Paris.\n");
    CHECK(r.d && kg_graph_n_facts(r.d->graph) == 2);
    CHECK(fact(&r, "China", "continent", "Asia") && fact(&r, "Singapore", "continent", "Asia"));
    CHECK(entity(&r, "Monday") == NULL);
    done(r);
}

/* A first sentence with a comma before its verb, after a name or after
 * words only: the subject search looked at the token before the first one
 * (reads out of bounds that crashed a batch run now and then). */
static void test_name_comma_first(void)
{
    result r = run("Beijing, supports the park.\n");
    CHECK(r.d != NULL);
    CHECK(entity(&r, "Beijing") != NULL);
    done(r);
    r = run("the big new plan , supports the park in Beijing.\n");
    CHECK(r.d != NULL);
    CHECK(entity(&r, "Beijing") != NULL);
    done(r);
}

static void diag_count(void *h, const kg_diag *d)
{
    int *n = h;
    if (d->line == 3 && d->status == KG_ERR_SYNTAX) (*n)++;
}

static void test_lexicon(void)
{
    kg_lexicon *lex;
    CHECK(kg_lexicon_default(&lex) == KG_SUCCESS);
    CHECK(kg_lexicon_size(lex) > 50);
    const kg_lex_entry *const *es;
    CHECK(kg_lexicon_find(lex, "support", 7, 0, &es) >= 1);
    CHECK(kg_lexicon_find(lex, "cooperation", 11, 1, &es) >= 2);
    CHECK(kg_lexicon_find(lex, "nonsense", 8, 0, &es) == 0);
    const char *bad = "# comment\n\nhug\tverb\t-\tactive\tbogus\t>\tentity\n"
                      "hug\tverb\t-\tactive\tkg:supports\t>\tentity\n";
    int n = 0;
    kg_diag_sink sink = {diag_count, &n};
    CHECK(kg_lexicon_add_buffer(lex, "x.tsv", bad, strlen(bad), &sink) == KG_ERR_SYNTAX);
    CHECK(n == 1);
    CHECK(kg_lexicon_find(lex, "hug", 3, 0, &es) == 1); /* the good line still counts */
    CHECK(es[0]->dir == KG_LEX_FORWARD && es[0]->passive == 0 && !es[0]->prep);
    CHECK(kg_lexicon_add_file(lex, "/nonexistent/lexicon.tsv", NULL) == KG_ERR_IO);
    kg_lexicon_free(lex);
    kg_lexicon_free(NULL);
}

int main(void)
{
    kg_pipeline_opts o = kg_pipeline_opts_default();
    o.parse = 0;
    if (kg_pipeline_new(&o, NULL, &pipe_) != KG_SUCCESS) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_types);
    RUN(test_titles_and_demonyms);
    RUN(test_coreference);
    RUN(test_factuality);
    RUN(test_voice_and_nominals);
    RUN(test_no_false_facts);
    RUN(test_name_comma_first);
    RUN(test_lexicon);
    kg_pipeline_free(pipe_);
    kg_pipeline_free(NULL);
    return DONE();
}
