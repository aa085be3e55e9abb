/* SPDX-License-Identifier: MIT
 * kg: tokenizer and sentence splitter evaluation on CoNLL-U, and a speed test. */

/* Build and run from the repository root (no Makefile target needed):
 *
 *   make BUILD=build/h4 build/h4/libkg.a
 *   cc -O2 -Iinclude bench/tokeval.c build/h4/libkg.a \
 *      $(pkg-config --libs libutf8proc) -o build/h4/tokeval
 *   build/h4/tokeval ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu
 *   build/h4/tokeval --bench examples/xinhua-suzhou-industrial-park.txt
 *   echo "Don't stop." | build/h4/tokeval --show
 *   build/h4/tokeval --sentences examples/xinhua-suzhou-industrial-park.txt
 *
 * Evaluation: the raw text of each document is rebuilt from the
 * "# text = " lines, sentences of a paragraph joined by one space and
 * paragraphs ("# newpar") by a blank line.  Gold words are located in that
 * text (the words of a multi-word token are matched inside its surface
 * form, "don't" = "do" + "n't"; a word that is not a substring gets the
 * whole remaining surface).  A predicted token is correct when a gold word
 * has exactly its byte span; a sentence boundary is correct when a gold
 * sentence ends at exactly the same byte.  Precision, recall and F1 are
 * micro-averaged over the whole file.  Printed with -v: the mismatches. */

#include "kg/sentence.h"
#include "kg/text.h"
#include "kg/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    size_t b, e;
} span;

typedef struct {
    char *text;
    size_t len, cap;
    span *words;
    size_t nw, capw;
    size_t *sent_end;
    size_t ns, caps;
} doc;

static void doc_append(doc *d, const char *s, size_t n)
{
    void *p = d->text;
    kg_grow(&p, &d->cap, d->len + n + 1, 1);
    d->text = p;
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static void doc_word(doc *d, size_t b, size_t e)
{
    void *p = d->words;
    kg_grow(&p, &d->capw, d->nw + 1, sizeof *d->words);
    d->words = p;
    d->words[d->nw++] = (span){b, e};
}

static void doc_sent(doc *d, size_t e)
{
    void *p = d->sent_end;
    kg_grow(&p, &d->caps, d->ns + 1, sizeof *d->sent_end);
    d->sent_end = p;
    d->sent_end[d->ns++] = e;
}

typedef struct {
    size_t tp, pred, gold;
} prf;

static void prf_print(const char *what, prf x)
{
    double p = x.pred ? (double)x.tp / (double)x.pred : 0;
    double r = x.gold ? (double)x.tp / (double)x.gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-9s gold %6zu  predicted %6zu  correct %6zu  P %.4f  R %.4f  F1 %.4f\n", what, x.gold,
           x.pred, x.tp, p, r, f);
}

static int verbose;
static prf tok_score, sent_score;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->b < y->b ? -1 : x->b > y->b ? 1 : x->e < y->e ? -1 : x->e > y->e;
}

static void evaluate(doc *d)
{
    if (!d->len) return;
    kg_token *t;
    size_t nt;
    kg_tokenize(d->text, d->len, 0, &t, &nt);
    kg_sentence *s;
    size_t ns;
    kg_split_sentences(d->text, t, nt, 0, &s, &ns);

    qsort(d->words, d->nw, sizeof *d->words, span_cmp);
    size_t g = 0;
    for (size_t i = 0; i < nt; i++) {
        span x = {t[i].off, (size_t)t[i].off + t[i].len};
        while (g < d->nw && span_cmp(&d->words[g], &x) < 0)
            g++;
        if (g < d->nw && d->words[g].b == x.b && d->words[g].e == x.e)
            tok_score.tp++;
        else if (verbose)
            printf("TOK  %.*s   | in: %.*s\n", (int)(x.e - x.b), d->text + x.b,
                   (int)((x.e + 30 < d->len ? x.e + 30 : d->len) - (x.b > 30 ? x.b - 30 : 0)),
                   d->text + (x.b > 30 ? x.b - 30 : 0));
    }
    tok_score.pred += nt;
    tok_score.gold += d->nw;

    size_t k = 0;
    for (size_t i = 0; i < ns; i++) {
        size_t e = s[i].end;
        while (k < d->ns && d->sent_end[k] < e)
            k++;
        if (k < d->ns && d->sent_end[k] == e)
            sent_score.tp++;
        else if (verbose)
            printf("SENT false break: %.*s ||| %.*s\n", (int)(e - (e > 50 ? e - 50 : 0)),
                   d->text + (e > 50 ? e - 50 : 0), (int)((e + 40 < d->len ? e + 40 : d->len) - e),
                   d->text + e);
    }
    if (verbose) {
        size_t m = 0;
        for (size_t i = 0; i < d->ns; i++) {
            while (m < ns && s[m].end < d->sent_end[i])
                m++;
            if (!(m < ns && s[m].end == d->sent_end[i])) {
                size_t e = d->sent_end[i];
                printf("SENT missed break: %.*s ||| %.*s\n", (int)(e - (e > 50 ? e - 50 : 0)),
                       d->text + (e > 50 ? e - 50 : 0),
                       (int)((e + 40 < d->len ? e + 40 : d->len) - e), d->text + e);
            }
        }
    }
    sent_score.pred += ns;
    sent_score.gold += d->ns;
    free(t);
    free(s);
    d->len = 0;
    d->nw = 0;
    d->ns = 0;
}

static int run_eval(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    doc d = {0};
    char line[65536];
    int newpar = 0, first_in_doc = 1;
    size_t sent_start = 0, cursor = 0, mwt_end = 0, mwt_b = 0, mwt_e = 0, mwt_pos = 0;
    int in_sentence = 0;
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (strncmp(line, "# newdoc", 8) == 0) {
            evaluate(&d);
            first_in_doc = 1;
            continue;
        }
        if (strncmp(line, "# newpar", 8) == 0) {
            newpar = 1;
            continue;
        }
        if (strncmp(line, "# text = ", 9) == 0) {
            if (!first_in_doc) doc_append(&d, newpar ? "\n\n" : " ", newpar ? 2 : 1);
            first_in_doc = 0;
            newpar = 0;
            sent_start = d.len;
            doc_append(&d, line + 9, n - 9);
            cursor = sent_start;
            in_sentence = 1;
            continue;
        }
        if (n == 0) {
            if (in_sentence) doc_sent(&d, d.len);
            in_sentence = 0;
            continue;
        }
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        char *form = tab + 1, *tab2 = strchr(form, '\t');
        if (!tab2) continue;
        *tab = '\0';
        *tab2 = '\0';
        size_t flen = strlen(form);
        if (strchr(line, '.')) continue; /* empty node */
        for (;;) {                       /* spaces, tabs and no-break spaces between words */
            if (cursor < d.len && (d.text[cursor] == ' ' || d.text[cursor] == '\t'))
                cursor++;
            else if (cursor + 1 < d.len && memcmp(d.text + cursor, "\xC2\xA0", 2) == 0)
                cursor += 2;
            else
                break;
        }
        char *dash = strchr(line, '-');
        if (dash) { /* multi-word token: its words are matched inside it */
            mwt_end = (size_t)atol(dash + 1);
            mwt_b = cursor;
            mwt_e = cursor + flen;
            mwt_pos = cursor;
            cursor = mwt_e;
            continue;
        }
        size_t id = (size_t)atol(line);
        if (mwt_end && id <= mwt_end) {
            size_t b = mwt_pos;
            if (b + flen <= mwt_e && memcmp(d.text + b, form, flen) == 0) {
                doc_word(&d, b, b + flen);
                mwt_pos = b + flen;
            } else {
                doc_word(&d, b, id == mwt_end ? mwt_e : b); /* cannot be a slice */
            }
            if (id == mwt_end) mwt_end = 0;
            continue;
        }
        (void)mwt_b;
        if (cursor + flen <= d.len && memcmp(d.text + cursor, form, flen) == 0) {
            doc_word(&d, cursor, cursor + flen);
            cursor += flen;
        } else {
            fprintf(stderr, "tokeval: cannot align \"%s\" in \"%s\"\n", form, d.text + sent_start);
        }
    }
    if (in_sentence) doc_sent(&d, d.len);
    evaluate(&d);
    fclose(f);
    free(d.text);
    free(d.words);
    free(d.sent_end);
    printf("%s\n", path);
    prf_print("tokens", tok_score);
    prf_print("sentences", sent_score);
    return 0;
}

static char *slurp(FILE *f, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    char chunk[65536];
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        void *p = buf;
        kg_grow(&p, &cap, n + k + 1, 1);
        buf = p;
        memcpy(buf + n, chunk, k);
        n += k;
    }
    if (!buf) buf = kg_xcalloc(1, 1);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int run_bench(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t len;
    char *one = slurp(f, &len);
    fclose(f);
    /* repeat the text to about 20 MB so timing is not noise */
    size_t reps = len ? (20u << 20) / len + 1 : 1, total = reps * (len + 2);
    char *text = kg_xmalloc(total + 1);
    for (size_t i = 0; i < reps; i++) {
        memcpy(text + i * (len + 2), one, len);
        memcpy(text + i * (len + 2) + len, "\n\n", 2);
    }
    text[total] = '\0';
    struct timespec t0, t1, t2;
    kg_reader_opts ro = kg_reader_opts_default();
    ro.max_bytes = 0; /* no limit */
    kg_article *art = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    kg_article_from_memory("bench", text, total, &ro, NULL, &art);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("reader:    %.1f MB/s (validation, line ends, %s, header)\n",
           (double)total /
               ((double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec)) / 1e6,
           art && art->ascii ? "ASCII: no NFC" : "NFC");
    kg_article_free(art);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    kg_tokenizer *tk = kg_tokenizer_new(text, total, 0);
    kg_token t;
    size_t n = 0;
    while (kg_tokenizer_next(tk, &t) == KG_SUCCESS)
        n++;
    kg_tokenizer_free(tk);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    kg_token *v;
    size_t nv, ns;
    kg_tokenize(text, total, 0, &v, &nv);
    kg_sentence *s;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    kg_split_sentences(text, v, nv, 0, &s, &ns);
    clock_gettime(CLOCK_MONOTONIC, &t2);
    double tt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double st = (double)(t2.tv_sec - t1.tv_sec) + 1e-9 * (double)(t2.tv_nsec - t1.tv_nsec);
    /* tt covers the pull tokenizer and kg_tokenize: halve it */
    tt /= 2;
    printf("%zu bytes, %zu tokens, %zu sentences\n", total, n, ns);
    printf("tokenizer: %.1f M tokens/s (%.1f MB/s)\n", (double)n / tt / 1e6,
           (double)total / tt / 1e6);
    printf("splitter:  %.1f M tokens/s\n", (double)n / st / 1e6);
    free(v);
    free(s);
    free(text);
    free(one);
    return 0;
}

static int run_show(void)
{
    size_t len;
    char *text = slurp(stdin, &len);
    kg_token *t;
    size_t nt, ns;
    kg_tokenize(text, len, 0, &t, &nt);
    kg_sentence *s;
    kg_split_sentences(text, t, nt, 0, &s, &ns);
    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        if (k < ns && s[k].tok_begin == i) printf("--- sentence %zu\n", ++k);
        printf("%u\t%u\t%d\t%02x\t%.*s\n", t[i].off, t[i].len, t[i].kind, t[i].flags, (int)t[i].len,
               text + t[i].off);
    }
    free(t);
    free(s);
    free(text);
    return 0;
}

/* Read articles through the reader and print the header fields and one
 * sentence per line (line breaks inside a sentence shown as " / "). */
static int run_sentences(int argc, char **argv)
{
    int rc = 0;
    kg_diag_sink diags = {kg_diag_print, NULL};
    for (int i = 0; i < argc; i++) {
        kg_article *a;
        if (kg_article_read_file(argv[i], NULL, &diags, &a) != KG_SUCCESS) {
            rc = 1;
            continue;
        }
        printf("# %s\n# date=%s title=%s dateline=%s agency=%s body_off=%zu\n", a->name,
               a->date ? a->date : "-", a->title ? a->title : "-", a->dateline ? a->dateline : "-",
               a->agency ? a->agency : "-", a->body_off);
        kg_token *t;
        size_t nt;
        kg_tokenize(a->text, a->len, 0, &t, &nt);
        kg_splitter *sp = kg_splitter_new(a->text, t, nt, 0);
        kg_splitter_set_header_end(sp, a->body_off);
        kg_sentence s;
        while (kg_splitter_next(sp, &s) == KG_SUCCESS) {
            for (uint32_t k = s.off; k < s.end; k++)
                if (a->text[k] == '\n')
                    fputs(" / ", stdout);
                else
                    putchar(a->text[k]);
            putchar('\n');
        }
        kg_splitter_free(sp);
        free(t);
        kg_article_free(a);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--sentences") == 0) return run_sentences(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "--show") == 0) return run_show();
    if (argc >= 3 && strcmp(argv[1], "--bench") == 0) return run_bench(argv[2]);
    int i = 1;
    if (argc >= 2 && strcmp(argv[1], "-v") == 0) verbose = 1, i++;
    if (i >= argc) {
        fprintf(stderr, "usage: tokeval [-v] FILE.conllu | --bench FILE.txt | --show < TEXT | "
                        "--sentences FILE...\n");
        return 2;
    }
    return run_eval(argv[i]);
}
