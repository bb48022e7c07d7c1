# gcc 12 -O2 -S output of a small C file (loops, switch jump table, atomics), as a realistic input.
	.file	"c.c"
	.text
	.p2align 4
	.globl	fib
	.type	fib, @function
fib:
	leaq	-1(%rdi), %rax
	testq	%rdi, %rdi
	jle	.L4
	movl	$1, %edx
	xorl	%esi, %esi
	.p2align 4,,10
	.p2align 3
.L3:
	movq	%rdx, %rcx
	subq	$1, %rax
	addq	%rsi, %rdx
	movq	%rcx, %rsi
	cmpq	$-1, %rax
	jne	.L3
	movq	%rcx, %rax
	ret
	.p2align 4,,10
	.p2align 3
.L4:
	xorl	%ecx, %ecx
	movq	%rcx, %rax
	ret
	.size	fib, .-fib
	.p2align 4
	.globl	sum
	.type	sum, @function
sum:
	testl	%esi, %esi
	jle	.L10
	movslq	%esi, %rsi
	xorl	%ecx, %ecx
	leaq	(%rdi,%rsi,8), %rsi
	.p2align 4,,10
	.p2align 3
.L9:
	movq	(%rdi), %rax
	addq	$8, %rdi
	leaq	(%rax,%rax,2), %rdx
	sarq	$2, %rax
	addq	%rdx, %rax
	addq	%rax, %rcx
	cmpq	%rdi, %rsi
	jne	.L9
	movq	%rcx, %rax
	ret
	.p2align 4,,10
	.p2align 3
.L10:
	xorl	%ecx, %ecx
	movq	%rcx, %rax
	ret
	.size	sum, .-sum
	.p2align 4
	.globl	cmp
	.type	cmp, @function
cmp:
	movl	$-1, %eax
	cmpl	%esi, %edi
	jb	.L12
	xorl	%eax, %eax
	cmpl	%edi, %esi
	setb	%al
.L12:
	ret
	.size	cmp, .-cmp
	.p2align 4
	.globl	bump
	.type	bump, @function
bump:
	lock addq	$1, counter(%rip)
	movq	counter(%rip), %rax
	andl	$15, %eax
	addq	$1, table(,%rax,8)
	ret
	.size	bump, .-bump
	.p2align 4
	.globl	sw
	.type	sw, @function
sw:
	cmpl	$4, %edi
	ja	.L17
	movl	%edi, %edi
	jmp	*.L19(,%rdi,8)
	.section	.rodata
	.align 8
	.align 4
.L19:
	.quad	.L23
	.quad	.L24
	.quad	.L21
	.quad	.L20
	.quad	.L18
	.text
	.p2align 4,,10
	.p2align 3
.L24:
	movl	$1, %eax
	ret
	.p2align 4,,10
	.p2align 3
.L23:
	movl	$5, %eax
	ret
	.p2align 4,,10
	.p2align 3
.L18:
	movq	counter(%rip), %rax
	ret
	.p2align 4,,10
	.p2align 3
.L21:
	movl	$99, %eax
	ret
	.p2align 4,,10
	.p2align 3
.L20:
	movq	$-1, %rax
	ret
.L17:
	leal	0(,%rdi,8), %eax
	subl	%edi, %eax
	cltq
	ret
	.size	sw, .-sw
	.p2align 4
	.globl	bytes
	.type	bytes, @function
bytes:
	leal	0(,%rdi,8), %eax
	sarw	%si
	xorl	%esi, %eax
	ret
	.size	bytes, .-bytes
	.local	table
	.comm	table,128,32
	.globl	counter
	.bss
	.align 8
	.type	counter, @object
	.size	counter, 8
counter:
	.zero	8
	.ident	"GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
