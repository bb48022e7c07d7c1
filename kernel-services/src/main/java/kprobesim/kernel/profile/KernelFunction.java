package kprobesim.kernel.profile;

/**
 * Kernel functions whose symbol name changed across versions; a profile maps each to the
 * name a probe must use on that kernel ({@link KernelProfile#symbol}).
 */
public enum KernelFunction {
    /** Process creation: {@code do_fork} (to 4.1), {@code _do_fork} (4.2-5.9), {@code kernel_clone} (5.10+). */
    FORK,
    /** Signal dequeue on return to user mode: {@code get_signal_to_deliver} (to 3.16), {@code get_signal} (3.17+). */
    GET_SIGNAL,
    /**
     * open(2): {@code sys_open} up to 4.16 (the symbol seed 003's kretprobe example probes;
     * {@code do_sys_open} exists below it too), {@code do_sys_open} from 4.17, when x86-64
     * syscalls became {@code __x64_sys_*(struct pt_regs *)} wrappers and {@code sys_open} left
     * kallsyms. From 5.6 the work happens in {@code do_sys_openat2}, but {@code do_sys_open}
     * is still the function open/openat call, up to and including 6.1.
     */
    OPEN,
    /** Task exit: {@code do_exit} in every version. */
    EXIT
}
