/**
 * The CPUs as actors: {@link kprobesim.cpu.actor.Cpu} (one per simulated CPU), the deterministic
 * {@link kprobesim.cpu.actor.Clock}, the {@link kprobesim.cpu.actor.ExclusiveCoordinator} of
 * parallel mode, and the {@link kprobesim.cpu.actor.Interconnect} through which everything reaches
 * a CPU.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>A CPU's {@link kprobesim.cpu.exec.X86Core}, TSS, pending interrupts and status are touched
 *       only by its actor. Java code that must touch them ({@link kprobesim.cpu.actor.CpuFunction},
 *       {@link kprobesim.cpu.actor.Hypercall}) runs on that actor, through a
 *       {@link kprobesim.cpu.actor.CpuContext} valid only during the call.</li>
 *   <li>Physical memory is shared by every CPU (see the memory package for its x86-TSO-like
 *       model). The {@link kprobesim.cpu.actor.Board} holds the rest of the shared state, all of it
 *       atomic: online mask, the IDT a CPU loads when it comes online, the page allocator.</li>
 *   <li>A CPU handles messages only between slices: interrupts, IPIs, IDT loads, SyncCore, TLB
 *       flushes and hotplug take effect at instruction boundaries. IPI-type requests run only with
 *       IF=1 (NMI and management commands do not wait for IF).</li>
 *   <li>A CPU that waits for a broadcast it started executes no guest code but keeps handling
 *       messages, so two CPUs broadcasting at each other cannot deadlock (a CPU with IF=0 can only
 *       time out its peers, as on Linux).</li>
 * </ul>
 *
 * <h2>Deterministic-mode routing rule</h2>
 * In deterministic mode every command to a CPU, from another CPU or from Java, goes through the
 * {@link kprobesim.cpu.actor.ClockInterconnect}: it is posted to the clock and handed to the CPU
 * inside its next {@code RunQuantum}, at a round boundary. CPUs run one at a time in a seeded
 * order, so the execution depends only on the program, the configuration and the seed. Replies to
 * Java ({@link kprobesim.cpu.actor.Reply.ToActor}) go straight to their actor: they cannot
 * influence the simulation. Timeouts count rounds, not milliseconds.
 *
 * <h2>Local only</h2>
 * CPU commands carry Java functions and continuations, so they are not
 * {@code CborSerializable}: a machine lives in one JVM (cluster sweeps distribute whole runs).
 *
 * <h2>Parallel mode</h2>
 * CPUs run slices concurrently on {@code kprobesim.cpu-dispatcher} (a fair FIFO thread pool sized
 * to the host's cores, throughput 1), each CPU re-scheduling itself with a private {@code Slice}
 * tick. Commands go straight to the CPU ({@link kprobesim.cpu.actor.DirectInterconnect}) and are
 * counted in {@link kprobesim.cpu.actor.Quiescence} until handled, so "every CPU is idle" is never
 * declared while an IPI is still in a mailbox. Timeouts are Akka timers (wall clock).
 */
package kprobesim.cpu.actor;
