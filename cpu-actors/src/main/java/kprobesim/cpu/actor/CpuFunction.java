package kprobesim.cpu.actor;

/**
 * Java code run on a CPU "in IPI context" (the body of an {@code smp_call_function}): on the CPU
 * actor's thread, at a slice boundary, with interrupts enabled in the guest. It may read and
 * write the core's registers and memory through the context, and start broadcasts of its own.
 */
@FunctionalInterface
public interface CpuFunction {
    void run(CpuContext ctx);
}
