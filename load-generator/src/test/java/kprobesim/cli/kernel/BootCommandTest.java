package kprobesim.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kprobesim boot}: dmesg, --json, determinism, one-line errors. */
class BootCommandTest {
    @TempDir
    Path dir;

    static final Path DEMO = Path.of("..", "config", "demo", "test1.S");

    static final String EXIT7 = """
            	.text
            	.globl _start
            _start:
            	mov $60, %eax
            	mov $7, %edi
            	int $0x80
            """;

    @Test
    void demoTest1PrintsTheTrapLineAndAddr2lineMapsItBack() {
        CliRun r = CliRun.of("boot", "--user-program", DEMO.toString()).assertOk();
        Matcher m = Pattern.compile("\\[ *\\d+\\.\\d{6}\\] test1\\[1\\] trap divide error ip:([0-9a-f]+) sp:7fffffffefc8 error:0 in test1\\[400000\\+1000\\]")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(r.out().startsWith("[    0.000000] Linux version 6.1 (kprobesim) #1 SMP"), r.out());
        CliRun a = CliRun.of("addr2line", "-e", DEMO.toString(), m.group(1)).assertOk();
        assertEquals(DEMO + ":21", a.out().strip());
    }

    @Test
    void jsonReportsProfileTasksAndDmesg() throws Exception {
        Path exit7 = Files.writeString(dir.resolve("exit7.S"), EXIT7);
        CliRun r = CliRun.of("boot", "--cpus", "2", "--profile", "CentOS 6.5", "--preempt", "full",
                "--user-program", DEMO.toString(), "--user-program", exit7.toString(), "--json").assertOk();
        String j = r.out().strip();
        assertTrue(j.startsWith("{\"profile\":\"CentOS 6.5\",\"release\":\"2.6.32-431\",\"cpus\":2,\"preempt\":\"full\""), j);
        assertTrue(j.contains("{\"pid\":1,\"comm\":\"test1\",\"kind\":\"user\",\"state\":\"killed\",\"exit_code\":null,\"signal\":8}"), j);
        assertTrue(j.contains("{\"pid\":2,\"comm\":\"exit7\",\"kind\":\"user\",\"state\":\"exited\",\"exit_code\":7,\"signal\":null}"), j);
        assertTrue(j.contains("trap divide error ip:"), j);
        assertEquals(1, r.out().strip().split("\n").length, "one JSON line");
    }

    @Test
    void sameSeedSameJson() {
        String[] args = {"boot", "--cpus", "3", "--preempt", "full", "--user-program", DEMO.toString(),
                "--user-program", DEMO.toString(), "--seed", "5", "--json"};
        assertEquals(CliRun.of(args).assertOk().out(), CliRun.of(args).assertOk().out());
    }

    @Test
    void runForBoundsVirtualTime() throws Exception {
        Path spin = Files.writeString(dir.resolve("spin.S"), "\t.text\n\t.globl _start\n_start:\n\tjmp _start\n");
        CliRun r = CliRun.of("boot", "--user-program", spin.toString(), "--run-for", "5", "--json").assertOk();
        assertTrue(r.out().contains("{\"pid\":1,\"comm\":\"spin\",\"kind\":\"user\",\"state\":\"running\",\"exit_code\":null,\"signal\":null}"),
                r.out());
    }

    @Test
    void errorsAreOneLine() throws Exception {
        CliRun.of("boot", "--profile", "RHEL 99").assertBadInput("known: ");
        CliRun.of("boot", "--preempt", "sometimes").assertBadInput("--preempt must be none, voluntary or full");
        CliRun.of("boot", "--cpus", "0").assertBadInput("--cpus must be");
        Path bad = Files.writeString(dir.resolve("bad.S"), "\t.text\n\t.globl _start\n_start:\n\tfrobnicate %rax\n");
        CliRun.of("boot", "--user-program", bad.toString()).assertBadInput("bad.S:4: ");
        CliRun.of("boot", "--user-program", dir.resolve("missing.S").toString()).assertBadInput("missing.S");
        CliRun.of("boot", "--vfs-root", dir.resolve("no-such-dir").toString()).assertBadInput("--vfs-root must be an existing directory");
        CliRun.of("boot", "--vfs-root", bad.toString()).assertBadInput("--vfs-root must be an existing directory");
    }

    @Test
    void vfsRootPutsCreatedFilesInTheHostDirectory() throws Exception {
        Path root = Files.createDirectory(dir.resolve("vfs"));
        Path creat = Files.writeString(dir.resolve("creat.S"), """
                	.text
                	.globl _start
                _start:
                	mov $2, %eax
                	mov $path, %edi
                	mov $66, %esi
                	mov $420, %edx
                	int $0x80
                	mov %rax, %rdi
                	mov $60, %eax
                	int $0x80
                	.data
                path:	.asciz "/hello.txt"
                """);
        String j = CliRun.of("boot", "--vfs-root", root.toString(), "--user-program", creat.toString(), "--json")
                .assertOk().out();
        assertTrue(j.contains("\"comm\":\"creat\",\"kind\":\"user\",\"state\":\"exited\",\"exit_code\":3"), j);
        assertTrue(Files.isRegularFile(root.resolve("hello.txt")), "open(O_CREAT) created the file on the host");
    }
}
