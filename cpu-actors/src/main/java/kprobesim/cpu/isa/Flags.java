package kprobesim.cpu.isa;

/**
 * RFLAGS bits (Intel SDM Vol. 1 §3.4.3).
 *
 * <pre>
 *  21 20  19  18 17 16 15 14 13-12 11 10  9  8  7  6  5  4  3  2  1  0
 * +--+---+---+--+--+--+--+--+-----+--+--+--+--+--+--+--+--+--+--+--+--+
 * |ID|VIP|VIF|AC|VM|RF| 0|NT|IOPL |OF|DF|IF|TF|SF|ZF| 0|AF| 0|PF| 1|CF|
 * +--+---+---+--+--+--+--+--+-----+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 */
public final class Flags {
    public static final int CF = 1;
    /** Bit 1 always reads as 1. */
    public static final int RESERVED1 = 1 << 1;
    public static final int PF = 1 << 2;
    public static final int AF = 1 << 4;
    public static final int ZF = 1 << 6;
    public static final int SF = 1 << 7;
    public static final int TF = 1 << 8;
    public static final int IF = 1 << 9;
    public static final int DF = 1 << 10;
    public static final int OF = 1 << 11;

    /** The six arithmetic status flags. */
    public static final int STATUS = CF | PF | AF | ZF | SF | OF;
    /** Flags popfq may change in ring 0 in our model (IOPL, NT, RF, VM, AC, VIF, VIP, ID are not modelled). */
    public static final int POPF_MASK = STATUS | TF | IF | DF;

    private Flags() {}
}
