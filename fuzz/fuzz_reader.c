/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the reader (text.h): whole buffers and chunked feeds. */

#include "kg/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first byte holds option bits:
 *   bit 0    no_header
 *   bit 1    a small max_bytes (64 + 16 * bits 4..7)
 *   bit 2    read through kg_reader_feed() in chunks of 1 + bits 4..7 bytes
 *   bit 3    check char offsets at every byte
 * The rest is the article.  Whole-buffer and chunked reads must agree. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_article(const kg_article *a)
{
    if (!a) abort();
    if (strlen(a->text) != a->len) abort(); /* no NUL inside the text */
    if (a->body_off > a->len) abort();
    const kg_span *spans[] = {&a->title_span, &a->dateline_span, &a->agency_span, &a->date_span};
    for (size_t i = 0; i < 4; i++)
        if ((size_t)spans[i]->off + spans[i]->len > a->len) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned bits = data[0];
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    kg_reader_opts o = kg_reader_opts_default();
    o.no_header = (int)(bits & 1u);
    if (bits & 2u) o.max_bytes = 64 + 16 * (bits >> 4);
    kg_diag_sink quiet = {NULL, NULL};

    kg_article *a = NULL;
    kg_status st = kg_article_from_memory("fuzz", buf, len, &o, &quiet, &a);
    if (st == KG_SUCCESS) {
        check_article(a);
        if (bits & 8u) {
            size_t prev = 0;
            for (size_t i = 0; i <= a->len; i++) {
                size_t c = kg_article_char_offset(a, i);
                if (c < prev || c > i) abort();
                prev = c;
            }
        }
    } else if (a) {
        abort(); /* an error must leave *out NULL */
    }

    if (bits & 4u) {
        size_t chunk = 1 + (bits >> 4);
        kg_reader *r = kg_reader_new("fuzz", &o, &quiet);
        kg_status fst = KG_SUCCESS;
        for (size_t i = 0; i < len && fst == KG_SUCCESS; i += chunk)
            fst = kg_reader_feed(r, buf + i, len - i < chunk ? len - i : chunk);
        kg_article *b = NULL;
        kg_status st2 = kg_reader_finish(r, &b);
        if (fst == KG_SUCCESS && st2 != st) abort();
        if (st == KG_SUCCESS && st2 == KG_SUCCESS) {
            check_article(b);
            if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0) abort();
            if (a->body_off != b->body_off) abort();
        }
        kg_article_free(b);
        kg_reader_free(r);
    }
    kg_article_free(a);
    return 0;
}
