package kprobesim.kernel.task;

/** A task's kernel stack: {@code [base, top)} in simulated memory; pt_regs sit just below top. */
public record KernelStack(long base, long top) {}
