# A small SMP kernel for `kprobesim machine run --cpus 4 --timer-every 1000 --program smp_timer.S`.
# CPU 0 builds an IDT with pack_gate (the layout of seed 002 / Linux's gate_struct) for the
# local timer (vector 0xef) and the reschedule IPI (0xfd); every CPU loads it and enables
# interrupts; each CPU counts 5 timer ticks in its per-CPU area (%gs:16); then CPU 0 sends the
# reschedule IPI to all other CPUs (hypercall 10), which wait for it (%gs:24) before halting.
        .text
        .globl _start
_start: test    %rdi, %rdi
        jnz     wait_idt
        lea     timer, %rax
        mov     $0xef, %ecx
        call    pack_gate
        lea     resched, %rax
        mov     $0xfd, %ecx
        call    pack_gate
        movq    $1, ready
wait_idt:
        cmpq    $0, ready
        je      wait_idt
        lidt    idtr
        sti
ticks:  cmpq    $5, %gs:16
        jb      ticks
        cmpq    $0, %gs:8              # per-CPU area +8: this CPU's id
        jne     wait_ipi
        mov     $-1, %rdi              # every other CPU
        mov     $0xfd, %esi            # RESCHEDULE_VECTOR
        mov     $10, %eax              # SEND_IPI
        vmcall
        jmp     done
wait_ipi:
        cmpq    $0, %gs:24
        je      wait_ipi
done:   cli
        hlt

# pack_gate(idt[%ecx], GATE_INTERRUPT, handler %rax, dpl 0, ist 0, __KERNEL_CS)
pack_gate:
        shl     $4, %rcx
        lea     idt(%rcx), %rdx
        mov     %ax, (%rdx)            # offset 15..0
        movw    $0x10, 2(%rdx)         # __KERNEL_CS
        movw    $0x8e00, 4(%rdx)       # IST 0 | P=1 DPL=0 type=0xE (interrupt gate)
        shr     $16, %rax
        mov     %ax, 6(%rdx)           # offset 31..16
        shr     $16, %rax
        mov     %eax, 8(%rdx)          # offset 63..32
        movl    $0, 12(%rdx)           # reserved
        ret

timer:  incq    %gs:16
        iretq
resched:
        movq    $1, %gs:24
        iretq

        .data
ready:  .quad   0
idtr:   .word   0xfff
        .quad   idt
        .p2align 12
idt:    .skip   4096
