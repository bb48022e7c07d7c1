/**
 * The hardware end of {@code panic}, {@code kernel_halt}, {@code kernel_restart} and
 * {@code kernel_power_off}: {@link kprobesim.kernel.machine.ActorMachineControl} implements
 * {@link kprobesim.kernel.notifier.MachineControl} over the CPU actors, and
 * {@link kprobesim.kernel.machine.KernelControlHypercalls} exposes the paths to machine code.
 *
 * <h2>Threading model</h2>
 * Stops are {@code Cpu.Halt} commands through the interconnect (taken at the CPU's next slice
 * boundary, or round boundary in deterministic mode, whatever IF is). Code running on a CPU
 * identifies itself with {@code ActorMachineControl.onCpu} (a thread-local for the duration of
 * the hypercall), so "the other CPUs" excludes it and its own halt takes effect right after the
 * {@code vmcall}. The outcome is a {@link java.util.concurrent.CompletableFuture} completed once.
 * No locks.
 */
package kprobesim.kernel.machine;
