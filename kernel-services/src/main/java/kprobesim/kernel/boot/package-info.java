/**
 * Booting the simulated kernel on a {@link kprobesim.cpu.machine.Machine}.
 *
 * <p>Entry point: {@link kprobesim.kernel.boot.Kernel#boot(akka.actor.typed.ActorSystem, kprobesim.kernel.boot.BootConfig)}
 * builds the kernel image of the profile, maps it, writes the IDT (an interrupt gate per
 * {@link kprobesim.kernel.image.TrapVector}; DPL 3 for int3 and int $0x80), sets up the per-CPU
 * areas ({@link kprobesim.kernel.sched.PerCpu}) and one idle task per CPU (each CPU starts in
 * {@code cpu_idle} on its idle stack with GS = its per-CPU area), registers every kernel
 * hypercall service and routes all {@link kprobesim.kernel.image.Hypercall} numbers of the
 * machine's one actor-level hypercall table through the kernel's
 * {@link kprobesim.kernel.image.HypercallTable} (so {@code unhandled()} counts any call without a
 * service), and wires {@code ActorMachineControl}, {@code KernelSmp} and {@code TextPoker}.
 * Then {@code spawnUser}/{@code spawnKernelThread}, {@code start}, {@code awaitEnd}.
 *
 * <h2>Virtual time</h2>
 * One retired instruction is one nanosecond of the CPU that retired it (its TSC). The local
 * timer ticks every {@link kprobesim.kernel.boot.BootConfig#tickNs} ns (HZ = 1e9 / tickNs, 1000
 * by default); a CPU's jiffies are its TSC / tickNs, the {@code jiffies} variable is the largest.
 * A halted CPU's clock jumps to its next tick; in deterministic mode that idle time is charged to
 * the round's quantum (a small hook in {@code Cpu}), so every CPU advances about one quantum of
 * virtual time per round. printk stamps a record with the printing CPU's time (kept monotonic).
 * A CPU stops at its first tick at or after {@code runForNs} (or once only idle tasks are left,
 * with {@code stopWhenIdle}): it parks in {@code kprobesim_stop_cpu} (cli; hlt).
 *
 * <h2>Threading</h2>
 * Services run on the CPU actors' threads; the scheduler serialises itself with one lock. The
 * Java API ({@code spawn*}, queries) is thread-safe.
 */
package kprobesim.kernel.boot;
