/* SPDX-License-Identifier: MIT
 * kg: relations: from the analysed text to typed and open facts. */
#ifndef KG_EXTRACT_H
#define KG_EXTRACT_H

/* Stage overview
 * --------------
 * The relation stage reads the mentions of a kg_doc and adds facts to its
 * graph.  Which words make which relation is data, not code: the relation
 * lexicon (ontology/relations.tsv, embedded; users add entries with
 * kg_lexicon_add_file(), the command's --lexicon) maps a lemma, its part of
 * speech, a preposition and a voice to a property and a direction:
 *
 *     # lemma      pos   prep     voice    property             dir  object
 *     support      verb  -        active   kg:supports          >    entity
 *     support      noun  for      -        kg:supports          >    entity
 *     cooperation  noun  between  -        kg:cooperatesWith    =    entity
 *     found        verb  in       passive  schema:foundingDate  >    date
 *     meet         verb  -        active   kg:meetsWith         =    person  dated
 *
 * An optional eighth column "dated" says that a date of the clause ("met
 * on Monday", "signed on March 3") dates the fact: it is resolved against
 * the article's date (a weekday is the last one on or before it, or the
 * next one after it for a planned fact) and written as kg:date on the
 * fact's statement.
 *
 * On a parsed document the arguments come from the dependency parse: the
 * open-IE clauses of openie.h (subject, verb lemma, voice, objects and
 * obliques with their prepositions; relative clauses, conjoined verbs,
 * subjects and objects, and control: "support the park in expanding
 * cooperation with Y" makes the park the one that cooperates) go through
 * the lexicon; a nominalisation ("support for Y", "cooperation between X
 * and Y") takes its agent from a possessor, the subject of a copula, the
 * head of an apposition ("X, the capital of Y"), or the subject (or, for
 * object control, the object) of the verb it is the object of.  A clause
 * the lexicon does not map, between two named entities, becomes an open
 * relation (KG_REL_NS + lemma [+ "_" + preposition], "be_" + participle
 * for a passive) at a confidence of at most 0.5.  Without a parse
 * (--no-parse) token patterns stand in for the clauses.
 *
 * Rules over mentions and the gazetteer add possessive places ("China's
 * Jiangsu Province"), locative attachments ("the park in Jiangsu"), place
 * appositions, titles ("German Chancellor Angela Merkel", "X, Y's
 * minister for trade"), members ("Greenpeace activist X"), life dates,
 * and document-level facts: containment the gazetteer knows, countries on
 * their continent (kg:continent), organisations named after a place, and
 * the country the article is about for what it places nowhere else (low
 * confidence).  Each fact gets a confidence, its factuality (negated,
 * planned, reported with its source), the span of its sentence and, for a
 * dated entry, its date.
 *
 *     kg_lexicon *lex;
 *     kg_lexicon_default(&lex);
 *     kg_extract_relations(doc, lex, gz);
 *     kg_lexicon_free(lex);
 */

#include "kg/doc.h"
#include "kg/gazetteer.h"
#include "kg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Direction of a lexicon entry. */
typedef enum kg_lex_dir {
    KG_LEX_FORWARD = 0, ///< subject property object
    KG_LEX_INVERSE,     ///< object property subject
    KG_LEX_SYMMETRIC    ///< either way
} kg_lex_dir;

/** What the object of a lexicon entry must be. */
typedef enum kg_lex_object {
    KG_LEX_ENTITY = 0, ///< any entity
    KG_LEX_DATE,       ///< a date literal
    KG_LEX_PLACE,      ///< a place
    KG_LEX_ORG,        ///< an organisation
    KG_LEX_PERSON      ///< a person
} kg_lex_object;

/** One lexicon entry.  Strings owned by the lexicon. */
typedef struct kg_lex_entry {
    char *lemma;          ///< lemma ("support")
    int noun;             ///< 1 for a nominal form, 0 for a verb
    char *prep;           ///< preposition introducing the object, or NULL for a direct object
    int passive;          ///< 1: the entry is for the passive voice; -1: either voice
    char *property;       ///< full property IRI
    kg_lex_dir dir;       ///< direction
    kg_lex_object object; ///< object constraint
    int dated;            ///< 1: a date of the clause ("on Monday") dates the fact (kg:date)
} kg_lex_entry;

/** A relation lexicon.  Read-only after loading. */
typedef struct kg_lexicon kg_lexicon;

/** Load the lexicon embedded in libkg (ontology/relations.tsv).  Caller
 *  owns; free with kg_lexicon_free(). */
kg_status kg_lexicon_default(kg_lexicon **out);

/** Add the entries of a TSV file (format above).  Bad lines are reported
 *  through @p diags with file and line.
 *  @return KG_SUCCESS, KG_ERR_IO or KG_ERR_SYNTAX. */
kg_status kg_lexicon_add_file(kg_lexicon *lex, const char *path, const kg_diag_sink *diags);

/** Add entries from memory (same format); @p name names the source in
 *  diagnostics. */
kg_status kg_lexicon_add_buffer(kg_lexicon *lex, const char *name, const char *buf, size_t len,
                                const kg_diag_sink *diags);

/** Free.  NULL is a no-op. */
void kg_lexicon_free(kg_lexicon *lex);

/** Entries for @p lemma with part of speech @p noun.  @return the number
 *  of entries; *out receives a borrowed array of pointers. */
size_t kg_lexicon_find(const kg_lexicon *lex, const char *lemma, size_t len, int noun,
                       const kg_lex_entry *const **out);

/** Number of entries. */
size_t kg_lexicon_size(const kg_lexicon *lex);

/** Add the facts that an organisation (fact->subject) is in a place
 *  (fact->object): schema:location, and for a government body in a
 *  country kg:agencyOf (kg:ministryOf for a ministry).  The other fields of
 *  @p fact (confidence, sentence, evidence) are used as given. */
void kg_org_place_facts(kg_graph *g, const kg_fact *fact);

/** Find the facts of @p doc and add them to its graph.  @p gz (may be
 *  NULL) gives the meaning of titles.  @return KG_SUCCESS. */
kg_status kg_extract_relations(kg_doc *doc, const kg_lexicon *lex, const kg_gazetteer *gz);

#ifdef __cplusplus
}
#endif
#endif /* KG_EXTRACT_H */
