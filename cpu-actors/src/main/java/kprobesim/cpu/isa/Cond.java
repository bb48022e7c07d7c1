package kprobesim.cpu.isa;

/**
 * Condition codes as encoded in the low nibble of Jcc/SETcc/CMOVcc (Intel SDM Vol. 1 App. B).
 * The index is the encoding; {@link #SUFFIX} gives objdump's spelling.
 */
public final class Cond {
    public static final int O = 0, NO = 1, B = 2, AE = 3, E = 4, NE = 5, BE = 6, A = 7,
            S = 8, NS = 9, P = 10, NP = 11, L = 12, GE = 13, LE = 14, G = 15;

    /** objdump's condition suffixes, by encoding (jb, jae, je, jne, jbe, ja, ...). */
    public static final String[] SUFFIX = {
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"
    };

    private Cond() {}
}
