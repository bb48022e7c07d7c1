/**
 * Linux's SMP cross-calls over the CPU actors: {@link kprobesim.cpu.smp.Smp}
 * ({@code smp_call_function}, {@code on_each_cpu}, {@code text_poke_sync}, TLB shootdown,
 * {@code stop_machine}) and {@link kprobesim.cpu.smp.IdtReload}, the IDT interception protocol of
 * seed 002. Every operation exists for Java callers (a {@link java.util.concurrent.CompletionStage})
 * and for code running on a CPU (a continuation run on that CPU once all acknowledgements, or the
 * timeout, arrived). The initiating CPU never blocks its thread and never runs guest code while it
 * waits.
 */
package kprobesim.cpu.smp;
