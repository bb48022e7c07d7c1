# test1.S -- seed 004's test1 in assembly: main divides by zero.
#
#   kprobesim boot --user-program config/demo/test1.S
#   ... test1[1] trap divide error ip:40001f sp:7fffffffefc8 error:0 in test1[400000+1000]
#   kprobesim addr2line -e config/demo/test1.S 0x40001f   ->  config/demo/test1.S:21 (the div)
#
# The task touches its stack first (a demand-paged page), then divides 10 by 0.

	.text
	.globl _start
_start:
	push %rbp
	mov %rsp, %rbp
	sub $0x20, %rsp
	movl $10, -4(%rbp)
	movl $0, -8(%rbp)
	mov -4(%rbp), %eax
	xor %edx, %edx
	mov -8(%rbp), %ecx
	nop
	div %ecx
	mov %eax, -12(%rbp)
	# not reached: exit(0)
	mov $60, %eax
	xor %edi, %edi
	int $0x80
