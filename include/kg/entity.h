/* SPDX-License-Identifier: MIT
 * kg: entity mentions, their types and canonical names. */
#ifndef KG_ENTITY_H
#define KG_ENTITY_H

/* Stage overview
 * --------------
 * The entity stage finds the names of a document (capitalised chunks, or
 * PROPN runs once the tagger has run), peels titles and demonyms off them
 * ("German Chancellor Angela Merkel" -> demonym Germany, title Chancellor,
 * person Angela Merkel), and types each name from evidence in this order:
 * the gazetteers (countries, subdivisions, cities, known organisations),
 * cue words ("Ministry of ...", "... University", "... Province"), titles
 * ("President X"), then the shape of the name.  All mentions of one name
 * in a document vote on its class; each name becomes one graph entity with
 * a canonical name, its ISO code and its labels in other languages.  The
 * article's dateline place and agency become entities too.
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
