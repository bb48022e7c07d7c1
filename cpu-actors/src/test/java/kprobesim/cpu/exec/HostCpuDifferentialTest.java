package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kprobesim.cpu.exec.oracle.HostCpuOracle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Oracle tier: the host CPU decides. Seeded random instruction sequences run natively (C harness
 * built with gcc, bytes from GNU as) and in {@link X86Core}; GPRs, defined flags (all status flags
 * on AMD hosts), DF and the buffer must agree. About one sequence in eight ends in a CPU exception
 * (#DE #DB #BP #UD #GP #PF); then vector, error code, CR2, rip and the registers at the fault must
 * agree too (the harness reads them from the signal's ucontext). A failure prints the seed and the
 * shortest failing sequence.
 */
class HostCpuDifferentialTest {
    /** Fixed seed for CI reproducibility; override with -Doracle.seed=N to explore. */
    private static final long SEED = Long.getLong("oracle.seed", 20261201L);

    private static void check(long seed, int count) {
        HostCpuOracle.Stats st = HostCpuOracle.check(seed, HostCpuOracle.cases(seed, count, 12), 3);
        System.out.printf("host-cpu oracle: seed %d, %d sequences, %d failures, %d with differing undefined flags"
                + " (undefined flags compared: %s)%n", seed, st.cases, st.failures, st.undefinedFlagDiffs,
                HostCpuOracle.STRICT_FLAGS);
        assertTrue(st.failures == 0, () -> st.failures + " of " + st.cases + " sequences differ from the host CPU\n"
                + String.join("\n", st.reports));
    }

    @Test
    void twentyThousandRandomSequencesMatchTheHostCpu() {
        check(SEED, 20_000);
    }

    @Tag("slow")
    @Test
    void twoHundredThousandMoreSequencesMatchTheHostCpu() {
        for (int i = 1; i <= 10; i++) {
            check(SEED + i * 7919L, 20_000);
        }
    }

    /** The generator is not allowed to become trivial: the batch must contain every family. */
    @Test
    void generatorCoversEveryFamily() {
        StringBuilder all = new StringBuilder();
        for (HostCpuOracle.Case c : HostCpuOracle.cases(SEED, 2_000, 12)) {
            c.units().forEach(u -> all.append(u.text()).append('\n'));
        }
        String text = all.toString();
        for (String m : List.of("adc", "sbb", "cmov", "set", "\nj", "shl", "ror", "sar", "%cl,", "imul", "idiv",
                "div", "movz", "movs", "lea", "xchg", "bswap", "push", "pop", "bts", "btr", "xadd", "cmpxchg",
                "lock ", "cqto", "cbtw", "inc", "neg", "not", "pushfq", "popfq", "rep movs", "rep stos", "std", "(%r15,%", "movabs 0x", "(%rip)", "ud2", "int3", "hlt", "idivq", "jmp *", "call *")) {
            assertTrue(text.contains(m), "generator never emits " + m);
        }
    }
}
