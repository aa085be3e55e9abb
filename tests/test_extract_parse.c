/* SPDX-License-Identifier: MIT
 * kg: unit tests of the relation rules over the dependency parse: open-IE
 * clauses and nominalisations through the lexicon, control, factuality,
 * open relations and dated facts. */

#include "kg/kg.h"

#include "doc_helper.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static result run(const char *text, int header)
{
    return run_doc(text, header);
}

static void test_clauses(void)
{
    result r = run("Laos is supported by Vietnam.\n", 0);
    CHECK(fact(&r, "Vietnam", "supports", "Laos") != NULL);
    CHECK(fact(&r, "Laos", "supports", "Vietnam") == NULL);
    done(r);
    r = run("Acme Corp. was founded in 1998 in Ohio.\n", 0);
    CHECK(fact(&r, "Acme Corp.", "foundingDate", "1998") != NULL);
    done(r);
    /* object control: the park is the one that cooperates */
    r = run("China will support the Suzhou Industrial Park in expanding cooperation with "
            "Singapore.\n",
            0);
    const kg_fact *f = fact(&r, "China", "supports", "Suzhou Industrial Park");
    CHECK(f && (f->factuality & KG_FACT_PLANNED));
    CHECK(fact(&r, "Suzhou Industrial Park", "cooperatesWith", "Singapore") != NULL);
    CHECK(fact(&r, "China", "cooperatesWith", "Singapore") == NULL);
    done(r);
}

static void test_nominals(void)
{
    result r = run("The project is a cooperation between Chile and Peru. Brazil stressed its "
                   "support for Ghana.\n",
                   0);
    CHECK(fact(&r, "Chile", "cooperatesWith", "Peru") != NULL);
    CHECK(fact(&r, "Brazil", "supports", "Ghana") != NULL);
    done(r);
}

static void test_factuality(void)
{
    result r = run("Japan did not sign an agreement with China.\n", 0);
    const kg_fact *f = fact(&r, "Japan", "signsAgreementWith", "China");
    CHECK(f && (f->factuality & KG_FACT_NEGATED));
    done(r);
    r = run("The ministry said Germany will support Poland.\n", 0);
    f = fact(&r, "Germany", "supports", "Poland");
    CHECK(f && (f->factuality & KG_FACT_PLANNED) && (f->factuality & KG_FACT_REPORTED));
    CHECK(f && f->source && strcmp(f->source, "The ministry") == 0);
    done(r);
}

static void test_open_relations(void)
{
    /* "host" is not in the lexicon: an open relation between the two */
    result r = run("Germany hosted France in Berlin.\n", 0);
    const kg_fact *f = fact(&r, "Germany", "host", "France");
    CHECK(f && f->open && f->confidence <= 0.5);
    done(r);
    /* no open relation to what is not an entity */
    r = run("Germany hosted the meeting.\n", 0);
    for (size_t i = 0; r.d && i < kg_graph_n_facts(r.d->graph); i++)
        CHECK(!kg_graph_get_fact(r.d->graph, i)->open);
    done(r);
}

static void test_members(void)
{
    result r = run("Greenpeace activist John Smith was arrested. Simon Crean, Australia's "
                   "Minister for Trade, replied.\n",
                   0);
    CHECK(fact(&r, "John Smith", "memberOf", "Greenpeace") != NULL);
    CHECK(fact(&r, "Simon Crean", "nationality", "Australia") != NULL);
    done(r);
    /* the president of an organisation heads it */
    r = run("World Bank President Jim Yong Kim spoke in Lima.\n", 0);
    CHECK(fact(&r, "Jim Yong Kim", "headOf", "World Bank") != NULL);
    CHECK(fact(&r, "Jim Yong Kim", "memberOf", "World Bank") != NULL);
    done(r);
}

static void test_document_rules(void)
{
    result r = run("Sudan borders Egypt. Both lie in Africa. The University of Khartoum is "
                   "in Khartoum.\n",
                   0);
    CHECK(fact(&r, "Sudan", "continent", "Africa") != NULL);
    CHECK(fact(&r, "Egypt", "continent", "Africa") != NULL);
    CHECK(fact(&r, "University of Khartoum", "location", "Khartoum") != NULL);
    done(r);
    /* the one country an article names holds what it places nowhere else */
    r = run("The Royal Thai Army met at Chiang Mai Stadium. Thailand was calm.\n", 0);
    CHECK(fact(&r, "Royal Thai Army", "location", "Thailand") != NULL);
    done(r);
}

static void test_dates(void)
{
    /* 2024-11-21 was a Thursday */
    result r = run(" date 2024-11-21 Visits\n\nNovember 21, 2024\n\nEmmanuel Macron visited "
                   "Germany on Monday. Olaf Scholz will visit France on Friday. On March 3, "
                   "Germany signed an agreement with Poland.\n",
                   1);
    const kg_fact *f = fact(&r, "Emmanuel Macron", "visits", "Germany");
    CHECK(f && f->when && strcmp(f->when, "2024-11-18") == 0);
    f = fact(&r, "Olaf Scholz", "visits", "France");
    CHECK(f && f->when && strcmp(f->when, "2024-11-22") == 0);
    f = fact(&r, "Germany", "signsAgreementWith", "Poland");
    CHECK(f && f->when && strcmp(f->when, "2024-03-03") == 0);
    done(r);
    /* without an article date nothing is dated */
    r = run("Emmanuel Macron visited Germany on Monday.\n", 0);
    f = fact(&r, "Emmanuel Macron", "visits", "Germany");
    CHECK(f && !f->when);
    done(r);
}

int main(void)
{
    if (kg_pipeline_new(NULL, NULL, &pipe_) != KG_SUCCESS) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_clauses);
    RUN(test_nominals);
    RUN(test_factuality);
    RUN(test_open_relations);
    RUN(test_members);
    RUN(test_document_rules);
    RUN(test_dates);
    kg_pipeline_free(pipe_);
    return DONE();
}
