package kprobesim.cpu.exec;

import kprobesim.cpu.memory.PhysicalMemory;

/**
 * One 16-byte IDT gate of long mode (Intel SDM Vol. 3 §6.14.1, Figure 6-8), the layout Linux's
 * {@code struct gate_struct} and {@code pack_gate()} build:
 *
 * <pre>
 *  byte   15..12      11..8          7..6          5                 4          3..2      1..0
 *       +----------+-------------+------------+-----------------+-----------+---------+-----------+
 *       | reserved | offset 63:32| offset 31:16| P|DPL|0|type(4)| 00000|IST | selector|offset 15:0|
 *       +----------+-------------+------------+-----------------+-----------+---------+-----------+
 *                                               7 6 5 4 3......0  7...3 2..0
 *  type 0xE = 64-bit interrupt gate (delivery clears IF), 0xF = 64-bit trap gate (IF kept).
 * </pre>
 *
 * Low quadword (bytes 0..7) and high quadword (bytes 8..15) are what {@link #low()} and
 * {@link #high()} return; the gate is stored little-endian like everything in memory.
 *
 * @param offset   the handler's address (RIP after delivery)
 * @param selector the code segment loaded into CS (Linux: {@code __KERNEL_CS} = 0x10)
 * @param ist      interrupt stack table index 0..7 (0 = no IST switch)
 * @param type     {@link #INTERRUPT_GATE} or {@link #TRAP_GATE} (other values are invalid in long mode)
 * @param dpl      the highest privilege level that may reach the gate with {@code int n}
 * @param present  the P bit
 */
public record GateDescriptor(long offset, int selector, int ist, int type, int dpl, boolean present) {
    /** Size of one gate in bytes. */
    public static final int SIZE = 16;
    public static final int INTERRUPT_GATE = 0xE;
    public static final int TRAP_GATE = 0xF;
    /** Linux's segment selectors (arch/x86/include/asm/segment.h, 64-bit). */
    public static final int KERNEL_CS = 0x10, KERNEL_DS = 0x18, USER_DS = 0x2b, USER_CS = 0x33;

    public GateDescriptor {
        if (selector < 0 || selector > 0xffff || ist < 0 || ist > 7 || type < 0 || type > 0x1f
                || dpl < 0 || dpl > 3) {
            throw new IllegalArgumentException("bad gate field: selector=" + selector + " ist=" + ist
                    + " type=" + type + " dpl=" + dpl);
        }
    }

    /** Linux's {@code pack_gate(gate, type, func, dpl, ist, seg)}: a present gate. */
    public static GateDescriptor pack(int type, long func, int dpl, int ist, int selector) {
        return new GateDescriptor(func, selector, ist, type, dpl, true);
    }

    /** A present ring-0 interrupt gate to {@code handler} in {@code __KERNEL_CS}. */
    public static GateDescriptor interruptGate(long handler) {
        return pack(INTERRUPT_GATE, handler, 0, 0, KERNEL_CS);
    }

    /** A present trap gate to {@code handler} reachable from ring {@code dpl}. */
    public static GateDescriptor trapGate(long handler, int dpl) {
        return pack(TRAP_GATE, handler, dpl, 0, KERNEL_CS);
    }

    /** True for the two gate types long mode accepts. */
    public boolean isValidType() {
        return type == INTERRUPT_GATE || type == TRAP_GATE;
    }

    /** Bytes 0..7. */
    public long low() {
        long access = (type & 0x1fL) | ((long) dpl << 5) | (present ? 0x80L : 0);
        return (offset & 0xffffL)
                | ((long) selector << 16)
                | ((long) ist << 32)
                | (access << 40)
                | (((offset >>> 16) & 0xffffL) << 48);
    }

    /** Bytes 8..15 (the reserved upper half is written as zero). */
    public long high() {
        return (offset >>> 32) & 0xffffffffL;
    }

    /** Decodes a gate from its two quadwords; the reserved and zero bits are ignored. */
    public static GateDescriptor unpack(long low, long high) {
        long offset = (low & 0xffffL) | (((low >>> 48) & 0xffffL) << 16) | ((high & 0xffffffffL) << 32);
        int selector = (int) (low >>> 16) & 0xffff;
        int ist = (int) (low >>> 32) & 7;
        int access = (int) (low >>> 40) & 0xff;
        return new GateDescriptor(offset, selector, ist, access & 0x1f, (access >>> 5) & 3, (access & 0x80) != 0);
    }

    /** The 16 bytes of this gate, little-endian. */
    public byte[] bytes() {
        byte[] b = new byte[SIZE];
        long lo = low(), hi = high();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (lo >>> (8 * i));
            b[8 + i] = (byte) (hi >>> (8 * i));
        }
        return b;
    }

    /** Writes this gate as entry {@code vector} of the IDT at {@code idtBase} (physical memory). */
    public void writeTo(PhysicalMemory mem, long idtBase, int vector) {
        long a = idtBase + (long) vector * SIZE;
        mem.write64(a, low());
        mem.write64(a + 8, high());
    }

    /** Reads entry {@code vector} of the IDT at {@code idtBase} (physical memory). */
    public static GateDescriptor readFrom(PhysicalMemory mem, long idtBase, int vector) {
        long a = idtBase + (long) vector * SIZE;
        return unpack(mem.read64(a), mem.read64(a + 8));
    }

    @Override
    public String toString() {
        return String.format("%s gate -> %04x:%016x dpl=%d ist=%d%s",
                type == INTERRUPT_GATE ? "interrupt" : type == TRAP_GATE ? "trap" : "type " + type,
                selector, offset, dpl, ist, present ? "" : " not-present");
    }
}
