/* SPDX-License-Identifier: MIT
 * kg: entity mentions, their types and canonical names. */
#ifndef KG_ENTITY_H
#define KG_ENTITY_H

/* Stage overview
 * --------------
 * The entity stage finds the names of a document (capitalised chunks, or
 * PROPN runs once the tagger has run), peels titles and demonyms off them
 * ("German Chancellor Angela Merkel" -> demonym Germany, title Chancellor,
 * person Angela Merkel), and types each name from evidence, strongest
 * first: the gazetteers (countries, subdivisions, cities, known
 * organisations and persons, WordNet's named places and persons), cue
 * words ("Ministry of ...", "... University", "... Province", "College of
 * ..."; "... Award" marks a work or prize, which is no person), titles
 * ("President X"), the words around the name ("X, Ethiopia", "in X",
 * "north of X", "bordered by X", "directed by X", "developed by X", "X
 * (born 1950)", "X (2015)" and "X is a 1930 film" for works, "X, a band",
 * "the band X", "a saint named X", "played for X", "bands such as X, Y and
 * Z", "the X and Y neighbourhoods"), the parse (the subject of "said" or
 * "was born", "X is an American singer"), then its shape (two to four
 * capitalised proper nouns that are not all common words, or a nickname in
 * quotes: a person's name; a place and a plural: a team; an acronym, or a
 * name that brings one in brackets: an organisation).  Hyphens join the
 * parts of a name ("Klaas-Jan Huntelaar"); agency credits ("(AP, AFP)"),
 * title-case headlines and demonyms used as languages ("in English") give
 * no names; in a sports report a city names its club.  The unknown
 * members of a list take the kind its known members agree on, and two
 * known members overrule a guess from the shape alone.  All
 * mentions of one name in a document vote on its class; each name becomes
 * one graph entity with a canonical name, its ISO code and its labels in
 * other languages.  The article's dateline place and agency become
 * entities too.
 *
 *     kg_doc *doc = kg_doc_new(article, NULL, 0);
 *     kg_entities_find(doc, gazetteer);
 *     kg_coref_resolve(doc, gazetteer);     // coref.h
 */

#include "kg/doc.h"
#include "kg/gazetteer.h"
#include "kg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Find, type and register the entities of @p doc.  @p gz is borrowed.
 *  @return KG_SUCCESS. */
kg_status kg_entities_find(kg_doc *doc, const kg_gazetteer *gz);

/** The kg_class of a gazetteer class. */
kg_class kg_class_of_gaz(kg_gaz_class cls);

#ifdef __cplusplus
}
#endif
#endif /* KG_ENTITY_H */
