package kprobesim.kernel.notifier;

/**
 * {@code struct die_args}, the {@code data} of every die-chain call.
 *
 * @param regs   address of the trap's {@code pt_regs} frame in simulated memory (0 if none);
 *               a callback that changes {@code regs->ip} there changes where execution resumes
 * @param str    what happened, e.g. "int3", "debug", "general protection fault"
 * @param err    the error code (for DIE_DEBUG Linux passes a pointer to dr6 here)
 * @param trapnr the exception vector, e.g. 3 for int3
 * @param signr  the signal a user task would get, e.g. SIGTRAP (5)
 */
public record DieArgs(long regs, String str, long err, int trapnr, int signr) {}
