/* SPDX-License-Identifier: MIT
 * kg: the knowledge graph of an article: entities, facts, provenance. */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

/* Stage overview
 * --------------
 * The graph holds what the extractor found in one article: entities with a
 * class, a canonical name, aliases and codes, and facts between them with
 * confidence, factuality and provenance.  kg_graph_emit() turns it into
 * statements of the shape fixed by spec/graph-contract.md and sends them to
 * a sink (sink.h):
 *
 *     <article>  a schema:NewsArticle ; schema:headline "..." ; ...
 *     <entity>   a schema:Country ; rdfs:label "China"@en ; skos:altLabel ... ;
 *                schema:identifier "CN" .
 *     <s> <p> <o> .                                   (unless negated)
 *     <article#fact-…> a rdf:Statement ; rdf:subject <s> ; rdf:predicate <p> ;
 *                rdf:object <o> ; kg:confidence 0.9 ; kg:factuality kg:Asserted ;
 *                prov:wasDerivedFrom <article#char=120,250> .
 *     <article#char=120,250> a nif:Sentence ; nif:anchorOf "..." ; ...
 *
 * Entity IRIs depend only on the entity: base + coarse class + a slug of
 * the canonical name (NFC, spaces to "_", RFC 3987 percent-encoding of what
 * an IRI may not hold), so graphs of separate runs merge by concatenation.
 *
 *     kg_graph *g = kg_graph_new(article, NULL);
 *     size_t china = kg_graph_entity(g, KG_CLASS_COUNTRY, "China", 5);
 *     ...
 *     kg_graph_emit(g, &emit_opts, sink);
 *     kg_graph_free(g);
 */

#include "kg/sink.h"
#include "kg/status.h"
#include "kg/text.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Entity classes (schema.org).  The order is fixed; KG_CLASS_THING is
 *  "untyped". */
typedef enum kg_class {
    KG_CLASS_THING = 0,     ///< schema:Thing (type unknown)
    KG_CLASS_PERSON,        ///< schema:Person
    KG_CLASS_ORGANIZATION,  ///< schema:Organization
    KG_CLASS_GOV_ORG,       ///< schema:GovernmentOrganization
    KG_CLASS_NEWS_ORG,      ///< schema:NewsMediaOrganization
    KG_CLASS_CORPORATION,   ///< schema:Corporation
    KG_CLASS_EDU_ORG,       ///< schema:EducationalOrganization
    KG_CLASS_COLLEGE,       ///< schema:CollegeOrUniversity
    KG_CLASS_PARTY,         ///< schema:PoliticalParty
    KG_CLASS_SPORTS_TEAM,   ///< schema:SportsTeam
    KG_CLASS_NGO,           ///< schema:NGO
    KG_CLASS_HOSPITAL,      ///< schema:Hospital
    KG_CLASS_PLACE,         ///< schema:Place
    KG_CLASS_COUNTRY,       ///< schema:Country
    KG_CLASS_ADMIN_AREA,    ///< schema:AdministrativeArea
    KG_CLASS_CITY,          ///< schema:City
    KG_CLASS_CONTINENT,     ///< schema:Continent
    KG_CLASS_BODY_OF_WATER, ///< schema:BodyOfWater
    KG_CLASS_RIVER,         ///< schema:RiverBodyOfWater
    KG_CLASS_LAKE,          ///< schema:LakeBodyOfWater
    KG_CLASS_SEA,           ///< schema:SeaBodyOfWater
    KG_CLASS_OCEAN,         ///< schema:OceanBodyOfWater
    KG_CLASS_LANDFORM,      ///< schema:Landform
    KG_CLASS_MOUNTAIN,      ///< schema:Mountain
    KG_CLASS_AIRPORT,       ///< schema:Airport
    KG_CLASS_PARK,          ///< schema:Park
    KG_CLASS_MUSEUM,        ///< schema:Museum
    KG_CLASS_STADIUM,       ///< schema:StadiumOrArena
    KG_CLASS_EVENT,         ///< schema:Event
    KG_CLASS_COUNT
} kg_class;

/** Coarse family of a class. */
typedef enum kg_family {
    KG_FAMILY_THING = 0,
    KG_FAMILY_PERSON,
    KG_FAMILY_ORGANIZATION,
    KG_FAMILY_PLACE,
    KG_FAMILY_EVENT
} kg_family;

/** The family of @p cls. */
kg_family kg_class_family(kg_class cls);

/** Local name of @p cls in schema.org ("AdministrativeArea"). */
const char *kg_class_name(kg_class cls);

/** Class from a schema.org local name; KG_CLASS_THING when unknown. */
kg_class kg_class_from_name(const char *name);

/** Factuality bits of a fact.  0 = asserted. */
enum {
    KG_FACT_NEGATED = 1 << 0, ///< "did not sign": never a plain triple
    KG_FACT_PLANNED = 1 << 1, ///< modal or future: "will support", "aims to"
    KG_FACT_REPORTED = 1 << 2 ///< attributed: "the notice said"
};

/** One entity of a graph.  Strings owned by the graph. */
typedef struct kg_entity {
    char *name;        ///< canonical name, NFC
    kg_class cls;      ///< class
    char *iri;         ///< its IRI
    char *code;        ///< ISO 3166 code or NULL
    char *parent;      ///< code of the place that contains it (gazetteer), or NULL
    char **aliases;    ///< other surface forms (unique, in order of appearance)
    size_t n_aliases;  ///< number of aliases
    char **labels;     ///< labels in other languages: "lang\ttext" pairs
    size_t n_labels;   ///< number of labels
    uint32_t mentions; ///< number of mentions in the article
    int named;         ///< 1 if named in the article (not only by a demonym or pronoun)
} kg_entity;

/** One fact.  Strings owned by the graph. */
typedef struct kg_fact {
    size_t subject;       ///< entity index
    char *property;       ///< full IRI of the property (typed or open)
    char *phrase;         ///< relation phrase as in the text (open relations: its label)
    int open;             ///< 1 if property is an open relation
    int literal;          ///< 1 if the object is a literal
    size_t object;        ///< entity index (when !literal)
    char *value;          ///< literal lexical form (when literal)
    const char *datatype; ///< literal datatype IRI (static), or NULL
    unsigned factuality;  ///< KG_FACT_* bits
    double confidence;    ///< in [0,1]
    size_t reporter;      ///< entity that reported it, or SIZE_MAX
    char *source;         ///< reporting source as written ("the notice"), or NULL
    uint32_t sent_off;    ///< sentence byte span in the article text
    uint32_t sent_end;    ///< one past the sentence
    uint32_t ev_off;      ///< evidence byte span (the words that gave the fact)
    uint32_t ev_end;      ///< one past the evidence
    char *when;           ///< when it happened, an xsd:date "YYYY-MM-DD" ("met on Monday",
                          ///< resolved against the article date), or NULL
} kg_fact;

/** The graph of one article. */
typedef struct kg_graph kg_graph;

/** New empty graph for @p article (borrowed: must outlive the graph).
 *  @p base is the base of entity IRIs (NULL = KG_DEFAULT_BASE).  Caller
 *  owns; free with kg_graph_free(). */
kg_graph *kg_graph_new(const kg_article *article, const char *base);

/** Free.  NULL is a no-op. */
void kg_graph_free(kg_graph *g);

/** The entity of class @p cls named @p name (made if new; same family and
 *  slug = same entity).  @return its index. */
size_t kg_graph_entity(kg_graph *g, kg_class cls, const char *name, size_t len);

/** Add a surface form to an entity (ignored if it equals the name or an
 *  alias). */
void kg_graph_alias(kg_graph *g, size_t entity, const char *form, size_t len);

/** Add a label in another language. */
void kg_graph_label(kg_graph *g, size_t entity, const char *lang, const char *text);

/** Set the ISO code of an entity. */
void kg_graph_code(kg_graph *g, size_t entity, const char *code);

/** Set the code of the place that contains an entity ("CN" for Jiangsu). */
void kg_graph_parent(kg_graph *g, size_t entity, const char *code);

/** The entity with ISO code @p code, or SIZE_MAX. */
size_t kg_graph_by_code(const kg_graph *g, const char *code);

/** Refine the class of an entity (a more specific class in the same family
 *  wins; the IRI stays). */
void kg_graph_refine(kg_graph *g, size_t entity, kg_class cls);

/** Count one more mention. */
void kg_graph_mention(kg_graph *g, size_t entity);

/** Mark an entity as named in the article (not only by a demonym such as
 *  "German officials", or a pronoun). */
void kg_graph_set_named(kg_graph *g, size_t entity);

/** Add a fact (copied; the graph owns the copies).  A fact equal to an
 *  existing one (same subject, property, object, factuality) only raises
 *  its confidence.  @return the fact index. */
size_t kg_graph_fact(kg_graph *g, const kg_fact *fact);

/** Number of entities / facts. */
size_t kg_graph_n_entities(const kg_graph *g);
size_t kg_graph_n_facts(const kg_graph *g);

/** Entity / fact @p i.  Borrowed; valid until the graph changes. */
const kg_entity *kg_graph_get_entity(const kg_graph *g, size_t i);
const kg_fact *kg_graph_get_fact(const kg_graph *g, size_t i);

/** Link the article to the entity of its dateline place
 *  (schema:locationCreated). */
void kg_graph_set_dateline_place(kg_graph *g, size_t entity);

/** Link the article to its publisher or agency (schema:publisher). */
void kg_graph_set_publisher(kg_graph *g, size_t entity);

/** The article IRI. */
const char *kg_graph_article_iri(const kg_graph *g);

/** Emission options. */
typedef struct kg_emit_opts {
    int provenance;        ///< emit article, sentences and reified facts (default 1)
    int named_graph;       ///< send statements in the article's named graph (N-Quads)
    double min_confidence; ///< drop facts below this confidence (default 0)
} kg_emit_opts;

/** Default emission options. */
kg_emit_opts kg_emit_opts_default(void);

/** Send the namespace prefixes kg uses to @p sink. */
kg_status kg_emit_prefixes(kg_sink *sink);

/** Send the graph's statements to @p sink (no kg_sink_end). */
kg_status kg_graph_emit(const kg_graph *g, const kg_emit_opts *opts, kg_sink *sink);

/** Check invariants (indexes in range, IRIs valid); debug builds call it
 *  before emission.  @return KG_SUCCESS or KG_ERR_INTERNAL. */
kg_status kg_graph_check(const kg_graph *g);

/** Is @p s an absolute IRI (a scheme, then ':') holding nothing an
 *  IRIREF forbids (controls, space, <>"{}|^`\), so that it can be written
 *  as it is? */
int kg_iri_ok(const char *s);

/** Append to @p out (a malloc'd buffer *out of *len bytes, NUL-terminated)
 *  the IRI-safe slug of @p s: white space runs become "_", characters an
 *  IRI may not hold are percent-encoded (RFC 3987).  @p s must be valid
 *  UTF-8.  Caller owns the result. */
char *kg_iri_slug(const char *s, size_t len);

/** The IRI of an entity: base + family directory + slug of the name.
 *  Caller owns; free(). */
char *kg_iri_entity(const char *base, kg_class cls, const char *name, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* KG_GRAPH_H */
