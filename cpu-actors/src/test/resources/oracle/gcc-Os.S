# gcc 12 -Os -S output of a small C file (loops, switch jump table, atomics), as a realistic input.
	.file	"c.c"
	.text
	.globl	fib
	.type	fib, @function
fib:
	movl	$1, %edx
	xorl	%eax, %eax
.L2:
	testq	%rdi, %rdi
	jle	.L5
	leaq	(%rax,%rdx), %rcx
	decq	%rdi
	movq	%rdx, %rax
	movq	%rcx, %rdx
	jmp	.L2
.L5:
	ret
	.size	fib, .-fib
	.globl	sum
	.type	sum, @function
sum:
	xorl	%eax, %eax
	xorl	%ecx, %ecx
.L7:
	cmpl	%eax, %esi
	jle	.L9
	movq	(%rdi,%rax,8), %rdx
	incq	%rax
	leaq	(%rdx,%rdx,2), %r8
	sarq	$2, %rdx
	addq	%r8, %rdx
	addq	%rdx, %rcx
	jmp	.L7
.L9:
	movq	%rcx, %rax
	ret
	.size	sum, .-sum
	.globl	cmp
	.type	cmp, @function
cmp:
	orl	$-1, %eax
	cmpl	%esi, %edi
	jb	.L10
	xorl	%eax, %eax
	cmpl	%edi, %esi
	setb	%al
.L10:
	ret
	.size	cmp, .-cmp
	.globl	bump
	.type	bump, @function
bump:
	lock incq	counter(%rip)
	movq	counter(%rip), %rax
	andl	$15, %eax
	incq	table(,%rax,8)
	ret
	.size	bump, .-bump
	.globl	sw
	.type	sw, @function
sw:
	cmpl	$4, %edi
	ja	.L15
	movl	%edi, %edi
	jmp	*.L17(,%rdi,8)
	.section	.rodata
	.align 8
	.align 4
.L17:
	.quad	.L21
	.quad	.L20
	.quad	.L22
	.quad	.L18
	.quad	.L16
	.text
.L21:
	movl	$5, %eax
	ret
.L20:
	movl	$1, %edi
	jmp	fib
.L18:
	orq	$-1, %rax
	ret
.L16:
	movq	counter(%rip), %rax
	ret
.L15:
	imull	$7, %edi, %eax
	cltq
	ret
.L22:
	movl	$99, %eax
	ret
	.size	sw, .-sw
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
