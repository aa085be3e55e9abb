/* SPDX-License-Identifier: MIT
 * kg: unit tests of the entity stage with the tagger and parser: name
 * chunks, typing from cue words, context and the parse, credits,
 * languages, clubs and lists. */

#include "kg/kg.h"

#include "doc_helper.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static result run(const char *text)
{
    return run_doc(text, 0);
}

static kg_family family(const result *r, const char *name)
{
    const kg_entity *e = entity(r, name);
    return e ? kg_class_family(e->cls) : KG_FAMILY_THING;
}

/* "Klaas-Jan Huntelaar", "North Rhine-Westphalia": one name each. */
static void test_hyphenated_names(void)
{
    result r =
        run("Klaas-Jan Huntelaar scored twice. Katrin Göring-Eckardt said so in Port-au-Prince. "
            "The Merkel-led government met.\n");
    CHECK(family(&r, "Klaas-Jan Huntelaar") == KG_FAMILY_PERSON);
    CHECK(family(&r, "Katrin Göring-Eckardt") == KG_FAMILY_PERSON);
    CHECK(entity(&r, "Merkel-led") == NULL);
    done(r);
}

/* "mz/msh (AP, AFP, dpa)" credits the agencies; it mentions none. */
static void test_credits(void)
{
    result r = run("Berlin said the talks would go on. mz/msh (AP, AFP, dpa)\n");
    CHECK(entity(&r, "Associated Press") == NULL);
    CHECK(entity(&r, "Agence France-Presse") == NULL);
    CHECK(family(&r, "Berlin") == KG_FAMILY_PLACE);
    done(r);
}

/* A demonym used as a language names no place. */
static void test_languages(void)
{
    result r = run("The book was written in Swedish. The Spanish-language edition sold well.\n");
    CHECK(entity(&r, "Sweden") == NULL);
    CHECK(entity(&r, "Spain") == NULL);
    done(r);
}

/* Titles, regnal numbers, "of" phrases. */
static void test_person_names(void)
{
    result r = run("Henry VIII married six times. The President of the United States spoke. "
                   "Chidi Odinkalu of the Nigerian Human Rights Commission disagreed. "
                   "Zhou Enlai met Nixon.\n");
    CHECK(family(&r, "Henry VIII") == KG_FAMILY_PERSON);
    CHECK(family(&r, "United States") == KG_FAMILY_PLACE);
    CHECK(entity(&r, "of the United States") == NULL);
    CHECK(family(&r, "Chidi Odinkalu") == KG_FAMILY_PERSON);
    CHECK(family(&r, "Nigerian Human Rights Commission") == KG_FAMILY_ORGANIZATION);
    CHECK(family(&r, "Zhou Enlai") == KG_FAMILY_PERSON);
    done(r);
}

/* The words around a name and the parse. */
static void test_context(void)
{
    result r = run("He was born in Prelate, Saskatchewan. The film was directed by Thierry Zeno. "
                   "Bahir Dar is a city in the north. Ladytron is a band from Liverpool.\n");
    CHECK(family(&r, "Prelate") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Thierry Zeno") == KG_FAMILY_PERSON);
    CHECK(family(&r, "Bahir Dar") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Ladytron") == KG_FAMILY_ORGANIZATION);
    done(r);
}

/* Cue words: works are no persons, orchestras are organisations. */
static void test_cues(void)
{
    result r = run("She won the Brownlow Medal. She played with the Cleveland Orchestra. "
                   "He studied at Berklee College of Music. The Roman Empire fell.\n");
    CHECK(family(&r, "Brownlow Medal") == KG_FAMILY_THING);
    CHECK(family(&r, "Cleveland Orchestra") == KG_FAMILY_ORGANIZATION);
    CHECK(family(&r, "Berklee College of Music") == KG_FAMILY_ORGANIZATION);
    CHECK(family(&r, "Roman Empire") == KG_FAMILY_PLACE);
    done(r);
}

/* In a sports report a city names its club; "Edmonton Oilers" is a
 * team anywhere. */
static void test_clubs(void)
{
    result r = run("Bayern beat Wolfsburg 2-1 in the Bundesliga on Saturday. The coach praised "
                   "the striker, who scored twice. Wolfsburg stay in the relegation zone. The "
                   "Edmonton Oilers won too.\n");
    const kg_entity *w = NULL;
    for (size_t i = 0; r.d && i < kg_graph_n_entities(r.d->graph); i++) {
        const kg_entity *e = kg_graph_get_entity(r.d->graph, i);
        if (strcmp(e->name, "Wolfsburg") == 0 && e->cls == KG_CLASS_SPORTS_TEAM) w = e;
    }
    CHECK(w != NULL);
    CHECK(family(&r, "Edmonton Oilers") == KG_FAMILY_ORGANIZATION);
    done(r);
}

/* The unknown members of a list take the kind of its known ones. */
static void test_lists(void)
{
    result r = run("The line runs through Berlin, Potsdam, Wustermark and Brandenburg.\n");
    CHECK(family(&r, "Wustermark") == KG_FAMILY_PLACE);
    done(r);
}

/* Forms: a titled name, a place with its kind in lower case, an
 * organisation without its demonym. */
static void test_forms(void)
{
    result r = run("Emperor Gojong ruled Korea. The Gauteng province grew. "
                   "The German Green Party won seats.\n");
    CHECK(has_alias(entity(&r, "Gojong"), "Emperor Gojong"));
    CHECK(has_alias(entity(&r, "Gauteng"), "Gauteng province"));
    CHECK(has_alias(entity(&r, "German Green Party"), "Green Party"));
    done(r);
}

/* Places from their context: a compass direction, "bordered by", "X,
 * County", a kind noun before the name, plural kinds; a lone surname
 * alone is no person. */
static void test_place_context(void)
{
    result r = run("Kriegers Flak is a reef north of Rügen. The district is bordered on the "
                   "south by Misraq Gojjam. Brigden lies in St. Clair, Lambton County. "
                   "The village lies on the island Vigra. It lies between the Lindi and "
                   "Dodoma Regions. It has offices in Harrogate, Hull, Sheffield and York.\n");
    CHECK(family(&r, "Rügen") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Misraq Gojjam") == KG_FAMILY_PLACE);
    CHECK(family(&r, "St. Clair") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Vigra") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Dodoma Regions") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Hull") == KG_FAMILY_PLACE);
    done(r);
}

/* Organisations from their context: "the band X", "published by X",
 * "aired on X". */
static void test_org_context(void)
{
    result r = run("He founded the band Vama. The game was published by Nintendo. "
                   "It aired on Fox in the United States.\n");
    CHECK(family(&r, "Vama") == KG_FAMILY_ORGANIZATION);
    CHECK(family(&r, "Nintendo") == KG_FAMILY_ORGANIZATION);
    CHECK(family(&r, "Fox") == KG_FAMILY_ORGANIZATION);
    done(r);
}

/* Span: a place before a closing title, places joined by a hyphen, a
 * place of a country, a nickname in quotes, a title before a place name. */
static void test_spans(void)
{
    result r = run("Edward Finnegan was a U.S. Representative from Illinois. The region lies "
                   "along the U.S.-Mexico border. Kotayk Province of Armenia is dry. "
                   "The cartoonist James Llewellyn \"Jimmy\" Frise drew it. "
                   "King Gustaf and Queen Victoria spent summers there.\n");
    CHECK(family(&r, "United States") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Mexico") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Armenia") == KG_FAMILY_PLACE);
    CHECK(entity(&r, "Kotayk Province of Armenia") == NULL);
    CHECK(family(&r, "James Llewellyn \"Jimmy\" Frise") == KG_FAMILY_PERSON);
    CHECK(family(&r, "Victoria") == KG_FAMILY_PERSON);
    done(r);
}

/* Works are no persons; WordNet's towns are places; polities, ships,
 * "a saint named X", a list after "include". */
static void test_works_and_wordnet(void)
{
    result r =
        run("His first script was Oru Vadakkan Selfie (2015), directed by G. Pajith. "
            "He was sent to the outskirts of Smolensk. The Dutch Republic traded. "
            "She sailed on USS Israel. He was a saint named Vishakadatta. Towns in this zone "
            "include Addis Zemen, Debre Tabor and Wereta.\n");
    CHECK(family(&r, "Oru Vadakkan Selfie") == KG_FAMILY_THING);
    CHECK(family(&r, "Smolensk") == KG_FAMILY_PLACE);
    CHECK(family(&r, "Dutch Republic") == KG_FAMILY_PLACE);
    CHECK(family(&r, "USS Israel") == KG_FAMILY_THING);
    CHECK(family(&r, "Vishakadatta") == KG_FAMILY_PERSON);
    CHECK(family(&r, "Debre Tabor") == KG_FAMILY_PLACE);
    done(r);
}

int main(void)
{
    kg_pipeline_opts o = kg_pipeline_opts_default();
    if (kg_pipeline_new(&o, NULL, &pipe_) != KG_SUCCESS) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_hyphenated_names);
    RUN(test_credits);
    RUN(test_languages);
    RUN(test_person_names);
    RUN(test_context);
    RUN(test_cues);
    RUN(test_clubs);
    RUN(test_lists);
    RUN(test_forms);
    RUN(test_place_context);
    RUN(test_org_context);
    RUN(test_spans);
    RUN(test_works_and_wordnet);
    kg_pipeline_free(pipe_);
    return DONE();
}
