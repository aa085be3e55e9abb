/* SPDX-License-Identifier: MIT
 * kg: the default tagger/parser model (trained on UD English-EWT), embedded. */
    .section .rodata
    .balign 64
    .globl kg_tagger_model_start
    .globl kg_tagger_model_end
kg_tagger_model_start:
    .incbin "model/kg-ewt.model"
kg_tagger_model_end:
    .byte 0
#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",%progbits
#endif
