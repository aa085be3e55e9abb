/* SPDX-License-Identifier: MIT
 * kg: within-document coreference. */
#ifndef KG_COREF_H
#define KG_COREF_H

/* Stage overview
 * --------------
 * Coreference links the mentions that are not names to the entities the
 * entity stage made: acronyms introduced in brackets ("Ministry of
 * Commerce (MOFCOM)"), shortened names ("Merkel" after "Angela Merkel"),
 * definite descriptions whose head noun is the cue word of a recent name
 * ("the park", "the industrial park", "the ministry"), and subject
 * pronouns ("It", "he", "she") resolved to the most salient entity of the
 * previous sentence that agrees in kind.  Each link carries a confidence;
 * surface forms become aliases of their entity.
 *
 *     kg_entities_find(doc, gz);
 *     kg_coref_resolve(doc, gz);
 */

#include "kg/doc.h"
#include "kg/gazetteer.h"
#include "kg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Resolve descriptions, pronouns, acronyms and short names in @p doc.
 *  @return KG_SUCCESS. */
kg_status kg_coref_resolve(kg_doc *doc, const kg_gazetteer *gz);

#ifdef __cplusplus
}
#endif
#endif /* KG_COREF_H */
