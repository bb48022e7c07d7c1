package kprobesim.cpu.exec;

/**
 * Java kernel services called from machine code with {@code mov $NR,%eax; vmcall}
 * (the KVM convention, arguments in rdi rsi rdx rcx r8 r9, result in rax).
 *
 * <p>Called on the core's thread, in the middle of {@link X86Core#run}; the handler may read and
 * write the core's registers and memory. Its return value is stored in rax.
 */
@FunctionalInterface
public interface HypercallHandler {
    long hypercall(X86Core core, int nr, long rdi, long rsi, long rdx, long rcx, long r8, long r9);
}
