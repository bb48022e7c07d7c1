/**
 * The x86-64 interpreter: {@link kprobesim.cpu.exec.X86Core} and its families of operations
 * ({@code AluOps}, {@code BitOps}, {@code DataOps}, {@code ShiftRotateOps}, {@code MulDivOps},
 * {@code StackOps}, {@code ControlFlowOps}, {@code SystemOps}, {@code StringOps}).
 *
 * <h2>Threading model</h2>
 * A core is owned by one thread at a time (its CPU actor); nothing in a core is thread-safe, and
 * a core must be handed between threads only through a happens-before edge (an actor message
 * does that). Memory ({@link kprobesim.cpu.memory.PhysicalMemory}) is the only state cores share;
 * see the memory package for its consistency model and atomics.
 *
 * <h2>Hot path rule</h2>
 * {@link kprobesim.cpu.exec.X86Core#run} allocates nothing per instruction when the instruction
 * is in the decode cache, its memory operands are mapped and no exception occurs: decoded
 * instructions are immutable and cached per page, guest exceptions unwind to the run loop with
 * one preallocated {@code GuestFault}, the TLB and decode cache are arrays. Allocation happens
 * only on a decode-cache miss (decoding), a TLB miss, and once per {@code run} call for its
 * {@link kprobesim.cpu.exec.RunResult} (and the {@link kprobesim.cpu.exec.CpuException} if any).
 * An instruction that straddles a page boundary is not cached and is decoded on every execution.
 *
 * <h2>Flags</h2>
 * Status flags are lazy (see {@code X86Core}); {@code LazyFlagsPropertyTest} checks the lazy
 * evaluation against an eager reference. Undefined flags are documented in {@code FLAGS.md}
 * next to this package's sources.
 *
 * <h2>Exceptions</h2>
 * A guest exception never becomes a Java exception for the caller: {@code run} returns
 * {@code EXCEPTION} with the vector, error code and address. Faults (#DE, #UD, #GP, #PF) leave
 * rip at the faulting instruction with its architectural effects undone (stores happen last,
 * rsp moves after the push store); traps (#BP, #DB, int n) leave rip after the instruction.
 */
package kprobesim.cpu.exec;
