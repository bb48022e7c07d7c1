# open.S -- open(2). Up to 4.16 the system call is sys_open(filename, flags, mode), which
# calls do_sys_open(AT_FDCWD, ...); from 4.17 x86-64 system calls take a pt_regs and
# __x64_sys_open reads its arguments from it. The 2.4 kernels have no do_sys_open:
# sys_open does the work itself.
#   long do_sys_open(int dfd, const char *filename, int flags, umode_t mode): fd or -errno

	.text

.if {{HAS_SYS_OPEN}}
	.globl sys_open
	.type sys_open, @function
sys_open:
	push %rbp
	mov %rsp, %rbp
.if {{HAS_DO_SYS_OPEN}}
	mov %edx, %ecx
	mov %esi, %edx
	mov %rdi, %rsi
	mov $-100, %edi
	call do_sys_open
.else
	mov %edx, %ecx
	mov %esi, %edx
	mov %rdi, %rsi
	mov $-100, %edi
	mov $HC_DO_SYS_OPEN, %eax
	vmcall
.endif
	pop %rbp
	ret
	.size sys_open, .-sys_open
.else
	.globl __x64_sys_open
	.type __x64_sys_open, @function
__x64_sys_open:
	push %rbp
	mov %rsp, %rbp
	mov 0x60(%rdi), %ecx
	mov 0x68(%rdi), %edx
	mov 0x70(%rdi), %rsi
	mov $-100, %edi
	call do_sys_open
	pop %rbp
	ret
	.size __x64_sys_open, .-__x64_sys_open
.endif

.if {{HAS_DO_SYS_OPEN}}
	.globl do_sys_open
	.type do_sys_open, @function
do_sys_open:
	push %rbp
	mov %rsp, %rbp
	mov $HC_DO_SYS_OPEN, %eax
	vmcall
	pop %rbp
	ret
	.size do_sys_open, .-do_sys_open
.endif
