/**
 * The x86-64 interpreter: {@link kprobesim.cpu.exec.X86Core} and its families of operations
 * ({@code AluOps}, {@code BitOps}, {@code DataOps}, {@code ShiftRotateOps}, {@code MulDivOps},
 * {@code StackOps}, {@code ControlFlowOps}, {@code SystemOps}, {@code StringOps}).
 *
 * <h2>Threading model</h2>
 * A core is owned by one thread at a time (its CPU actor); nothing in a core is thread-safe, and
 * a core must be handed between threads only through a happens-before edge (an actor message
 * does that). Cores share two things: memory ({@link kprobesim.cpu.memory.PhysicalMemory}; see
 * the memory package for its consistency model and atomics) and the decoded instructions of each
 * physical page ({@code DecodedPage}, published racily on purpose; its "Assumptions and
 * Guarantees" say why that is safe). The TLB is per core and never touched by another thread:
 * a TLB shootdown is a message to the owning actor, which then calls
 * {@link kprobesim.cpu.exec.X86Core#invlpg} or {@link kprobesim.cpu.exec.X86Core#flushTlb}.
 *
 * <h2>Paging</h2>
 * CR3 = 0: flat identity (paging off). CR3 != 0: 4-level paging of the lower half with
 * P/W/U/XD checks, A/D updates and exact #PF error codes; the upper half is identity-mapped for
 * ring 0 only; non-canonical addresses raise #GP(0). The rules, the PTE layout and the TLB
 * semantics (stale entries until {@code invlpg}) are in {@code PAGING.md} next to this package's
 * sources.
 *
 * <h2>Hot path rule</h2>
 * {@link kprobesim.cpu.exec.X86Core#run} allocates nothing per instruction when the instruction
 * is in the decode cache, its memory operands are mapped and no exception occurs: decoded
 * instructions are immutable and cached per page, guest exceptions unwind to the run loop with
 * one preallocated {@code GuestFault}, the TLB is three arrays and a TLB hit checks the access
 * rights with one byte. Allocation happens only on a decode-cache miss (decoding, and a new
 * shared {@code DecodedPage} when a page is first executed at a virtual address or was written),
 * a TLB miss (the walk boxes page numbers in the physical-memory map), and once per {@code run}
 * call for its {@link kprobesim.cpu.exec.RunResult} (and the
 * {@link kprobesim.cpu.exec.CpuException} if any). An instruction that straddles a page boundary
 * is not cached: it is decoded (and allocated) each time it runs.
 * {@code HotPathAllocationTest} checks the rule on the four benchmark loops.
 *
 * <h2>Dispatch</h2>
 * Each decoded instruction gets a one-byte fast-path handler when it is cached
 * ({@code X86Core.handlerFor}: reg/reg and reg/imm add sub cmp xor and test, inc/dec, mov
 * forms, lea, jcc, jmp/call rel, ret, push/pop reg, nop); the run loop switches on it, and
 * everything else is dispatched on {@code Op} to the families. The host-CPU oracle exercises
 * both paths. Caches: a 256-entry direct-mapped TLB per core (virtual page → {@code Page} +
 * rights) indexed by a Fibonacci hash of the page number, and the decoded pages shared by all
 * cores, found through the physical {@code Page} (no per-core decode cache: an idle core holds
 * about 4 KB, {@code ScaleProbe} measures it).
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
 * #PF error code (Intel SDM Vol. 3 §4.7): P = 0 for a page that is not present, 1 for a denied
 * access to a present one; W for a store and for
 * the load of every read-modify-write instruction, locked or not (add/inc/xchg/cmpxchg/bts/shl
 * ... to memory, as the host CPU reports it), U when CPL is 3, RSVD for a reserved bit, I for an
 * instruction fetch; CR2 is the first byte that cannot be accessed (for a page-crossing access,
 * the start of the second page). The
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
