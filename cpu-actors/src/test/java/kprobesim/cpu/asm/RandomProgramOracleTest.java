package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Oracle tier, randomised: seeded programs that mix instructions with labels, forward and
 * backward branches of every distance, numeric local labels, alignment, data and label
 * differences (read-time constants or not, depending on what lies between the labels), so
 * that relaxation and GNU as's read-time decisions meet in combinations nobody wrote by hand.
 * A failure names the seed and the first differing line.
 */
class RandomProgramOracleTest {
    /** More with -Dasm.randomPrograms=N when hunting. */
    private static final int PROGRAMS = Integer.getInteger("asm.randomPrograms", 40);

    @TestFactory
    Stream<DynamicTest> randomProgramsMatchGnuAs() {
        String[] pool = GeneratedCorpus.source().split("\n");
        List<String> insns = new ArrayList<>();
        for (String l : pool) {
            String t = l.trim();
            if (!t.isEmpty() && !t.startsWith(".") && !t.contains(":\t") && !t.contains("start") && !t.contains("near")
                    && !t.matches("(lock|rep|repe|repz|repne|repnz|data16)")) {
                insns.add(t);
            }
        }
        return IntStream.range(0, PROGRAMS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> System.out.println("random-" + seed + ".S: "
                        + OracleParity.check("random-" + seed + ".S", program(seed, insns))
                        + " statements byte-equal to GNU as")));
    }

    static String program(long seed, List<String> insns) {
        Random r = new Random(seed);
        int labels = 12 + r.nextInt(20);
        StringBuilder s = new StringBuilder("\t.set K, 0x42\n\t.set abs_sym, 0xffffffff81234567\n\t.text\n");
        int defined = 0;
        int statements = 150 + r.nextInt(250);
        String[] conds = {"je", "jne", "jb", "jae", "jl", "jg", "jle", "jge", "js", "jns", "jo", "jp", "jbe", "ja"};
        for (int i = 0; i < statements; i++) {
            int k = r.nextInt(100);
            if (k < 8 && defined < labels) {
                s.append("L").append(defined++).append(":\n");
            } else if (k < 22) {
                String op = r.nextBoolean() ? "jmp" : conds[r.nextInt(conds.length)];
                s.append('\t').append(op).append(" L").append(r.nextInt(labels)).append('\n');
            } else if (k < 25) {
                s.append("\tcall L").append(r.nextInt(labels)).append('\n');
            } else if (k < 28) {
                s.append("1:\tnop\n\tjne 1b\n\tjmp 1f\n");
                if (r.nextBoolean()) {
                    s.append("\t.skip ").append(r.nextInt(140)).append(", 0x90\n");
                }
                s.append("1:\n");
            } else if (k < 32) {
                s.append("\t.p2align ").append(1 + r.nextInt(5)).append(r.nextInt(3) == 0 ? ",,7" : "").append('\n');
            } else if (k < 35) {
                s.append("\t.skip ").append(r.nextInt(200)).append(", 0x90\n");
            } else if (k < 38) {
                int a = r.nextInt(labels), b = r.nextInt(labels);
                String[] forms = {"\tmov $(L%d - L%d), %%eax\n", "\tadd $(L%d - L%d), %%ecx\n",
                    "\t.long L%d - L%d\n", "\tlea (L%d - L%d)(%%rax), %%rdx\n", "\tpush $(L%d-L%d)\n"};
                s.append(String.format(forms[r.nextInt(forms.length)], a, b));
            } else if (k < 40) {
                s.append("\t.byte ").append(r.nextInt(256)).append(", ").append(r.nextInt(256)).append('\n');
            } else if (k < 42) {
                s.append("\tlea L").append(r.nextInt(labels)).append("(%rip), %rsi\n");
            } else {
                s.append('\t').append(insns.get(r.nextInt(insns.size()))).append('\n');
            }
        }
        while (defined < labels) {
            s.append("L").append(defined++).append(":\tnop\n");
            if (r.nextBoolean()) {
                s.append("\t.skip ").append(r.nextInt(300)).append(", 0x90\n");
            }
        }
        s.append("\tret\n\t.set later_sym, 0x11\n\t.data\ndata_sym:\t.quad 0, 0, 0, 0, 0\n");
        return s.toString();
    }
}
