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

/**
 * One simulated x86-64 CPU core: register file, lazily evaluated RFLAGS, control registers,
 * IDTR, a small TLB of {@link Page} references, and a decoded-instruction cache per code page.
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

    /** TLB and decode cache: direct-mapped, 256 entries each, indexed by {@link #slot}. */
    private static final int TLB_SIZE = 256;
    private static final int DCACHE_SIZE = 256;

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

    // ---- caches
    private final long[] tlbTag = new long[TLB_SIZE];
    private final Page[] tlbPage = new Page[TLB_SIZE];
    private final DecodedPage[] dcache = new DecodedPage[DCACHE_SIZE];
    private DecodedPage cur;
    private final byte[] spill = new byte[32];

    /** Decoded instructions of one code page, valid while the page generation is {@link #gen}. */
    private static final class DecodedPage {
        final long pageNumber;
        final Page page;
        final Instruction[] slots = new Instruction[Page.SIZE];
        /** Fast-path handler of each slot ({@link #H_GENERIC} = the family dispatch). */
        final byte[] handlers = new byte[Page.SIZE];
        int gen;
        /** The following page, once an instruction straddling into it was cached; else null. */
        Page next;
        /** Generation of {@link #next} the straddling instructions were decoded at. */
        int nextGen;

        DecodedPage(long pageNumber, Page page) {
            this.pageNumber = pageNumber;
            this.page = page;
        }
    }

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
    }
    public long cr0() { return cr0; }
    public long cr2() { return cr2; }
    public long cr3() { return cr3; }
    public long cr4() { return cr4; }
    public void setCr2(long v) { cr2 = v; }
    public void setCr3(long v) { cr3 = v; flushTlb(); }
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

    /** Drops every decoded instruction (SyncCore after text was patched). */
    public void flushDecodeCache() {
        for (DecodedPage d : dcache) {
            if (d != null) {
                invalidate(d); // also safe if called from a hypercall in the middle of run()
            }
        }
        Arrays.fill(dcache, null);
        cur = null;
    }

    /** Drops every cached page reference (CR3 write; pages are never unmapped yet). */
    public void flushTlb() {
        Arrays.fill(tlbTag, -1L);
        Arrays.fill(tlbPage, null);
    }

    void invlpg(long addr) {
        int i = slot(addr >>> Page.SHIFT);
        tlbTag[i] = -1L;
        tlbPage[i] = null;
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
        DecodedPage d = cur;
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
                if (d == null || d.pageNumber != (pc >>> Page.SHIFT)) {
                    d = decodedPage(pc, pc >>> Page.SHIFT);
                }
                if (d.gen != d.page.generation() || (d.next != null && d.nextGen != d.next.generation())) {
                    invalidate(d);
                }
                final int off = (int) pc & Page.MASK;
                Instruction in = d.slots[off];
                if (in == null) {
                    in = decode(d, off, pc);
                }
                final boolean singleStep = (flags & TF) != 0;
                nextRip = pc + in.length;
                switch (d.handlers[off]) {
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
                        if (d.handlers[off] == H_SUB_RR) {
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
                        if (d.handlers[off] == H_SUB_RI) {
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
                        if (d.handlers[off] == H_AND_RR) {
                            setReg(in.reg0, sz, res);
                        }
                        break;
                    }
                    case H_INC_R:
                    case H_DEC_R: {
                        int sz = in.size0;
                        long a = getReg(in.reg0, sz);
                        boolean inc = d.handlers[off] == H_INC_R;
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

    private static void invalidate(DecodedPage d) {
        d.gen = d.page.generation();
        d.next = null;
        Arrays.fill(d.slots, null);
        Arrays.fill(d.handlers, H_GENERIC);
    }

    private DecodedPage decodedPage(long addr, long pn) {
        int i = slot(pn);
        DecodedPage d = dcache[i];
        if (d == null || d.pageNumber != pn) {
            Page p = mem.page(addr);
            if (p == null) {
                throw pf(addr, CpuException.PF_FETCH);
            }
            p.watchCode();
            d = new DecodedPage(pn, p);
            d.gen = p.generation();
            dcache[i] = d;
        }
        cur = d;
        return d;
    }

    private Instruction decode(DecodedPage d, int off, long addr) {
        byte[] bytes = d.page.codeBytes();
        Instruction in = decoder.decode(bytes, off, Page.SIZE - off, addr);
        if (in != null) {
            d.handlers[off] = handlerFor(in);
            d.slots[off] = in;
            return in;
        }
        // The instruction crosses into the next page: decode from a spill buffer. It is cached
        // like any other, and the next page's generation is watched too (DecodedPage.next).
        int first = Page.SIZE - off;
        long nextAddr = addr + first;
        Page next = mem.page(nextAddr);
        if (next == null) {
            throw pf(nextAddr, CpuException.PF_FETCH);
        }
        next.watchCode();
        int nextGen = next.generation();
        System.arraycopy(bytes, off, spill, 0, first);
        System.arraycopy(next.codeBytes(), 0, spill, first, 15);
        in = decoder.decode(spill, 0, first + 15, addr);
        if (in == null) {
            throw ud();
        }
        if (d.next == null) {
            d.next = next;
            d.nextGen = nextGen;
        } else if (d.nextGen != nextGen) {
            d.handlers[off] = H_GENERIC; // the next page changed meanwhile: use once, do not cache
            return in;
        }
        d.handlers[off] = handlerFor(in);
        d.slots[off] = in;
        return in;
    }

    // =====================================================================================
    // data memory (virtual = physical until page tables arrive)

    private Page page(long addr, int err) {
        long pn = addr >>> Page.SHIFT;
        int i = slot(pn);
        if (tlbTag[i] == pn) {
            return tlbPage[i];
        }
        Page p = mem.page(addr);
        if (p == null) {
            throw pf(addr, err);
        }
        tlbTag[i] = pn;
        tlbPage[i] = p;
        return p;
    }

    /** Loads {@code size} bytes, zero-extended; #PF (read) if unmapped. */
    long load(long addr, int size) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            return page(addr, 0).get(off, size);
        }
        return loadSplit(addr, size, 0);
    }

    /**
     * The load of a read-modify-write (add/inc/xchg/cmpxchg/bts/shl... to memory, locked or
     * not): like {@link #load} but a #PF reports a write access, as the host CPU does.
     */
    long loadForWrite(long addr, int size) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            return page(addr, CpuException.PF_WRITE).get(off, size);
        }
        return loadSplit(addr, size, CpuException.PF_WRITE);
    }

    /** First byte of the page holding the last byte of an access: the CR2 of a split-access #PF. */
    private static long lastPage(long addr, int size) {
        return (addr + size - 1) & ~(long) Page.MASK;
    }

    private long loadSplit(long addr, int size, int err) {
        Page a = page(addr, err);
        Page b = page(lastPage(addr, size), err);
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
            page(addr, CpuException.PF_WRITE).put(off, size, v);
            return;
        }
        Page a = page(addr, CpuException.PF_WRITE);
        Page b = page(lastPage(addr, size), CpuException.PF_WRITE);
        for (int i = 0; i < size; i++) {
            long x = addr + i;
            Page p = ((x ^ addr) >>> Page.SHIFT) == 0 ? a : b;
            p.put8((int) x & Page.MASK, v >>> (8 * i));
        }
    }

    /** Checks that a store of {@code size} bytes at {@code addr} would not fault. */
    void probeWrite(long addr, int size) {
        page(addr, CpuException.PF_WRITE);
        page(lastPage(addr, size), CpuException.PF_WRITE);
    }

    /** The atomic step of a locked read-modify-write; #PF if unmapped. */
    boolean cas(long addr, int size, long expect, long update) {
        int off = (int) addr & Page.MASK;
        if (Page.inOneWord(off, size)) {
            return page(addr, CpuException.PF_WRITE).casInWord(off, size, expect, update);
        }
        Page a = page(addr, CpuException.PF_WRITE);
        Page b = page(lastPage(addr, size), CpuException.PF_WRITE);
        return mem.splitCompareAndSet(a, b, addr, size, expect, update);
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
