/**
 * The kernel's SMP cross-calls ({@code smp_call_function}, {@code on_each_cpu},
 * {@code stop_machine}) for Java kernel code (thin wrappers over {@link kprobesim.cpu.smp.Smp})
 * and for machine code (hypercalls whose function argument is a registered
 * {@link kprobesim.kernel.smp.CrossCall}).
 *
 * <h2>Threading model</h2>
 * Nothing blocks: Java callers get {@link java.util.concurrent.CompletionStage}s; a CPU making a
 * call with {@code wait} executes no guest code until the acknowledgements (or the SMP timeout)
 * while its actor keeps serving messages. Cross-call bodies run on the target CPU's actor thread.
 * No locks are taken here; the function registry is a concurrent map.
 */
package kprobesim.kernel.smp;
