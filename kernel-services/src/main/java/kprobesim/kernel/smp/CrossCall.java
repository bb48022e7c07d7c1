package kprobesim.kernel.smp;

import kprobesim.cpu.actor.CpuContext;

/**
 * A kernel function that machine code may hand to {@code smp_call_function}, {@code on_each_cpu}
 * or {@code stop_machine} ({@code smp_call_func_t}: {@code void (*func)(void *info)}), written in
 * Java and registered at a kernel address with {@link KernelSmp#registerFunction}.
 * Runs on the target CPU's actor thread, in IPI context (or inside the stop_machine section).
 */
@FunctionalInterface
public interface CrossCall {
    void call(CpuContext ctx, long info);
}
