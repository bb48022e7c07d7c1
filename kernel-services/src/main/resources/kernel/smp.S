# smp.S -- SMP cross-calls (kernel/smp.c, kernel/stop_machine.c), text_mutex and text_poke
# (arch/x86/kernel/alternative.c) and the reboot entry points (kernel/reboot.c). The work is
# done in Java (kprobesim.kernel.smp, .text, .machine); these are the C-callable entry points.
# text_poke and the text_mutex helpers rewrite kernel text, so they may not be probed.

	.text

# int smp_call_function(smp_call_func_t func, void *info, int wait)
	.globl smp_call_function
	.type smp_call_function, @function
smp_call_function:
	mov $HC_SMP_CALL_FUNCTION, %eax
	vmcall
	ret
	.size smp_call_function, .-smp_call_function

# int on_each_cpu(smp_call_func_t func, void *info, int wait)
	.globl on_each_cpu
	.type on_each_cpu, @function
on_each_cpu:
	mov $HC_ON_EACH_CPU, %eax
	vmcall
	ret
	.size on_each_cpu, .-on_each_cpu

# int stop_machine(cpu_stop_fn_t fn, void *data, const struct cpumask *cpus)
	.globl stop_machine
	.type stop_machine, @function
stop_machine:
	mov $HC_STOP_MACHINE, %eax
	vmcall
	ret
	.size stop_machine, .-stop_machine

# void text_mutex_lock(void): mutex_lock(&text_mutex); queued FIFO, polls until handed over
	.globl text_mutex_lock
	.type text_mutex_lock, @function
text_mutex_lock:
1:	mov $HC_TEXT_MUTEX_LOCK, %eax
	vmcall
	test %rax, %rax
	jz 2f
	pause
	jmp 1b
2:	ret
	.size text_mutex_lock, .-text_mutex_lock

# int text_mutex_unlock(void): mutex_unlock(&text_mutex); -EPERM if current does not hold it
	.globl text_mutex_unlock
	.type text_mutex_unlock, @function
text_mutex_unlock:
	mov $HC_TEXT_MUTEX_UNLOCK, %eax
	vmcall
	ret
	.size text_mutex_unlock, .-text_mutex_unlock

# int text_poke(void *addr, const void *opcode, size_t len)   (text_mutex held)
	.globl text_poke
	.type text_poke, @function
text_poke:
	mov $HC_TEXT_POKE, %eax
	vmcall
	ret
	.size text_poke, .-text_poke

# void kernel_halt(void)
	.globl kernel_halt
	.type kernel_halt, @function
kernel_halt:
	mov $HC_KERNEL_HALT, %eax
	vmcall
	ud2
	.size kernel_halt, .-kernel_halt

# void kernel_restart(char *cmd)
	.globl kernel_restart
	.type kernel_restart, @function
kernel_restart:
	mov $HC_KERNEL_RESTART, %eax
	vmcall
	ud2
	.size kernel_restart, .-kernel_restart

# void kernel_power_off(void)
	.globl kernel_power_off
	.type kernel_power_off, @function
kernel_power_off:
	mov $HC_KERNEL_POWER_OFF, %eax
	vmcall
	ud2
	.size kernel_power_off, .-kernel_power_off

	.pushsection _kprobe_blacklist,"aw"
	.quad text_mutex_lock
	.quad text_mutex_unlock
	.quad text_poke
	.popsection
