/* SPDX-License-Identifier: MIT
 * kg: a tiny test harness.  Each test file defines test functions, lists
 * them in main() with RUN(), and ends with DONE(), which prints
 * "N passed, N failed" and returns non-zero on any failure. */
#ifndef KG_TEST_H
#define KG_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_;
static int test_passed_;
static int test_cur_failed_;

/** Check @p cond; on failure print the location and go on. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
            test_cur_failed_ = 1;                                                                  \
        }                                                                                          \
    } while (0)

/** Check two C strings are equal. */
#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__,     \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                       \
            test_cur_failed_ = 1;                                                                  \
        }                                                                                          \
    } while (0)

/** Check a slice equals a C string. */
#define CHECK_MEM(p, n, s)                                                                         \
    do {                                                                                           \
        const char *s_ = (s);                                                                      \
        size_t n_ = (size_t)(n);                                                                   \
        if (n_ != strlen(s_) || memcmp((p), s_, n_) != 0) {                                        \
            fprintf(stderr, "%s:%d: CHECK_MEM failed: \"%.*s\" != \"%s\"\n", __FILE__, __LINE__,   \
                    (int)n_, (const char *)(p), s_);                                               \
            test_cur_failed_ = 1;                                                                  \
        }                                                                                          \
    } while (0)

/** Run one test function. */
#define RUN(fn)                                                                                    \
    do {                                                                                           \
        test_cur_failed_ = 0;                                                                      \
        fn();                                                                                      \
        if (test_cur_failed_) {                                                                    \
            fprintf(stderr, "FAIL %s\n", #fn);                                                     \
            test_failed_++;                                                                        \
        } else {                                                                                   \
            test_passed_++;                                                                        \
        }                                                                                          \
    } while (0)

/** Print the summary and return the exit status. */
#define DONE() (printf("%d passed, %d failed\n", test_passed_, test_failed_), test_failed_ ? 1 : 0)

#endif
