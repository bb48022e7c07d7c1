# gcc 12 -O0 -S output of a small C file (loops, switch jump table, atomics), as a realistic input.
	.file	"c.c"
	.text
	.globl	counter
	.bss
	.align 8
	.type	counter, @object
	.size	counter, 8
counter:
	.zero	8
	.local	table
	.comm	table,128,32
	.text
	.globl	fib
	.type	fib, @function
fib:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$40, %rsp
	movq	%rdi, -40(%rbp)
	movq	$0, -8(%rbp)
	movq	$1, -16(%rbp)
	jmp	.L2
.L3:
	movq	-8(%rbp), %rdx
	movq	-16(%rbp), %rax
	addq	%rdx, %rax
	movq	%rax, -24(%rbp)
	movq	-16(%rbp), %rax
	movq	%rax, -8(%rbp)
	movq	-24(%rbp), %rax
	movq	%rax, -16(%rbp)
.L2:
	movq	-40(%rbp), %rax
	leaq	-1(%rax), %rdx
	movq	%rdx, -40(%rbp)
	testq	%rax, %rax
	jg	.L3
	movq	-8(%rbp), %rax
	leave
	ret
	.size	fib, .-fib
	.globl	sum
	.type	sum, @function
sum:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$32, %rsp
	movq	%rdi, -24(%rbp)
	movl	%esi, -28(%rbp)
	movq	$0, -8(%rbp)
	movl	$0, -12(%rbp)
	jmp	.L6
.L7:
	movl	-12(%rbp), %eax
	cltq
	leaq	0(,%rax,8), %rdx
	movq	-24(%rbp), %rax
	addq	%rdx, %rax
	movq	(%rax), %rdx
	movq	%rdx, %rax
	addq	%rax, %rax
	addq	%rax, %rdx
	movl	-12(%rbp), %eax
	cltq
	leaq	0(,%rax,8), %rcx
	movq	-24(%rbp), %rax
	addq	%rcx, %rax
	movq	(%rax), %rax
	sarq	$2, %rax
	addq	%rdx, %rax
	addq	%rax, -8(%rbp)
	addl	$1, -12(%rbp)
.L6:
	movl	-12(%rbp), %eax
	cmpl	-28(%rbp), %eax
	jl	.L7
	movq	-8(%rbp), %rax
	leave
	ret
	.size	sum, .-sum
	.globl	cmp
	.type	cmp, @function
cmp:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$8, %rsp
	movl	%edi, -4(%rbp)
	movl	%esi, -8(%rbp)
	movl	-4(%rbp), %eax
	cmpl	-8(%rbp), %eax
	jb	.L10
	movl	-4(%rbp), %eax
	cmpl	%eax, -8(%rbp)
	setb	%al
	movzbl	%al, %eax
	jmp	.L12
.L10:
	movl	$-1, %eax
.L12:
	leave
	ret
	.size	cmp, .-cmp
	.globl	bump
	.type	bump, @function
bump:
	pushq	%rbp
	movq	%rsp, %rbp
	lock addq	$1, counter(%rip)
	movq	counter(%rip), %rax
	andl	$15, %eax
	movq	table(,%rax,8), %rdx
	addq	$1, %rdx
	movq	%rdx, table(,%rax,8)
	nop
	popq	%rbp
	ret
	.size	bump, .-bump
	.globl	sw
	.type	sw, @function
sw:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$8, %rsp
	movl	%edi, -4(%rbp)
	cmpl	$4, -4(%rbp)
	ja	.L15
	movl	-4(%rbp), %eax
	movq	.L17(,%rax,8), %rax
	jmp	*%rax
	.section	.rodata
	.align 8
	.align 4
.L17:
	.quad	.L21
	.quad	.L20
	.quad	.L19
	.quad	.L18
	.quad	.L16
	.text
.L21:
	movl	$5, %eax
	jmp	.L22
.L20:
	movl	-4(%rbp), %eax
	cltq
	movq	%rax, %rdi
	call	fib
	jmp	.L22
.L19:
	movl	$99, %eax
	jmp	.L22
.L18:
	movq	$-1, %rax
	jmp	.L22
.L16:
	movq	counter(%rip), %rax
	jmp	.L22
.L15:
	movl	-4(%rbp), %edx
	movl	%edx, %eax
	sall	$3, %eax
	subl	%edx, %eax
	cltq
.L22:
	leave
	ret
	.size	sw, .-sw
	.globl	bytes
	.type	bytes, @function
bytes:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$8, %rsp
	movl	%edi, %edx
	movl	%esi, %eax
	movb	%dl, -4(%rbp)
	movw	%ax, -8(%rbp)
	movzbl	-4(%rbp), %eax
	sall	$3, %eax
	movl	%eax, %edx
	movzwl	-8(%rbp), %eax
	sarw	%ax
	xorl	%edx, %eax
	leave
	ret
	.size	bytes, .-bytes
	.ident	"GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
