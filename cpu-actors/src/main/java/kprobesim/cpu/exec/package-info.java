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
 * An instruction that straddles a page boundary is cached in its first page, which then also
 * watches the next page's write generation.
 * {@code HotPathAllocationTest} checks the rule on the four benchmark loops.
 *
 * <h2>Dispatch</h2>
 * Each decoded instruction gets a one-byte fast-path handler when it is cached
 * ({@code X86Core.handlerFor}: reg/reg and reg/imm add sub cmp xor and test, inc/dec, mov
 * forms, lea, jcc, jmp/call rel, ret, push/pop reg, nop); the run loop switches on it, and
 * everything else is dispatched on {@code Op} to the families. The host-CPU oracle exercises
 * both paths. Caches: a 256-entry direct-mapped TLB of {@code Page} references and a 256-page
 * direct-mapped decode cache, both indexed by a Fibonacci hash of the page number.
 *
 * <h2>Using a core (CLI, benchmarks, CPU actors)</h2>
 * <pre>{@code
 * PhysicalMemory mem = new PhysicalMemory();
 * mem.map(0x400000, code.length);  mem.load(0x400000, code);     // text
 * mem.map(0x7f0000, 0x10000);                                    // stack
 * X86Core cpu = new X86Core(mem);
 * cpu.setRip(0x400000);  cpu.setReg(Reg.RSP, 0x800000);  cpu.setRflags(0x202);
 * RunResult r = cpu.run(maxInstructions, 0x400000 + code.length); // or X86Core.NO_END
 * }</pre>
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
 * #PF error code (Intel SDM Vol. 3 §4.7): P = 0 (the page is not mapped), W for a store and for
 * the load of every read-modify-write instruction, locked or not (add/inc/xchg/cmpxchg/bts/shl
 * ... to memory, as the host CPU reports it), U when CPL is 3, I for an instruction fetch; CR2 is
 * the first unmapped byte (for a page-crossing access, the start of the second page). The
 * host-CPU oracle checks vector, error code, CR2, rip and registers of #DE #DB #BP #UD #GP #PF
 * against the signals a user process gets on the host.
 *
 * <h2>Delivery through the IDT</h2>
 * Delivering an exception (or an external interrupt) to the guest is a separate step the caller
 * takes after {@code run} stops: {@link kprobesim.cpu.exec.InterruptDelivery} reads the 16-byte
 * {@link kprobesim.cpu.exec.GateDescriptor} from the IDT in memory through the core's own
 * load/store path, pushes the 64-bit frame (switching to the {@link kprobesim.cpu.exec.TaskState}'s
 * RSP0 or an IST stack) and handles #DF and triple faults. The CPU actor does this after every
 * {@code EXCEPTION} stop; {@link kprobesim.cpu.exec.CoreAccess} holds the few hooks it needs.
 */
package kprobesim.cpu.exec;
