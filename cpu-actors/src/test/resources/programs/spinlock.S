# 8 CPUs increment a plain (non-atomic) counter under a lock cmpxchg spinlock. The counter is
# exact only if the lock provides mutual exclusion.
        .text
        .globl _start
_start:
        mov     $2000, %ecx
outer:
spin:   xor     %eax, %eax
        mov     $1, %edx
        lock cmpxchg %edx, lock_word
        jz      got
        pause
        jmp     spin
got:    mov     counter, %rbx
        inc     %rbx
        mov     %rbx, counter
        movl    $0, lock_word          # release (a plain store is a release on x86)
        dec     %ecx
        jnz     outer
        hlt

        .data
        .p2align 3
lock_word: .long 0
        .long 0
counter: .quad 0
