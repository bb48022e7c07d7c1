# call/ret + push/pop loop: every iteration pushes, calls a small function that pushes and pops.
# Contract: see alu.S.
# kprobesim-bench: setup=1 per-iteration=10 tail=1
	.text
	mov	%rsi, %rcx
1:	push	%rcx
	call	2f
	pop	%rcx
	dec	%rcx
	jnz	1b
	jmp	3f
2:	push	%r8
	mov	%rcx, %r8
	add	%r8, %rax
	pop	%r8
	ret
3:
