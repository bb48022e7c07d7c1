package kprobesim.cpu.exec;

import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.TF;
import static kprobesim.cpu.isa.Flags.ZF;

import java.util.Arrays;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.isa.Cond;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableEntry;

/**
 * One simulated x86-64 CPU core: register file, lazily evaluated RFLAGS, control registers,
 * IDTR, an MMU (4-level paging when CR3 != 0, with a per-core TLB of {@link Page} references and
 * rights; {@code PAGING.md}), and access to the decoded instructions shared by all cores
 * ({@link DecodedPage}, keyed by physical page and virtual page).
 *
 * <p>Owned by one thread at a time (later: its CPU actor); not thread-safe. Memory is shared
 * with the other cores through {@link PhysicalMemory}. {@link #run} allocates nothing on its hot
 * path (decode-cache hit, register and in-page memory operands, no exception).
 *
 * <h2>Lazy flags</h2>
 * Arithmetic ops record {@code (kind, width, a, b, result)} instead of computing the status flags;
 * {@link #lazyMask} says which status bits are owed by that record, the rest live in
 * {@link #flags}. Jcc/SETcc/CMOVcc read single flags straight from the record; the full RFLAGS is
 * materialised only at boundaries ({@link #rflags()}, pushf, exception stop).
 */
public final class X86Core {
    /** Pass as {@code endRip} to {@link #run} to run without an end address. */
    public static final long NO_END = -1L;

    /** Lazy-flag record kinds: a+b(+cin), a-b(-borrow), logic (result only). */
    static final int K_ADD = 0, K_SUB = 1, K_LOGIC = 2;

    /**
     * Fast-path handlers, chosen once per decoded instruction ({@link #handlerFor}) so the hot
     * loop switches on a dense byte instead of re-examining the op and operand kinds. Everything
     * else goes through {@link #execute} and the op families.
     */
    static final byte H_GENERIC = 0, H_ADD_RR = 1, H_ADD_RI = 2, H_SUB_RR = 3, H_SUB_RI = 4, H_CMP_RR = 5,
            H_CMP_RI = 6, H_XOR_RR = 7, H_AND_RR = 8, H_TEST_RR = 9, H_INC_R = 10, H_DEC_R = 11, H_MOV_RR = 12,
            H_MOV_RI = 13, H_MOV_LOAD = 14, H_MOV_STORE = 15, H_LEA = 16, H_JCC = 17, H_JMP_REL = 18,
            H_CALL_REL = 19, H_RET = 20, H_PUSH_R = 21, H_POP_R = 22, H_NOP = 23;

    /** TLB: direct-mapped, 256 entries, indexed by {@link #slot}. */
    private static final int TLB_SIZE = 256;

    /**
     * Access kinds, which are also the TLB permission bits of ring 0; ring 3's bits are the same
     * shifted left by {@link #USER_SHIFT}. A TLB entry grants an access iff its bit is set.
     */
    static final int ACC_READ = 1, ACC_WRITE = 2, ACC_FETCH = 4;
    static final int USER_SHIFT = 3;
    /** Permissions without paging (CR3 = 0): everything, in every ring. */
    private static final int PERM_FLAT = 0x3f;
    /** Permissions of the identity-mapped upper (kernel) half under paging: ring 0 only. */
    private static final int PERM_KERNEL_HALF = ACC_READ | ACC_WRITE | ACC_FETCH;
    /** CR0.WP: supervisor writes honour read-only pages (Intel SDM Vol. 3 §2.5). */
    static final long CR0_WP = 1L << 16;

    /**
     * Cache slot of page number {@code pn}: Fibonacci hashing of all its bits, so that user pages
     * (0x400000) and kernel pages (0xffffffff81000000), equal in their low bits, do not collide.
     */
    private static int slot(long pn) {
        return (int) ((pn * 0x9E3779B97F4A7C15L) >>> 56);
    }

    final PhysicalMemory mem;
    private final InstructionDecoder decoder;
    final GuestFault fault = new GuestFault();

    // ---- architectural state; written only by the owning thread
    /** General-purpose registers in encoding order (rax rcx rdx rbx rsp rbp rsi rdi r8..r15). */
    final long[] r = new long[16];
    /** Address of the instruction being executed (or the next one to execute between instructions). */
    long rip;
    /** Address of the next instruction; branch ops overwrite it. */
    long nextRip;
    /** Eager RFLAGS bits; status bits in {@link #lazyMask} are stale. */
    long flags = Flags.RESERVED1;
    int lazyMask;
    int lfKind;
    int lfBits;
    long lfA, lfB, lfR;

    long cr0 = 0x80050033L, cr2, cr3, cr4 = 0x20L, cr8;
    long idtBase;
    int idtLimit = 0xffff;
    int cpl;
    long cs = 0x10, ss = 0x18;
    long fsBase, gsBase;
    /** Retired instructions since creation; also the virtual time stamp counter read by rdtsc. */
    long tsc;
    HypercallHandler hypercallHandler;
    /** Set by hlt to end the run after the instruction retires. */
    boolean halted;

    // ---- TLB and fetch state; written only by the owning thread
    /** Virtual page number cached in each TLB slot, or -1. */
    private final long[] tlbTag = new long[TLB_SIZE];
    /** The physical page each TLB slot translates to. */
    private final Page[] tlbPage = new Page[TLB_SIZE];
    /** Access bits ({@link #ACC_READ}...) each TLB slot grants; write bits only once D is set. */
    private final byte[] tlbPerm = new byte[TLB_SIZE];
    /**
     * The shared decoded page the last fetch used (an instruction TLB of one entry): null after
     * anything that may change what a fetch translates to (TLB flush, invlpg, CPL change).
     */
    private DecodedPage cur;
    /** This core uses only decoded pages created at or after this epoch (see {@link DecodedPage}). */
    private long syncEpoch;
    /**
     * True once a TLB entry came from a 2 MiB or 1 GiB page. The TLB holds 4 KiB pieces of
     * large pages, so invlpg, which must drop the whole large page, flushes everything then
     * (the SDM allows invalidating more than asked, §4.10.4.1).
     */
    private boolean tlbHasLargePages;
    private final byte[] spill = new byte[32];

    /** Creates a core in ring 0 with all registers zero, using the standard {@link Decoder}. */
    public X86Core(PhysicalMemory mem) {
        this(mem, Decoder::decode);
    }

    public X86Core(PhysicalMemory mem, InstructionDecoder decoder) {
        if (mem == null || decoder == null) {
            throw new IllegalArgumentException("mem=" + mem + " decoder=" + decoder);
        }
        this.mem = mem;
        this.decoder = decoder;
        Arrays.fill(tlbTag, -1L);
    }

    // =====================================================================================
    // public API

    public PhysicalMemory memory() {
        return mem;
    }

    /** Full 64-bit register {@code reg} (0..15, {@link Reg#RAX}...). */
    public long reg(int reg) {
        return r[reg];
    }

    public void setReg(int reg, long v) {
        r[reg] = v;
    }

    public long rip() {
        return rip;
    }

    public void setRip(long v) {
        rip = v;
    }

    /** RFLAGS, materialised (bit 1 always set). */
    public long rflags() {
        long f = flags;
        int m = lazyMask;
        if (m != 0) {
            f = (f & ~m) | (lazyFlags() & m);
        }
        return f | Flags.RESERVED1;
    }

    /** Sets RFLAGS (bit 1 forced to 1); status flags become eager. */
    public void setRflags(long v) {
        flags = v | Flags.RESERVED1;
        lazyMask = 0;
    }

    public int cpl() { return cpl; }
    public void setCpl(int cpl) {
        if (cpl < 0 || cpl > 3) {
            throw new IllegalArgumentException("cpl=" + cpl);
        }
        this.cpl = cpl;
        cur = null;
    }
    public long cr0() { return cr0; }
    public long cr2() { return cr2; }
    public long cr3() { return cr3; }
    public long cr4() { return cr4; }
    public void setCr2(long v) { cr2 = v; }
    /** Loads CR3 (0 = no paging, flat identity map) and flushes the TLB, as a mov to CR3 does. */
    public void setCr3(long v) { cr3 = v; flushTlb(); }
    /** Loads CR0 (WP = bit 16 is the only bit the MMU reads) and flushes the TLB. */
    public void setCr0(long v) { cr0 = v; flushTlb(); }
    public long idtBase() { return idtBase; }
    public int idtLimit() { return idtLimit; }
    public void setIdtr(long base, int limit) { idtBase = base; idtLimit = limit & 0xffff; }
    public long fsBase() { return fsBase; }
    public long gsBase() { return gsBase; }
    public void setFsBase(long v) { fsBase = v; }
    public void setGsBase(long v) { gsBase = v; }
    /** Virtual time: instructions retired since creation (what rdtsc returns). */
    public long tsc() { return tsc; }
    public void setTsc(long v) { tsc = v; }

    /** Registers the vmcall target; null makes vmcall raise #UD. */
    public void setHypercallHandler(HypercallHandler h) {
        hypercallHandler = h;
    }

    /**
     * SyncCore after text was patched: from now on this core uses no instruction decoded before
     * this call (it decodes afresh, and shares the fresh decodes with other cores). Safe from a
     * hypercall in the middle of {@link #run}.
     */
    public void flushDecodeCache() {
        syncEpoch = DecodedPage.nextSyncEpoch();
        cur = null;
    }

    /** Drops every TLB entry (a CR3 or CR0 write; a TLB shootdown of a whole address space). */
    public void flushTlb() {
        Arrays.fill(tlbTag, -1L);
        Arrays.fill(tlbPage, null);
        tlbHasLargePages = false;
        cur = null;
    }

    /**
     * Drops the TLB entry of the page holding {@code linear} ({@code invlpg}; the single-page TLB
     * shootdown). Until then the core may keep using a translation whose PTE has changed.
     */
    public void invlpg(long linear) {
        if (tlbHasLargePages) {
            flushTlb();
            return;
        }
        int i = slot(linear >>> Page.SHIFT);
        tlbTag[i] = -1L;
        tlbPage[i] = null;
        cur = null;
    }

    /**
     * Where a guest access at {@code linear} would go on this core now, for Java kernel services
     * (copy_from_user-like hypercalls): the physical address, or -1 if the access would fault
     * (#PF or #GP; CR2 is not touched). Uses and fills this core's TLB and sets A/D bits exactly
     * like the guest access would, and judges rights with the current CPL.
     */
    public long physicalAddress(long linear, boolean write) {
        GuestFault f = fault;
        int vector = f.vector, errorCode = f.errorCode;
        long address = f.address;
        boolean trap = f.trap;
        try {
            return page(linear, write ? ACC_WRITE : ACC_READ).base + (linear & Page.MASK);
        } catch (GuestFault e) {
            f.set(vector, errorCode, address, trap); // leave the record of the run's last exception intact
            return -1;
        }
    }

    /** Forgets the fetch translation after a CPL change made by an instruction (iretq). */
    void privilegeChanged() {
        cur = null;
    }

    /**
     * Executes instructions from {@link #rip()} until hlt, {@code rip == endRip}, {@code maxInstructions}
     * retired instructions, or a guest exception. Allocation-free except for the result and,
     * on a miss, decoding.
     */
    public RunResult run(long maxInstructions, long endRip) {
        final long start = tsc;
        final long limit = maxInstructions > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + maxInstructions;
        halted = false;
        // Fetch translates afresh on every call: CPL, CR3 or the TLB may have changed in between.
        DecodedPage d = null;
        try {
            while (true) {
                final long pc = rip;
                if (pc == endRip) {
                    return new RunResult(RunResult.Stop.END, tsc - start, null);
                }
                if (tsc >= limit) {
                    return new RunResult(RunResult.Stop.LIMIT, tsc - start, null);
                }
                // fetch: decoded-instruction cache of the current code page
                if (d == null || d.vpn != (pc >>> Page.SHIFT) || !d.isCurrent()) {
                    d = decodedPage(pc);
                }
                final int off = (int) pc & Page.MASK;
                Instruction in = d.slots[off];
                if (in == null) {
                    in = decode(d, off, pc);
                }
                final boolean singleStep = (flags & TF) != 0;
                nextRip = pc + in.length;
                final byte handler = d.handlers[off];
                switch (handler) {
                    case H_ADD_RR: {
                        int sz = in.size0;
                        long a = getReg(in.reg0, sz);
                        long b = getReg(in.reg1, sz);
                        long res = (a + b) & mask(sz);
                        setLazy(K_ADD, sz, a, b, res, Flags.STATUS);
                        setReg(in.reg0, sz, res);
                        break;
                    }
                    case H_ADD_RI: {
                        int sz = in.size0;
                        long m = mask(sz);
                        long a = getReg(in.reg0, sz);
                        long b = in.imm & m;
                        long res = (a + b) & m;
                        setLazy(K_ADD, sz, a, b, res, Flags.STATUS);
                        setReg(in.reg0, sz, res);
                        break;
                    }
                    case H_SUB_RR:
                    case H_CMP_RR: {
                        int sz = in.size0;
                        long a = getReg(in.reg0, sz);
                        long b = getReg(in.reg1, sz);
                        long res = (a - b) & mask(sz);
                        setLazy(K_SUB, sz, a, b, res, Flags.STATUS);
                        if (handler == H_SUB_RR) {
                            setReg(in.reg0, sz, res);
                        }
                        break;
                    }
                    case H_SUB_RI:
                    case H_CMP_RI: {
                        int sz = in.size0;
                        long m = mask(sz);
                        long a = getReg(in.reg0, sz);
                        long b = in.imm & m;
                        long res = (a - b) & m;
                        setLazy(K_SUB, sz, a, b, res, Flags.STATUS);
                        if (handler == H_SUB_RI) {
                            setReg(in.reg0, sz, res);
                        }
                        break;
                    }
                    case H_XOR_RR: {
                        int sz = in.size0;
                        long res = getReg(in.reg0, sz) ^ getReg(in.reg1, sz);
                        setLazy(K_LOGIC, sz, 0, 0, res, Flags.STATUS);
                        setReg(in.reg0, sz, res);
                        break;
                    }
                    case H_AND_RR:
                    case H_TEST_RR: {
                        int sz = in.size0;
                        long res = getReg(in.reg0, sz) & getReg(in.reg1, sz);
                        setLazy(K_LOGIC, sz, 0, 0, res, Flags.STATUS);
                        if (handler == H_AND_RR) {
                            setReg(in.reg0, sz, res);
                        }
                        break;
                    }
                    case H_INC_R:
                    case H_DEC_R: {
                        int sz = in.size0;
                        long a = getReg(in.reg0, sz);
                        boolean inc = handler == H_INC_R;
                        long res = (inc ? a + 1 : a - 1) & mask(sz);
                        setLazy(inc ? K_ADD : K_SUB, sz, a, 1, res, Flags.STATUS & ~Flags.CF);
                        setReg(in.reg0, sz, res);
                        break;
                    }
                    case H_MOV_RR:
                        setReg(in.reg0, in.size0, getReg(in.reg1, in.size0));
                        break;
                    case H_MOV_RI:
                        setReg(in.reg0, in.size0, in.imm);
                        break;
                    case H_MOV_LOAD:
                        setReg(in.reg0, in.size0, load(ea(in), in.size0));
                        break;
                    case H_MOV_STORE:
                        store(ea(in), in.size0, getReg(in.reg1, in.size0));
                        break;
                    case H_LEA:
                        setReg(in.reg0, in.size0, ea(in));
                        break;
                    case H_JCC:
                        if (cond(in.cond)) {
                            nextRip = in.target;
                        }
                        break;
                    case H_JMP_REL:
                        nextRip = in.target;
                        break;
                    case H_CALL_REL: {
                        long sp = r[Reg.RSP] - 8;
                        store(sp, 8, nextRip);
                        r[Reg.RSP] = sp;
                        nextRip = in.target;
                        break;
                    }
                    case H_RET: {
                        long sp = r[Reg.RSP];
                        nextRip = load(sp, 8);
                        r[Reg.RSP] = sp + 8;
                        break;
                    }
                    case H_PUSH_R: {
                        long v = r[in.reg0];
                        long sp = r[Reg.RSP] - 8;
                        store(sp, 8, v);
                        r[Reg.RSP] = sp;
                        break;
                    }
                    case H_POP_R: {
                        long sp = r[Reg.RSP];
                        long v = load(sp, 8);
                        r[Reg.RSP] = sp + 8;
                        r[in.reg0] = v;
                        break;
                    }
                    case H_NOP:
                        break;
                    default:
                        execute(in);
                        d = cur; // null if the instruction changed CR3, CR0, CPL or the TLB
                        break;
                }
                rip = nextRip;
                tsc++;
                if (singleStep) {
                    // Intel SDM Vol. 3 §17.3.1.4: the single-step trap follows the instruction
                    // that began with TF set (so popf that sets TF traps only after the next one).
                    CpuException e = new CpuException(CpuException.DB, 0, 0);
                    return new RunResult(RunResult.Stop.EXCEPTION, tsc - start, e);
                }
                if (halted) {
                    return new RunResult(RunResult.Stop.HLT, tsc - start, null);
                }
            }
        } catch (GuestFault f) {
            if (f.trap) {
                rip = nextRip;
                tsc++;
            }
            if (f.vector == CpuException.PF) {
                cr2 = f.address;
            }
            return new RunResult(RunResult.Stop.EXCEPTION, tsc - start,
                    new CpuException(f.vector, f.errorCode, f.address));
        }
    }

    // =====================================================================================
    // dispatch

    private void execute(Instruction in) {
        if (in.prefixes != 0 && (in.prefixes & Instruction.LOCK) != 0) {
            checkLock(in);
        }
        switch (in.op) {
            case ADD, ADC, SUB, SBB, CMP, AND, OR, XOR, TEST -> AluOps.binary(this, in);
            case INC, DEC, NEG, NOT -> AluOps.unary(this, in);
            case XADD -> AluOps.xadd(this, in);
            case CMPXCHG -> AluOps.cmpxchg(this, in);
            case BT, BTS, BTR -> BitOps.bitTest(this, in);
            case MOV -> DataOps.mov(this, in);
            case MOVZX, MOVSX, MOVSXD -> DataOps.extend(this, in);
            case LEA -> DataOps.lea(this, in);
            case XCHG -> DataOps.xchg(this, in);
            case CMOVCC -> DataOps.cmov(this, in);
            case SETCC -> DataOps.setcc(this, in);
            case BSWAP -> DataOps.bswap(this, in);
            case CBW -> DataOps.cbw(this, in);
            case CWD -> DataOps.cwd(this, in);
            case SHL, SHR, SAR, ROL, ROR -> ShiftRotateOps.shift(this, in);
            case MUL, IMUL -> MulDivOps.mul(this, in);
            case DIV, IDIV -> MulDivOps.div(this, in);
            case PUSH -> StackOps.push(this, in);
            case POP -> StackOps.pop(this, in);
            case PUSHF -> StackOps.pushf(this, in);
            case POPF -> StackOps.popf(this, in);
            case LEAVE -> StackOps.leave(this, in);
            case JMP -> ControlFlowOps.jmp(this, in);
            case JCC -> {
                if (cond(in.cond)) {
                    nextRip = in.target;
                }
            }
            case CALL -> ControlFlowOps.call(this, in);
            case RET -> ControlFlowOps.ret(this, in);
            case INT3 -> throw fault.set(CpuException.BP, 0, 0, true);
            case INT -> throw fault.set((int) in.imm & 0xff, 0, 0, true);
            case IRET -> ControlFlowOps.iret(this, in);
            case HLT -> SystemOps.hlt(this, in);
            case NOP, PAUSE -> { }
            case UD2, BAD -> throw ud();
            case VMCALL -> SystemOps.vmcall(this, in);
            case CLC, STC, CMC, CLD, STD, CLI, STI -> SystemOps.flagOp(this, in);
            case MFENCE, LFENCE, SFENCE -> SystemOps.fence(this, in);
            case LIDT, SIDT -> SystemOps.idt(this, in);
            case MOVCR -> SystemOps.movCr(this, in);
            case INVLPG -> SystemOps.invlpg(this, in);
            case RDTSC -> SystemOps.rdtsc(this, in);
            case CPUID -> SystemOps.cpuid(this, in);
            case MOVS, STOS -> StringOps.string(this, in);
            default -> throw ud();
        }
    }

    /** Intel SDM Vol. 2 "LOCK": only the listed read-modify-write ops with a memory destination. */
    private void checkLock(Instruction in) {
        if (in.kind0 != Instruction.MEM) {
            throw ud();
        }
        switch (in.op) {
            case ADD, ADC, SUB, SBB, AND, OR, XOR, INC, DEC, NEG, NOT, XADD, CMPXCHG, XCHG, BTS, BTR -> { }
            default -> throw ud();
        }
    }

    // =====================================================================================
    // faults

    GuestFault ud() {
        return fault.set(CpuException.UD, 0, 0, false);
    }

    GuestFault gp(int error) {
        return fault.set(CpuException.GP, error, 0, false);
    }

    GuestFault de() {
        return fault.set(CpuException.DE, 0, 0, false);
    }

    /** #GP(0) unless in ring 0 (privileged instructions). */
    void requireRing0() {
        if (cpl != 0) {
            throw gp(0);
        }
    }

    private GuestFault pf(long addr, int err) {
        if (cpl == 3) {
            err |= CpuException.PF_USER;
        }
        return fault.set(CpuException.PF, err, addr, false);
    }

    // =====================================================================================
    // instruction fetch and the decoded-instruction cache

    /** The fast-path handler for {@code in}, or {@link #H_GENERIC}. Prefixed forms stay generic. */
    static byte handlerFor(Instruction in) {
        if ((in.prefixes & (Instruction.LOCK | Instruction.REP | Instruction.REPNE)) != 0) {
            return H_GENERIC;
        }
        boolean rr = in.kind0 == Instruction.REG && in.kind1 == Instruction.REG && in.kind2 == Instruction.NONE;
        boolean ri = in.kind0 == Instruction.REG && in.kind1 == Instruction.IMM && in.kind2 == Instruction.NONE;
        switch (in.op) {
            case ADD: return rr ? H_ADD_RR : ri ? H_ADD_RI : H_GENERIC;
            case SUB: return rr ? H_SUB_RR : ri ? H_SUB_RI : H_GENERIC;
            case CMP: return rr ? H_CMP_RR : ri ? H_CMP_RI : H_GENERIC;
            case XOR: return rr ? H_XOR_RR : H_GENERIC;
            case AND: return rr ? H_AND_RR : H_GENERIC;
            case TEST: return rr ? H_TEST_RR : H_GENERIC;
            case INC: return in.kind0 == Instruction.REG ? H_INC_R : H_GENERIC;
            case DEC: return in.kind0 == Instruction.REG ? H_DEC_R : H_GENERIC;
            case MOV:
                if (rr) {
                    return H_MOV_RR;
                }
                if (ri) {
                    return H_MOV_RI;
                }
                if (in.kind0 == Instruction.REG && in.kind1 == Instruction.MEM) {
                    return H_MOV_LOAD;
                }
                if (in.kind0 == Instruction.MEM && in.kind1 == Instruction.REG) {
                    return H_MOV_STORE;
                }
                return H_GENERIC;
            case LEA: return H_LEA;
            case JCC: return H_JCC;
            case JMP: return in.kind0 == Instruction.REL ? H_JMP_REL : H_GENERIC;
            case CALL: return in.kind0 == Instruction.REL ? H_CALL_REL : H_GENERIC;
            case RET: return in.kind0 == Instruction.NONE ? H_RET : H_GENERIC;
            case PUSH: return in.kind0 == Instruction.REG && in.opSize == 8 ? H_PUSH_R : H_GENERIC;
            case POP: return in.kind0 == Instruction.REG && in.opSize == 8 ? H_POP_R : H_GENERIC;
            case NOP: return H_NOP;
            default: return H_GENERIC;
        }
    }

    /**
     * The shared decoded page for a fetch at {@code pc}: translates with fetch rights (#PF with
     * I, or #GP for a non-canonical address) and finds or builds the record of the physical page
     * at this virtual page.
     */
    private DecodedPage decodedPage(long pc) {
        Page p = page(pc, ACC_FETCH);
        DecodedPage d = DecodedPage.of(p, pc >>> Page.SHIFT, syncEpoch);
        cur = d;
        return d;
    }

    private Instruction decode(DecodedPage d, int off, long addr) {
        byte[] bytes = d.page.codeBytes();
        Instruction in = decoder.decode(bytes, off, Page.SIZE - off, addr);
        if (in != null) {
            d.handlers[off] = handlerFor(in); // before the slot: see DecodedPage
            d.slots[off] = in;
            return in;
        }
        // The instruction crosses into the next page: decode it from a spill buffer every time it
        // runs. It is not cached, because its bytes depend on the next page's translation, which
        // is not part of the record's key (and such instructions are rare).
        int first = Page.SIZE - off;
        long nextAddr = addr + first;
        Page next = page(nextAddr, ACC_FETCH);
        System.arraycopy(bytes, off, spill, 0, first);
        System.arraycopy(next.codeBytes(), 0, spill, first, 15);
        in = decoder.decode(spill, 0, first + 15, addr);
        if (in == null) {
            throw ud();
        }
        return in;
    }

    // =====================================================================================
    // data memory: the TLB and the MMU (PAGING.md)

    /** The access bits {@code access} needs at the current privilege level. */
    private int need(int access) {
        return cpl == 3 ? access << USER_SHIFT : access;
    }

    /**
     * The physical page holding linear address {@code addr} for an access of kind
     * {@code access} ({@link #ACC_READ}, {@link #ACC_WRITE}, {@link #ACC_FETCH}); #PF or #GP
     * if the access is not allowed. Hot path: one TLB probe.
     */
    private Page page(long addr, int access) {
        long pn = addr >>> Page.SHIFT;
        int i = slot(pn);
        if (tlbTag[i] == pn && (tlbPerm[i] & need(access)) != 0) {
            return tlbPage[i];
        }
        return tlbMiss(addr, access, i);
    }

    /**
     * Translates {@code addr} without the TLB and refills slot {@code i}. An entry that matched
     * but lacked the right (a clean page being written, or a real protection fault) is dropped
     * first and walked again, as a CPU invalidates the entry of a faulting address.
     */
    private Page tlbMiss(long addr, int access, int i) {
        tlbTag[i] = -1L;
        tlbPage[i] = null;
        int err = access == ACC_WRITE ? CpuException.PF_WRITE : access == ACC_FETCH ? CpuException.PF_FETCH : 0;
        Page p;
        int perm;
        if (cr3 == 0) {
            p = mem.page(addr);
            perm = PERM_FLAT;
        } else if (!PageTableEntry.isCanonical(addr)) {
            throw gp(0);
        } else if (addr < 0) {
            if (cpl == 3) {
                throw pf(addr, err | CpuException.PF_PRESENT);
            }
            p = mem.page(addr);
            perm = PERM_KERNEL_HALF;
        } else {
            long w = PageWalker.walk(mem, cr3, addr, access, cpl == 3, (cr0 & CR0_WP) != 0);
            if (w < 0) {
                throw pf(addr, err | ((int) w & (CpuException.PF_PRESENT | CpuException.PF_RSVD)));
            }
            p = mem.page(w & PageTableEntry.ADDRESS_MASK);
            perm = (int) w & PERM_FLAT;
            if ((w & PageWalker.LARGE) != 0) {
                tlbHasLargePages = true;
            }
        }
        if (p == null) {
            throw pf(addr, err); // no physical memory behind the address: not present
        }
        tlbTag[i] = addr >>> Page.SHIFT;
        tlbPage[i] = p;
        tlbPerm[i] = (byte) perm;
        return p;
    }

    /** Loads {@code size} bytes, zero-extended; #PF (read) if unmapped. */
    long load(long addr, int size) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            return page(addr, ACC_READ).get(off, size);
        }
        return loadSplit(addr, size, ACC_READ);
    }

    /**
     * The load of a read-modify-write (add/inc/xchg/cmpxchg/bts/shl... to memory, locked or
     * not): like {@link #load} but a #PF reports a write access, as the host CPU does.
     */
    long loadForWrite(long addr, int size) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            return page(addr, ACC_WRITE).get(off, size);
        }
        return loadSplit(addr, size, ACC_WRITE);
    }

    /** First byte of the page holding the last byte of an access: the CR2 of a split-access #PF. */
    private static long lastPage(long addr, int size) {
        return (addr + size - 1) & ~(long) Page.MASK;
    }

    private long loadSplit(long addr, int size, int access) {
        Page a = page(addr, access);
        Page b = page(lastPage(addr, size), access);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            long x = addr + i;
            Page p = ((x ^ addr) >>> Page.SHIFT) == 0 ? a : b;
            v = (v << 8) | p.get8((int) x & Page.MASK);
        }
        return v;
    }

    /** Stores the low {@code size} bytes of {@code v}; #PF (nothing written) if unmapped. */
    void store(long addr, int size, long v) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            page(addr, ACC_WRITE).put(off, size, v);
            return;
        }
        Page a = page(addr, ACC_WRITE);
        Page b = page(lastPage(addr, size), ACC_WRITE);
        for (int i = 0; i < size; i++) {
            long x = addr + i;
            Page p = ((x ^ addr) >>> Page.SHIFT) == 0 ? a : b;
            p.put8((int) x & Page.MASK, v >>> (8 * i));
        }
    }

    /** Checks that a store of {@code size} bytes at {@code addr} would not fault. */
    void probeWrite(long addr, int size) {
        page(addr, ACC_WRITE);
        page(lastPage(addr, size), ACC_WRITE);
    }

    /** The atomic step of a locked read-modify-write; #PF if unmapped. */
    boolean cas(long addr, int size, long expect, long update) {
        int off = (int) addr & Page.MASK;
        if (Page.inOneWord(off, size)) {
            return page(addr, ACC_WRITE).casInWord(off, size, expect, update);
        }
        Page a = page(addr, ACC_WRITE);
        Page b = page(lastPage(addr, size), ACC_WRITE);
        // The stripe lock is keyed by the physical address, so aliases of the same bytes (other
        // virtual addresses, other CR3s) serialise on the same lock.
        return mem.splitCompareAndSet(a, b, a.base + (addr & Page.MASK), size, expect, update);
    }

    /** Effective address of the instruction's memory operand (segment bases only for fs/gs). */
    long ea(Instruction in) {
        long a = in.memDisp;
        int b = in.memBase;
        if (b >= 0) {
            a += b == Reg.RIP ? nextRip : r[b];
        }
        int x = in.memIndex;
        if (x >= 0) {
            a += r[x] * in.memScale;
        }
        if (in.addrSize == 4) {
            a &= 0xffffffffL;
        }
        int s = in.memSegment;
        if (s >= 0) {
            if (s == Reg.FS) {
                a += fsBase;
            } else if (s == Reg.GS) {
                a += gsBase;
            }
        }
        return a;
    }

    // =====================================================================================
    // registers by size

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    /** Reads register {@code reg} (0..15, or AH..BH for size 1) as {@code size} bytes, zero-extended. */
    long getReg(int reg, int size) {
        switch (size) {
            case 8: return r[reg];
            case 4: return r[reg] & 0xffffffffL;
            case 2: return r[reg] & 0xffffL;
            default:
                if (reg >= Reg.AH) {
                    return (r[reg - Reg.AH] >>> 8) & 0xff;
                }
                return r[reg] & 0xff;
        }
    }

    /** Writes {@code size} bytes of a register: 32-bit writes zero-extend, 8/16-bit writes merge. */
    void setReg(int reg, int size, long v) {
        switch (size) {
            case 8: r[reg] = v; break;
            case 4: r[reg] = v & 0xffffffffL; break;
            case 2: r[reg] = (r[reg] & ~0xffffL) | (v & 0xffffL); break;
            default:
                if (reg >= Reg.AH) {
                    int q = reg - Reg.AH;
                    r[q] = (r[q] & ~0xff00L) | ((v & 0xff) << 8);
                } else {
                    r[reg] = (r[reg] & ~0xffL) | (v & 0xff);
                }
        }
    }

    /** Value of operand {@code i} (REG, IMM or MEM) zero-extended from its size. */
    long operand(Instruction in, int kind, int reg, int size) {
        switch (kind) {
            case Instruction.REG: return getReg(reg, size);
            case Instruction.IMM: return in.imm & mask(size);
            case Instruction.MEM: return load(ea(in), size);
            default: return 1;
        }
    }

    // =====================================================================================
    // flags

    /** Records a lazily evaluated flag result; status bits outside {@code mask} are kept. */
    void setLazy(int kind, int size, long a, long b, long res, int mask) {
        int keep = lazyMask & ~mask;
        if (keep != 0) {
            flags = (flags & ~keep) | (lazyFlags() & keep);
        }
        lazyMask = mask;
        lfKind = kind;
        lfBits = size << 3;
        lfA = a;
        lfB = b;
        lfR = res;
    }

    /** Writes the status bits in {@code mask} eagerly from {@code values}. */
    void setFlags(int mask, long values) {
        int keep = lazyMask & ~mask;
        if (keep != 0) {
            flags = (flags & ~keep) | (lazyFlags() & keep);
        }
        lazyMask = 0;
        flags = (flags & ~mask) | (values & mask);
    }

    /** All six status flags computed from the lazy record. */
    long lazyFlags() {
        long a = lfA, b = lfB, res = lfR;
        int top = lfBits - 1;
        long f = 0;
        switch (lfKind) {
            case K_ADD:
                f |= ((((a & b) | ((a | b) & ~res)) >>> top) & 1) * CF;
                f |= ((((a ^ res) & (b ^ res)) >>> top) & 1) * OF;
                f |= (a ^ b ^ res) & AF;
                break;
            case K_SUB:
                f |= ((((~a & b) | ((~a | b) & res)) >>> top) & 1) * CF;
                f |= ((((a ^ b) & (a ^ res)) >>> top) & 1) * OF;
                f |= (a ^ b ^ res) & AF;
                break;
            default:
                break;
        }
        return f | szp(res, lfBits);
    }

    /** SF, ZF and PF of a result {@code res} (already masked) of {@code bits} bits. */
    static long szp(long res, int bits) {
        long f = ((res >>> (bits - 1)) & 1) * SF;
        if (res == 0) {
            f |= ZF;
        }
        if ((Integer.bitCount((int) res & 0xff) & 1) == 0) {
            f |= PF;
        }
        return f;
    }

    boolean cf() {
        if ((lazyMask & CF) != 0) {
            long a = lfA, b = lfB, res = lfR;
            switch (lfKind) {
                case K_ADD: return ((((a & b) | ((a | b) & ~res)) >>> (lfBits - 1)) & 1) != 0;
                case K_SUB: return ((((~a & b) | ((~a | b) & res)) >>> (lfBits - 1)) & 1) != 0;
                default: return false;
            }
        }
        return (flags & CF) != 0;
    }

    boolean zf() {
        if ((lazyMask & ZF) != 0) {
            return lfR == 0;
        }
        return (flags & ZF) != 0;
    }

    boolean sf() {
        if ((lazyMask & SF) != 0) {
            return ((lfR >>> (lfBits - 1)) & 1) != 0;
        }
        return (flags & SF) != 0;
    }

    boolean of() {
        if ((lazyMask & OF) != 0) {
            long a = lfA, b = lfB, res = lfR;
            switch (lfKind) {
                case K_ADD: return ((((a ^ res) & (b ^ res)) >>> (lfBits - 1)) & 1) != 0;
                case K_SUB: return ((((a ^ b) & (a ^ res)) >>> (lfBits - 1)) & 1) != 0;
                default: return false;
            }
        }
        return (flags & OF) != 0;
    }

    boolean pf() {
        if ((lazyMask & PF) != 0) {
            return (Integer.bitCount((int) lfR & 0xff) & 1) == 0;
        }
        return (flags & PF) != 0;
    }

    /** Evaluates condition code {@code c} ({@link Cond}); Intel SDM Vol. 1 App. B. */
    boolean cond(int c) {
        boolean v;
        switch (c >> 1) {
            case 0: v = of(); break;
            case 1: v = cf(); break;
            case 2: v = zf(); break;
            case 3: v = cf() || zf(); break;
            case 4: v = sf(); break;
            case 5: v = pf(); break;
            case 6: v = sf() != of(); break;
            default: v = zf() || sf() != of(); break;
        }
        return (c & 1) != 0 ? !v : v;
    }
}
