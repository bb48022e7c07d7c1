# lock xadd loop: an atomic fetch-and-add on one qword of the data buffer per iteration.
# Contract: see alu.S.
# kprobesim-bench: setup=2 per-iteration=4 tail=0
	.text
	mov	%rsi, %rcx
	mov	$1, %edx
1:	mov	%rdx, %rax
	lock xadd	%rax, (%rdi)
	dec	%rcx
	jnz	1b
