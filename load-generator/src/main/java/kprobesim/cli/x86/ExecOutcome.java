package kprobesim.cli.x86;

import java.util.List;

/**
 * What one run produced, in the terms of the exec contract.
 *
 * @param stop why the run stopped
 * @param fault the exception that stopped it, or null unless {@code stop == EXCEPTION}
 * @param regs the 16 general-purpose registers in encoding order
 */
public record ExecOutcome(Stop stop, Fault fault, long instructions, long[] regs, long rip, long rflags,
                          List<Dump> dumps) {
    /** Why execution stopped; {@link #json()} is the contract's spelling. */
    public enum Stop {
        END, HLT, LIMIT, EXCEPTION;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A CPU exception: vector, error code (0 when the vector has none) and address (CR2 for #PF). */
    public record Fault(int vector, long error, long address) {}

    /** Bytes read from memory after the run. */
    public record Dump(long addr, byte[] bytes) {}
}
