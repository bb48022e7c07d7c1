package kprobesim.cli.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seeded program gives the same digest in two separate JVMs (no identity hash codes,
 * hash-map orders or wall-clock reads leak into a deterministic run), and the same as in-process.
 */
class CrossJvmDeterminismTest {
    @TempDir
    Path dir;

    private static String runInNewJvm(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "kprobesim.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    private static String digest(String json) {
        int i = json.indexOf("\"digest\":\"") + 10;
        return json.substring(i, json.indexOf('"', i));
    }

    @Test
    void sameDigestInTwoJvmsAndInProcess() throws Exception {
        Path prog = dir.resolve("log.S");
        Files.writeString(prog, String.join("\n",
                ".globl _start",
                "_start: mov $100, %ecx",
                "1:      mov $1, %eax",
                "        lock xadd %rax, idx",
                "        mov %dil, log(%rax)",
                "        imul $7, %rcx, %rdx",
                "        dec %ecx",
                "        jnz 1b",
                "        hlt",
                ".data",
                "idx: .quad 0",
                "log: .skip 1024", ""));
        String[] args = {"machine", "run", "--cpus", "6", "--mode", "deterministic", "--seed", "20261201",
                "--quantum", "13", "--program", prog.toString(), "--json"};
        String a = digest(runInNewJvm(args));
        String b = digest(runInNewJvm(args));
        String here = digest(kprobesim.cli.CliRun.of(args).assertOk().out());
        assertEquals(a, b);
        assertEquals(a, here);
        assertTrue(a.matches("[0-9a-f]{64}"));
    }
}
