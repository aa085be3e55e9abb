/* SPDX-License-Identifier: MIT
 * kg: CoNLL-U reader (pull iterator over sentences) and writer. */
#include "kg/conllu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct kg_conllu_reader {
    FILE *in;       // NULL when reading a buffer
    char *buf;      // buffer input (owned copy)
    size_t buf_len; //
    size_t buf_pos; //
    char *name;     // for diagnostics
    const kg_diag_sink *sink;
    uint64_t line_no; // lines consumed so far
    char *line;       // getline buffer
    size_t line_cap;  //
    // The current sentence: all its lines, NUL-separated, in one block.
    // Pointers into it are only taken once the block stops growing.
    char *text;
    size_t text_len, text_cap;
    size_t *line_off; // offsets of lines in text
    uint64_t *line_nos;
    size_t n_lines, lines_cap;
    const char **comments;
    size_t comments_cap;
    kg_word *words;
    kg_conllu_token *tokens;
    size_t words_cap;
    kg_conllu_extra *extra;
    size_t extra_cap;
    kg_conllu_sentence sent;
};

static kg_conllu_reader *make_reader(const char *name, const kg_diag_sink *sink)
{
    kg_conllu_reader *r = kg_xcalloc(1, sizeof *r);
    r->name = kg_xstrndup(name ? name : "-", strlen(name ? name : "-"));
    r->sink = sink;
    return r;
}

kg_conllu_reader *kg_conllu_reader_new(FILE *in, const char *name, const kg_diag_sink *sink)
{
    kg_conllu_reader *r = make_reader(name, sink);
    r->in = in;
    return r;
}

kg_conllu_reader *kg_conllu_reader_new_buffer(const char *buf, size_t len, const char *name,
                                              const kg_diag_sink *sink)
{
    kg_conllu_reader *r = make_reader(name, sink);
    r->buf = kg_xmalloc(len + 1);
    if (len) memcpy(r->buf, buf, len);
    r->buf[len] = '\0';
    r->buf_len = len;
    return r;
}

void kg_conllu_reader_free(kg_conllu_reader *r)
{
    if (!r) return;
    free(r->buf);
    free(r->name);
    free(r->line);
    free(r->text);
    free(r->line_off);
    free(r->line_nos);
    free(r->comments);
    free(r->words);
    free(r->tokens);
    free(r->extra);
    free(r);
}

/* Next input line without its newline (and without a trailing CR) in
 * r->line; returns its length, or -1 at the end, -2 on a read error. */
static long read_line(kg_conllu_reader *r)
{
    size_t len;
    if (r->in) {
        errno = 0;
        ssize_t got = getline(&r->line, &r->line_cap, r->in);
        if (got < 0) return ferror(r->in) ? -2 : -1;
        len = (size_t)got;
    } else {
        if (r->buf_pos >= r->buf_len) return -1;
        const char *s = r->buf + r->buf_pos;
        const char *nl = memchr(s, '\n', r->buf_len - r->buf_pos);
        len = nl ? (size_t)(nl - s) + 1 : r->buf_len - r->buf_pos;
        kg_grow((void **)&r->line, &r->line_cap, len + 1, 1);
        memcpy(r->line, s, len);
        r->line[len] = '\0';
        r->buf_pos += len;
    }
    r->line_no++;
    while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
        r->line[--len] = '\0';
    return (long)len;
}

static void add_line(kg_conllu_reader *r, size_t len)
{
    kg_grow((void **)&r->text, &r->text_cap, r->text_len + len + 1, 1);
    memcpy(r->text + r->text_len, r->line, len + 1);
    kg_grow((void **)&r->line_off, &r->lines_cap, r->n_lines + 1, sizeof *r->line_off);
    r->line_nos = kg_xrealloc(r->line_nos, r->lines_cap * sizeof *r->line_nos);
    r->line_off[r->n_lines] = r->text_len;
    r->line_nos[r->n_lines] = r->line_no;
    r->n_lines++;
    r->text_len += len + 1;
}

static int parse_uint(const char *s, uint32_t *out)
{
    if (!*s) return 0;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000000) return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = (uint32_t)v;
    return 1;
}

static int has_space_after_no(const char *misc)
{
    const char *p = misc;
    while ((p = strstr(p, "SpaceAfter=No")) != NULL) {
        if ((p == misc || p[-1] == '|') && (p[13] == '\0' || p[13] == '|')) return 1;
        p += 13;
    }
    return 0;
}

static kg_status syntax(kg_conllu_reader *r, uint64_t line, const char *msg, const char *arg)
{
    kg_diag_report(r->sink, KG_ERROR, KG_ERR_SYNTAX, r->name, line, 0, UINT64_MAX, "%s%s%s%s", msg,
                   arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
    return KG_ERR_SYNTAX;
}

/* Split the collected lines into the sentence structure. */
static kg_status build_sentence(kg_conllu_reader *r)
{
    size_t nc = 0, nw = 0, ne = 0;
    for (size_t i = 0; i < r->n_lines; i++) {
        char *ln = r->text + r->line_off[i];
        uint64_t lno = r->line_nos[i];
        if (ln[0] == '#') {
            kg_grow((void **)&r->comments, &r->comments_cap, nc + 1, sizeof *r->comments);
            r->comments[nc++] = ln;
            continue;
        }
        char *col[10];
        size_t ncol = 0;
        char *p = ln;
        col[ncol++] = p;
        for (; *p; p++) {
            if (*p == '\t') {
                if (ncol == 10) return syntax(r, lno, "more than 10 columns", NULL);
                *p = '\0';
                col[ncol++] = p + 1;
            }
        }
        if (ncol != 10) return syntax(r, lno, "expected 10 TAB-separated columns", NULL);
        if (strchr(col[0], '-') || strchr(col[0], '.')) {
            // Range line or empty node: restore the TABs and keep verbatim.
            for (size_t c = 1; c < 10; c++)
                col[c][-1] = '\t';
            kg_grow((void **)&r->extra, &r->extra_cap, ne + 1, sizeof *r->extra);
            r->extra[ne].before = nw;
            r->extra[ne].line = ln;
            ne++;
            continue;
        }
        uint32_t id;
        if (!parse_uint(col[0], &id) || id != nw + 1)
            return syntax(r, lno, "bad or out-of-order word ID", col[0]);
        if (!col[1][0]) return syntax(r, lno, "empty FORM", NULL);
        kg_grow((void **)&r->words, &r->words_cap, nw + 1, sizeof *r->words);
        r->tokens = kg_xrealloc(r->tokens, r->words_cap * sizeof *r->tokens);
        kg_conllu_token *t = &r->tokens[nw];
        r->words[nw].ptr = col[1];
        r->words[nw].len = strlen(col[1]);
        t->lemma = col[2];
        t->upos = col[3];
        t->xpos = col[4];
        t->feats = col[5];
        t->deprel = col[7];
        t->deps = col[8];
        t->misc = col[9];
        t->space_after = !has_space_after_no(col[9]);
        if (strcmp(col[6], "_") == 0)
            t->head = UINT32_MAX;
        else if (!parse_uint(col[6], &t->head))
            return syntax(r, lno, "bad HEAD", col[6]);
        nw++;
    }
    for (size_t i = 0; i < nw; i++)
        if (r->tokens[i].head != UINT32_MAX && r->tokens[i].head > nw)
            return syntax(r, r->line_nos[0], "HEAD beyond the end of the sentence", NULL);
    if (nw == 0)
        return syntax(r, r->n_lines ? r->line_nos[0] : r->line_no, "sentence without words", NULL);
    r->sent.comments = r->comments;
    r->sent.n_comments = nc;
    r->sent.words = r->words;
    r->sent.tokens = r->tokens;
    r->sent.n_words = nw;
    r->sent.extra = r->extra;
    r->sent.n_extra = ne;
    r->sent.line = r->line_nos[0];
    return KG_SUCCESS;
}

kg_status kg_conllu_reader_next(kg_conllu_reader *r, const kg_conllu_sentence **out)
{
    r->text_len = 0;
    r->n_lines = 0;
    for (;;) {
        long len = read_line(r);
        if (len == -2) return KG_ERR_IO;
        if (len == -1) break;
        if (len == 0) {
            if (r->n_lines == 0) continue; // extra blank lines between sentences
            break;
        }
        add_line(r, (size_t)len);
    }
    if (r->n_lines == 0) return KG_FAILURE;
    kg_status st = build_sentence(r);
    if (st != KG_SUCCESS) return st;
    *out = &r->sent;
    return KG_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Writer                                                             */
/* ------------------------------------------------------------------ */

kg_status kg_conllu_write(FILE *out, const kg_tagger *tagger, const kg_conllu_out *s,
                          const kg_parse *parse)
{
    if (!s || !parse || s->n_words != kg_parse_size(parse)) return KG_ERR_ARG;
    for (size_t i = 0; i < s->n_comments; i++)
        fprintf(out, "%s\n", s->comments[i]);
    size_t e = 0;
    for (size_t i = 0; i < s->n_words; i++) {
        for (; e < s->n_extra && s->extra[e].before <= i; e++)
            fprintf(out, "%s\n", s->extra[e].line);
        const kg_word_analysis *a = kg_parse_word(parse, i);
        const char *lemma = a->lemma && a->lemma[0] ? a->lemma : "_";
        fprintf(out, "%zu\t%.*s\t%s\t%s\t%s\t_\t%u\t%s\t_\t%s\n", i + 1, (int)s->words[i].len,
                s->words[i].ptr, lemma, kg_upos_name(a->upos), kg_xpos_name(tagger, a->xpos),
                a->head, kg_deprel_name(a->deprel),
                s->space_after && !s->space_after[i] ? "SpaceAfter=No" : "_");
    }
    for (; e < s->n_extra; e++)
        fprintf(out, "%s\n", s->extra[e].line);
    if (fputc('\n', out) == EOF || ferror(out)) return KG_ERR_IO;
    return KG_SUCCESS;
}

kg_status kg_conllu_write_sentence(FILE *out, const kg_tagger *tagger, const kg_conllu_sentence *s,
                                   const kg_parse *parse)
{
    unsigned char small[256];
    unsigned char *sa = s->n_words <= sizeof small ? small : kg_xmalloc(s->n_words);
    for (size_t i = 0; i < s->n_words; i++)
        sa[i] = (unsigned char)s->tokens[i].space_after;
    kg_conllu_out o = {s->comments, s->n_comments, s->words, s->n_words, sa, s->extra, s->n_extra};
    kg_status st = kg_conllu_write(out, tagger, &o, parse);
    if (sa != small) free(sa);
    return st;
}
