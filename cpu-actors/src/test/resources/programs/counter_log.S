# Every CPU appends its id to a shared log 64 times, with some busy work between appends,
# and counts in a shared counter with lock inc. The log's order is the interleaving.
        .text
        .globl _start
_start:
        mov     $64, %ecx
1:      mov     $1, %eax
        lock xadd %rax, log_idx
        mov     %dil, log(%rax)
        mov     $50, %edx
2:      dec     %edx
        jnz     2b
        lock incq counter
        dec     %ecx
        jnz     1b
        hlt

        .data
counter: .quad 0
log_idx: .quad 0
log:    .fill 4096, 1, 0xff
