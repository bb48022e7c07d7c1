# The x86 demo: sum 1..N in a helper function, leave the result in %rax, stop with hlt.
#
#   bin/kprobesim x86 demo                      (assembles, disassembles and runs this file)
#   bin/kprobesim x86 asm config/demo/sum.S -o /tmp/sum.bin --symbols
#   bin/kprobesim x86 disasm /tmp/sum.bin --base 0x400000
#   bin/kprobesim x86 exec --code /tmp/sum.bin --base 0x400000 --mem 0x7f0000:0x10000 --json
#
# Expected: stop "hlt", rax = 5050 (0x13ba), rbx restored to 0x1234 by sum_to's pop.

	.equ	N, 100
	.equ	STACK_TOP, 0x800000	# the top of the --mem 0x7f0000:0x10000 region

	.text
	.globl	_start
	.type	_start, @function
_start:
	mov	$STACK_TOP, %rsp
	mov	$0x1234, %ebx
	mov	$N, %edi
	call	sum_to
	hlt
	.size	_start, .-_start

	# Not .globl on purpose: GNU as leaves a call to a global symbol as a relocation (e8 00 00 00 00),
	# which objcopy -O binary does not apply; a local symbol's call is resolved in place.
	.type	sum_to, @function
# rax = 1 + 2 + ... + rdi (rdi > 0); clobbers rdi, preserves rbx.
sum_to:
	push	%rbx
	xor	%eax, %eax
1:	lea	(%rax,%rdi), %rbx	# rbx as scratch so the push/pop pair has something to protect
	mov	%rbx, %rax
	dec	%rdi
	jnz	1b
	pop	%rbx
	ret
	.size	sum_to, .-sum_to
