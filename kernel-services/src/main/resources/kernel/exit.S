# exit.S -- void do_exit(long code): runs the task-exit notifiers, releases the task and
# switches away for good. The hypercall never returns to this task; ud2 is BUG() if it does.

	.text

	.globl do_exit
	.type do_exit, @function
do_exit:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_EXIT, %eax
	vmcall
	ud2
	.size do_exit, .-do_exit
