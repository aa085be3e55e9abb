/* SPDX-License-Identifier: MIT
 * kg: the generated gazetteer table (data/gazetteer.tsv) embedded in libkg. */

/* The path is relative to the repository root, where make runs.  The
 * symbols are global inside libkg but hidden from its users. */
    .section .rodata
    .balign 16
    .globl kg_gazetteer_tsv_start
    .hidden kg_gazetteer_tsv_start
kg_gazetteer_tsv_start:
    .incbin "data/gazetteer.tsv"
    .globl kg_gazetteer_tsv_end
    .hidden kg_gazetteer_tsv_end
kg_gazetteer_tsv_end:
    .byte 0

    .section .note.GNU-stack,"",@progbits
