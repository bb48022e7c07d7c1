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
    /** open(2) entry: {@code sys_open} (to 4.16), {@code do_sys_open} (4.17+, when x86-64 syscalls became {@code __x64_sys_*} wrappers). */
    OPEN,
    /** Task exit: {@code do_exit} in every version. */
    EXIT
}
