package kprobesim.cli.x86;

import kprobesim.cpu.isa.Reg;

/** The register names of the exec contract, in encoding order (index = {@link Reg} number). */
public final class RegisterNames {
    /** rax rcx rdx rbx rsp rbp rsi rdi r8..r15. */
    public static final String[] GPR = new String[16];

    static {
        for (int i = 0; i < 16; i++) {
            GPR[i] = Reg.name(i, 8);
        }
    }

    private RegisterNames() {}

    /** The GPR number for {@code name}, or -1. */
    public static int gpr(String name) {
        for (int i = 0; i < 16; i++) {
            if (GPR[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
