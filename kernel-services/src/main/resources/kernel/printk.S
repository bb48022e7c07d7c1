# printk.S -- int printk(const char *fmt, ...): logs the NUL-terminated message at fmt
# (KERN_* prefix allowed; no format expansion) and returns its length. panic(fmt) logs,
# runs the panic notifiers, stops the other CPUs and halts; it does not return.

	.text

	.globl printk
	.type printk, @function
printk:
	push %rbp
	mov %rsp, %rbp
	mov $HC_PRINTK, %eax
	vmcall
	pop %rbp
	ret
	.size printk, .-printk

	.globl panic
	.type panic, @function
panic:
	push %rbp
	mov %rsp, %rbp
	mov $HC_PANIC, %eax
	vmcall
	ud2
	.size panic, .-panic

	.section .rodata
	.globl linux_banner
	.type linux_banner, @object
linux_banner:
	.asciz "Linux version {{RELEASE}} (kprobesim) #1 SMP\n"
	.size linux_banner, .-linux_banner

	.data
	.globl jiffies
	.type jiffies, @object
	.p2align 3
jiffies:
	.quad 0
	.size jiffies, .-jiffies

	.bss
	.globl init_thread_union
	.type init_thread_union, @object
	.p2align 12
init_thread_union:
	.skip 0x4000
	.size init_thread_union, .-init_thread_union
