package kprobesim.cpu.exec;

/**
 * Why {@link X86Core#run} stopped.
 *
 * @param stop         the reason
 * @param instructions instructions retired by this call (a faulting instruction is not retired;
 *                     a trapping one — int3, int n, single-stepped — is)
 * @param exception    the exception for {@link Stop#EXCEPTION}, else null
 */
public record RunResult(Stop stop, long instructions, CpuException exception) {

    /** Stop reasons. */
    public enum Stop {
        /** {@code hlt} executed in ring 0; rip is after the hlt. */
        HLT,
        /** rip reached the {@code endRip} given to {@link X86Core#run}. */
        END,
        /** The instruction limit was reached. */
        LIMIT,
        /**
         * The guest raised an exception; rip is the faulting instruction for faults (#DE, #UD,
         * #GP, #PF) and the next instruction for traps (#BP, #DB, int n).
         */
        EXCEPTION
    }
}
