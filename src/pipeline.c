/* SPDX-License-Identifier: MIT
 * kg: the pipeline: the stages in order, with their resources. */

#include "kg/kg.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KG_VERSION
#define KG_VERSION "0.0.0"
#endif

struct kg_pipeline {
    kg_pipeline_opts opts;
    const kg_diag_sink *diags;
    kg_tagger *tagger;
    kg_parse *scratch;
    kg_gazetteer *gz;
    kg_lexicon *lex;
    int forked; // shares tagger, gazetteer and lexicon with its parent
};

const char *kg_version(void)
{
    return KG_VERSION;
}

kg_pipeline_opts kg_pipeline_opts_default(void)
{
    kg_pipeline_opts o = {NULL, 1, 0, kg_reader_opts_default(), NULL, -1};
    return o;
}

kg_status kg_pipeline_new(const kg_pipeline_opts *opts, const kg_diag_sink *diags,
                          kg_pipeline **out)
{
    kg_pipeline *p = kg_xcalloc(1, sizeof *p);
    p->opts = opts ? *opts : kg_pipeline_opts_default();
    p->diags = diags;
    kg_status st = KG_SUCCESS;
    if (p->opts.parse) {
        const char *model = p->opts.tagger_model;
        st = model ? kg_tagger_load(model, &p->tagger) : kg_tagger_default(&p->tagger);
        unsigned ver = st == KG_ERR_MODEL ? kg_tagger_file_format(model) : 0;
        if (ver && ver != kg_tagger_format())
            kg_diag_report(diags, KG_ERROR, st, model, 0, 0, UINT64_MAX,
                           "cannot load the tagger model: it is model format %u, this kg reads "
                           "format %u (rebuild it: make model or make model-beam)",
                           ver, kg_tagger_format());
        else if (st != KG_SUCCESS)
            kg_diag_report(diags, KG_ERROR, st, model, 0, 0, UINT64_MAX,
                           "cannot load the %stagger model: %s", model ? "" : "embedded ",
                           kg_strerror(st));
        if (st == KG_SUCCESS && p->opts.beam >= 0)
            kg_tagger_set_beam(p->tagger, (unsigned)p->opts.beam);
        p->scratch = kg_parse_new();
    }
    if (st == KG_SUCCESS && (st = kg_gazetteer_default(&p->gz)) != KG_SUCCESS)
        kg_diag_report(diags, KG_ERROR, st, NULL, 0, 0, UINT64_MAX,
                       "cannot load the embedded gazetteer: %s", kg_strerror(st));
    if (st == KG_SUCCESS && (st = kg_lexicon_default(&p->lex)) != KG_SUCCESS)
        kg_diag_report(diags, KG_ERROR, st, NULL, 0, 0, UINT64_MAX,
                       "cannot load the embedded relation lexicon: %s", kg_strerror(st));
    if (st != KG_SUCCESS) {
        kg_pipeline_free(p);
        return st;
    }
    *out = p;
    return KG_SUCCESS;
}

kg_pipeline *kg_pipeline_fork(const kg_pipeline *p)
{
    kg_pipeline *f = kg_xcalloc(1, sizeof *f);
    *f = *p;
    f->forked = 1;
    f->scratch = p->tagger ? kg_parse_new() : NULL;
    return f;
}

const kg_pipeline_opts *kg_pipeline_options(const kg_pipeline *p)
{
    return &p->opts;
}

kg_status kg_pipeline_add_lexicon(kg_pipeline *p, const char *path)
{
    return kg_lexicon_add_file(p->lex, path, p->diags);
}

kg_status kg_pipeline_add_gazetteer(kg_pipeline *p, const char *path)
{
    return kg_gazetteer_add_file(p->gz, path, p->diags);
}

const kg_tagger *kg_pipeline_tagger(const kg_pipeline *p)
{
    return p->tagger;
}

kg_status kg_pipeline_run(kg_pipeline *p, const kg_article *article, kg_doc **out)
{
    kg_status st;
    kg_doc *d = kg_doc_new(article, p->opts.base, p->opts.max_sentence_tokens);
    if (p->tagger && (st = kg_doc_tag(d, p->tagger, p->scratch)) != KG_SUCCESS) {
        kg_doc_free(d);
        return st;
    }
    if ((st = kg_entities_find(d, p->gz)) != KG_SUCCESS ||
        (st = kg_coref_resolve(d, p->gz)) != KG_SUCCESS ||
        (st = kg_extract_relations(d, p->lex, p->gz)) != KG_SUCCESS) {
        kg_doc_free(d);
        return st;
    }
    *out = d;
    return KG_SUCCESS;
}

void kg_pipeline_free(kg_pipeline *p)
{
    if (!p) return;
    kg_parse_free(p->scratch);
    if (p->forked) {
        free(p);
        return;
    }
    kg_tagger_free(p->tagger);
    kg_gazetteer_free(p->gz);
    kg_lexicon_free(p->lex);
    free(p);
}

kg_status kg_pipeline_write_conllu(kg_pipeline *p, const kg_article *article, FILE *out)
{
    if (!p->tagger) return KG_ERR_ARG;
    kg_doc *d = kg_doc_new(article, p->opts.base, p->opts.max_sentence_tokens);
    kg_word *w = NULL;
    unsigned char *space = NULL;
    kg_conllu_extra *mwt = NULL; // multi-word token lines, in lines at mwt_off
    size_t *mwt_off = NULL;
    kg_buf lines = {0};
    size_t cap_w = 0, cap_s = 0, cap_m = 0, cap_o = 0;
    kg_status st = KG_SUCCESS;
    for (size_t s = 0; s < d->n_sents && st == KG_SUCCESS; s++) {
        const kg_sentence *sen = &d->sents[s];
        const kg_token *tok = d->tokens + sen->tok_begin;
        size_t n = kg_doc_sentence_words(d, s, &w, &cap_w);
        if (!n) continue;
        kg_grow((void **)&space, &cap_s, n, 1);
        for (size_t i = 0; i < n; i++)
            space[i] =
                i + 1 < n
                    ? (tok[i + 1].flags & (KG_TOKF_SPACE_BEFORE | KG_TOKF_NEWLINE_BEFORE)) != 0
                    : 1;
        /* A word split by the tokeniser ("don't" -> "do" "n't", "cannot")
         * is a multi-word token, as in UD: a range line with the written
         * form, which also carries its SpaceAfter=No. */
        size_t n_mwt = 0;
        lines.len = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            if (!(tok[i + 1].flags & KG_TOKF_CLITIC)) continue;
            size_t j = i + 1;
            while (j + 1 < n && (tok[j + 1].flags & KG_TOKF_CLITIC))
                j++;
            kg_grow((void **)&mwt, &cap_m, n_mwt + 1, sizeof *mwt);
            kg_grow((void **)&mwt_off, &cap_o, n_mwt + 1, sizeof *mwt_off);
            mwt[n_mwt].before = i;
            mwt_off[n_mwt++] = lines.len;
            kg_buf_printf(&lines, "%zu-%zu\t%.*s\t_\t_\t_\t_\t_\t_\t_\t%s", i + 1, j + 1,
                          (int)(tok[j].off + tok[j].len - tok[i].off), article->text + tok[i].off,
                          space[j] ? "_" : "SpaceAfter=No");
            kg_buf_add(&lines, "", 1); // each line ends in a NUL
            for (size_t k = i; k <= j; k++)
                space[k] = 1;
            i = j;
        }
        for (size_t k = 0; k < n_mwt; k++)
            mwt[k].line = lines.data + mwt_off[k];
        if ((st = kg_tagger_parse(p->tagger, w, n, p->scratch)) != KG_SUCCESS) break;
        /* "# text" holds the sentence on one line */
        char *text = kg_xstrndup(article->text + sen->off, sen->end - sen->off);
        for (char *c = text; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t') *c = ' ';
        size_t tl = strlen(text) + 16, il = 64;
        char *c0 = kg_xmalloc(il), *c1 = kg_xmalloc(tl);
        snprintf(c0, il, "# sent_id = %zu", s + 1);
        snprintf(c1, tl, "# text = %s", text);
        const char *const comments[] = {c0, c1};
        kg_conllu_out o = {comments, 2, w, n, space, mwt, n_mwt};
        st = kg_conllu_write(out, p->tagger, &o, p->scratch);
        free(text);
        free(c0);
        free(c1);
    }
    free(w);
    free(space);
    free(mwt);
    free(mwt_off);
    free(lines.data);
    kg_doc_free(d);
    return st;
}

kg_status kg_pipeline_reannotate_conllu(kg_pipeline *p, FILE *in, const char *name, FILE *out)
{
    if (!p->tagger) return KG_ERR_ARG;
    kg_conllu_reader *r = kg_conllu_reader_new(in, name, p->diags);
    const kg_conllu_sentence *s;
    kg_status st;
    while ((st = kg_conllu_reader_next(r, &s)) == KG_SUCCESS) {
        if (s->n_words == 0) continue;
        if ((st = kg_tagger_parse(p->tagger, s->words, s->n_words, p->scratch)) != KG_SUCCESS ||
            (st = kg_conllu_write_sentence(out, p->tagger, s, p->scratch)) != KG_SUCCESS)
            break;
    }
    kg_conllu_reader_free(r);
    return st == KG_FAILURE ? KG_SUCCESS : st;
}
