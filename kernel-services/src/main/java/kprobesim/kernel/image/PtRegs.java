package kprobesim.kernel.image;

import java.util.List;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * {@code struct pt_regs} as the entry code builds it on the kernel stack (x86-64 Linux's field
 * order), and a view of one frame in simulated memory.
 *
 * <pre>
 *   offset  field     written by
 *   0x00    r15       \
 *   0x08    r14        |
 *   0x10    r13        |  callee-saved half
 *   0x18    r12        |
 *   0x20    bp         |
 *   0x28    bx        /   error_entry (or the kretprobe trampoline's pushes)
 *   0x30    r11       \
 *   0x38    r10        |
 *   0x40    r9         |
 *   0x48    r8         |  caller-saved half
 *   0x50    ax         |
 *   0x58    cx         |
 *   0x60    dx         |
 *   0x68    si         |
 *   0x70    di        /
 *   0x78    orig_ax   the stub (-1 / ~vector) or the CPU (error code); see TrapVector
 *   0x80    ip        \
 *   0x88    cs         |
 *   0x90    flags      |  the CPU's 64-bit interrupt frame (Intel SDM Vol. 3 §6.14.2),
 *   0x98    sp         |  popped by iretq
 *   0xa0    ss        /
 *   0xa8    (end)     SIZE; the stub's %rsp points at offset 0 and is passed as %rdi
 * </pre>
 *
 * <p>A view reads and writes memory directly, so a Java handler that sets {@link #IP} changes
 * where iretq resumes. Not thread-safe beyond what {@link PhysicalMemory} guarantees; a frame
 * belongs to the CPU that built it.
 */
public final class PtRegs {
    public static final int R15 = 0x00, R14 = 0x08, R13 = 0x10, R12 = 0x18, BP = 0x20, BX = 0x28, R11 = 0x30,
            R10 = 0x38, R9 = 0x40, R8 = 0x48, AX = 0x50, CX = 0x58, DX = 0x60, SI = 0x68, DI = 0x70,
            ORIG_AX = 0x78, IP = 0x80, CS = 0x88, FLAGS = 0x90, SP = 0x98, SS = 0xa0;
    /** {@code sizeof(struct pt_regs)}. */
    public static final int SIZE = 0xa8;
    /** Bytes the entry stub reserves below orig_ax for the fifteen general registers. */
    public static final int GPR_BYTES = ORIG_AX;

    /** One field: its name as Linux spells it, its offset, and the GPR it holds (or -1). */
    public record Field(String name, int offset, int reg) {}

    /** Every field in memory order. */
    public static final List<Field> FIELDS = List.of(
            new Field("r15", R15, Reg.R15), new Field("r14", R14, Reg.R14), new Field("r13", R13, Reg.R13),
            new Field("r12", R12, Reg.R12), new Field("bp", BP, Reg.RBP), new Field("bx", BX, Reg.RBX),
            new Field("r11", R11, Reg.R11), new Field("r10", R10, Reg.R10), new Field("r9", R9, Reg.R9),
            new Field("r8", R8, Reg.R8), new Field("ax", AX, Reg.RAX), new Field("cx", CX, Reg.RCX),
            new Field("dx", DX, Reg.RDX), new Field("si", SI, Reg.RSI), new Field("di", DI, Reg.RDI),
            new Field("orig_ax", ORIG_AX, -1), new Field("ip", IP, -1), new Field("cs", CS, -1),
            new Field("flags", FLAGS, -1), new Field("sp", SP, -1), new Field("ss", SS, -1));

    private final PhysicalMemory memory;
    private final long address;

    private PtRegs(PhysicalMemory memory, long address) {
        if (memory == null) {
            throw new IllegalArgumentException("memory=null");
        }
        if ((address & 7) != 0) {
            throw new IllegalArgumentException("pt_regs must be 8-byte aligned: address=0x" + Long.toHexString(address));
        }
        this.memory = memory;
        this.address = address;
    }

    /** The frame at {@code address} (a handler's %rdi). */
    public static PtRegs at(PhysicalMemory memory, long address) {
        return new PtRegs(memory, address);
    }

    public long address() {
        return address;
    }

    /** The field at {@code offset} (one of the constants). */
    public long get(int offset) {
        return memory.read64(address + checked(offset));
    }

    public void set(int offset, long value) {
        memory.write64(address + checked(offset), value);
    }

    public long ip() {
        return get(IP);
    }

    public void setIp(long ip) {
        set(IP, ip);
    }

    public long sp() {
        return get(SP);
    }

    public long flags() {
        return get(FLAGS);
    }

    public void setFlags(long flags) {
        set(FLAGS, flags);
    }

    public long ax() {
        return get(AX);
    }

    public long origAx() {
        return get(ORIG_AX);
    }

    /** True if the frame was saved from user mode (CS.RPL = 3), Linux's {@code user_mode(regs)}. */
    public boolean userMode() {
        return (get(CS) & 3) == 3;
    }

    private static int checked(int offset) {
        if (offset < 0 || offset >= SIZE || (offset & 7) != 0) {
            throw new IllegalArgumentException("not a pt_regs field offset: 0x" + Integer.toHexString(offset));
        }
        return offset;
    }
}
