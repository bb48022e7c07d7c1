# gcc 12 -O1 -S output of a small C file (loops, switch jump table, atomics), as a realistic input.
	.file	"c.c"
	.text
	.globl	fib
	.type	fib, @function
fib:
	leaq	-1(%rdi), %rax
	testq	%rdi, %rdi
	jle	.L4
	movl	$1, %edx
	movl	$0, %esi
.L3:
	movq	%rdx, %rcx
	addq	%rsi, %rdx
	subq	$1, %rax
	movq	%rcx, %rsi
	cmpq	$-1, %rax
	jne	.L3
.L1:
	movq	%rcx, %rax
	ret
.L4:
	movl	$0, %ecx
	jmp	.L1
	.size	fib, .-fib
	.globl	sum
	.type	sum, @function
sum:
	testl	%esi, %esi
	jle	.L9
	movq	%rdi, %rdx
	movslq	%esi, %rsi
	leaq	(%rdi,%rsi,8), %rdi
	movl	$0, %esi
.L8:
	movq	(%rdx), %rax
	leaq	(%rax,%rax,2), %rcx
	sarq	$2, %rax
	addq	%rcx, %rax
	addq	%rax, %rsi
	addq	$8, %rdx
	cmpq	%rdi, %rdx
	jne	.L8
.L6:
	movq	%rsi, %rax
	ret
.L9:
	movl	$0, %esi
	jmp	.L6
	.size	sum, .-sum
	.globl	cmp
	.type	cmp, @function
cmp:
	movl	$-1, %eax
	cmpl	%esi, %edi
	jb	.L11
	cmpl	%edi, %esi
	setb	%al
	movzbl	%al, %eax
.L11:
	ret
	.size	cmp, .-cmp
	.globl	bump
	.type	bump, @function
bump:
	lock addq	$1, counter(%rip)
	movq	counter(%rip), %rax
	andl	$15, %eax
	addq	$1, table(,%rax,8)
	ret
	.size	bump, .-bump
	.globl	sw
	.type	sw, @function
sw:
	cmpl	$4, %edi
	ja	.L16
	movl	%edi, %edi
	jmp	*.L18(,%rdi,8)
	.section	.rodata
	.align 8
	.align 4
.L18:
	.quad	.L22
	.quad	.L21
	.quad	.L23
	.quad	.L19
	.quad	.L17
	.text
.L22:
	movl	$5, %eax
	ret
.L21:
	movl	$1, %edi
	call	fib
	ret
.L19:
	movq	$-1, %rax
	ret
.L17:
	movq	counter(%rip), %rax
	ret
.L16:
	leal	0(,%rdi,8), %eax
	subl	%edi, %eax
	cltq
	ret
.L23:
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
