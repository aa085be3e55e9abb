/* SPDX-License-Identifier: MIT
 * kg: private helpers: string map and byte buffer. */

#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static size_t slot_of(const kg_strmap *m, const char *key, size_t len)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)kg_fnv1a(KG_FNV_OFFSET, key, len) & mask;
    while (m->keys[i] && (m->lens[i] != len || memcmp(m->keys[i], key, len) != 0))
        i = (i + 1) & mask;
    return i;
}

int kg_strmap_get(const kg_strmap *m, const char *key, size_t len, size_t *val)
{
    if (!m->cap) return 0;
    size_t i = slot_of(m, key, len);
    if (!m->keys[i]) return 0;
    if (val) *val = m->vals[i];
    return 1;
}

static void rehash(kg_strmap *m, size_t cap)
{
    kg_strmap n = {kg_xcalloc(cap, sizeof(char *)), kg_xcalloc(cap, sizeof(size_t)),
                   kg_xcalloc(cap, sizeof(size_t)), cap, m->used};
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = slot_of(&n, m->keys[i], m->lens[i]);
        n.keys[j] = m->keys[i];
        n.lens[j] = m->lens[i];
        n.vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->lens);
    free(m->vals);
    *m = n;
}

void kg_strmap_put(kg_strmap *m, const char *key, size_t len, size_t val)
{
    if ((m->used + 1) * 2 > m->cap) rehash(m, m->cap ? m->cap * 2 : 16);
    size_t i = slot_of(m, key, len);
    if (!m->keys[i]) {
        m->keys[i] = kg_xstrndup(key, len);
        m->lens[i] = len;
        m->used++;
    }
    m->vals[i] = val;
}

void kg_strmap_clear(kg_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->lens);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

void kg_buf_add(kg_buf *b, const char *s, size_t len)
{
    kg_grow((void **)&b->data, &b->cap, b->len + len + 1, 1);
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void kg_buf_puts(kg_buf *b, const char *s)
{
    kg_buf_add(b, s, strlen(s));
}

void kg_buf_printf(kg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    kg_grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *kg_buf_take(kg_buf *b)
{
    char *d = b->data ? b->data : kg_xstrndup("", 0);
    memset(b, 0, sizeof *b);
    return d;
}
