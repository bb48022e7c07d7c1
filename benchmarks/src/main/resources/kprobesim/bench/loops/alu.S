# ALU loop: add/xor/cmp/jnz on registers only.
# Contract shared by every benchmark loop (bench/compare-emulators.sh, the JMH benchmarks):
#   in: %rdi = 64 KiB data buffer, %rsi = iteration count N > 0, %rsp = a valid stack;
#   uses only caller-saved registers; ends by running off the end of the code.
# kprobesim-bench: setup=3 per-iteration=6 tail=0
	.text
	mov	%rsi, %rcx
	xor	%eax, %eax
	mov	$0x9e3779b9, %edx
1:	add	%rcx, %rax
	xor	%rdx, %rax
	add	$1, %r8
	sub	$1, %rcx
	cmp	$0, %rcx
	jnz	1b
