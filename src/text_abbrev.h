/* SPDX-License-Identifier: MIT
 * kg: private lookup in the generated abbreviation table (token.c, sentence.c). */
#ifndef KG_TEXT_ABBREV_H
#define KG_TEXT_ABBREV_H

#include <stddef.h>

/** Class (KG_ABBR_* from abbrev_table.h) of the abbreviation @p s[0..len),
 *  which includes its final period ("Nov."), or -1 when it is not in the
 *  table.  Case-sensitive. */
int kg_abbrev_lookup(const char *s, size_t len);

#endif /* KG_TEXT_ABBREV_H */
