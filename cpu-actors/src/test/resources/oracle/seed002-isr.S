# The ISR of seed 002 ("intercept page fault"), unchanged apart from its symbol addresses:
# the blog passes them as module parameters; here they are absolute symbols (.set) and labels.
	.set addr_adjust_exception_frame, 0xffffffff81620100
	.set addr_error_entry, 0xffffffff8136f8b0
	.set addr_error_exit, 0xffffffff8136f950
	.text
	.type my_page_fault,@function
my_page_fault:
	.byte 0x66
	xchg %ax, %ax
	callq *addr_adjust_exception_frame
	sub $0x78, %rsp
	callq *addr_error_entry
	mov %rsp, %rdi
	mov 0x78(%rsp), %rsi
	movq $0xffffffffffffffff, 0x78(%rsp)
	callq my_do_page_fault
	jmpq *addr_error_exit
	nopl (%rax)
	.size my_page_fault, .-my_page_fault

	.globl my_do_page_fault
	.type my_do_page_fault,@function
my_do_page_fault:
	ret
	.size my_do_page_fault, .-my_do_page_fault
