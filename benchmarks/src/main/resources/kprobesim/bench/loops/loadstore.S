# load/store loop: read-modify-write of a qword in a 4 KiB window of the data buffer.
# Contract: see alu.S.
# kprobesim-bench: setup=1 per-iteration=7 tail=0
	.text
	mov	%rsi, %rcx
1:	mov	%rcx, %rax
	and	$0x1ff, %eax
	mov	(%rdi,%rax,8), %rdx
	add	%rcx, %rdx
	mov	%rdx, (%rdi,%rax,8)
	dec	%rcx
	jnz	1b
