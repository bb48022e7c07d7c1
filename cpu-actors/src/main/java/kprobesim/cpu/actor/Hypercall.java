package kprobesim.cpu.actor;

/**
 * A Java kernel service reached from machine code with {@code mov $NR,%eax; vmcall} (KVM
 * convention: arguments in rdi rsi rdx rcx r8 r9, the result goes to rax). Runs on the CPU's
 * actor thread in the middle of the guest's run.
 */
@FunctionalInterface
public interface Hypercall {
    long call(CpuContext ctx, long rdi, long rsi, long rdx, long rcx, long r8, long r9);
}
