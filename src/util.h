/* SPDX-License-Identifier: MIT
 * kg: private helpers shared by the modules: a string map, hashing,
 * growable arrays. */
#ifndef KG_UTIL_H
#define KG_UTIL_H

#include "kg/status.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** FNV-1a 64-bit hash of @p len bytes, continuing from @p h (start with
 *  KG_FNV_OFFSET). */
#define KG_FNV_OFFSET 0xcbf29ce484222325ULL
static inline uint64_t kg_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/** Append to a growable array: ensure room, then arr[n++] = v. */
#define KG_PUSH(arr, n, cap, v)                                                                    \
    do {                                                                                           \
        kg_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr));                                  \
        (arr)[(n)++] = (v);                                                                        \
    } while (0)

/** A map from byte strings to size_t values (open addressing).  Keys are
 *  copied. */
typedef struct kg_strmap {
    char **keys;
    size_t *lens;
    size_t *vals;
    size_t cap;  ///< slots, a power of two (0 when empty)
    size_t used; ///< keys stored
} kg_strmap;

/** Look up @p key; @return 1 and *val when found, else 0. */
int kg_strmap_get(const kg_strmap *m, const char *key, size_t len, size_t *val);

/** Insert or replace. */
void kg_strmap_put(kg_strmap *m, const char *key, size_t len, size_t val);

/** Free the keys and tables (the struct itself is the caller's). */
void kg_strmap_clear(kg_strmap *m);

/** A growable byte buffer, always NUL-terminated when non-empty. */
typedef struct kg_buf {
    char *data;
    size_t len;
    size_t cap;
} kg_buf;

/** Append bytes. */
void kg_buf_add(kg_buf *b, const char *s, size_t len);
/** Append a C string. */
void kg_buf_puts(kg_buf *b, const char *s);
/** Append formatted text. */
void kg_buf_printf(kg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Take the data (caller owns; free()) and reset the buffer. */
char *kg_buf_take(kg_buf *b);

#endif
