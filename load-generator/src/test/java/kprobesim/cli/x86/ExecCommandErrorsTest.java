package kprobesim.cli.x86;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each class of bad exec input gives one line and exit 2 (the runs themselves are in ExecCommandTest). */
class ExecCommandErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unreadableCodeFile() {
        CliRun.of("x86", "exec", "--code", dir.resolve("nope.bin").toString(), "--base", "0x1000")
                .assertBadInput("nope.bin: cannot read: no such file");
    }

    @Test
    void directoryAsCodeFile() {
        CliRun.of("x86", "exec", "--code", dir.toString(), "--base", "0x1000").assertBadInput("cannot read: is a directory");
    }

    @Test
    void badAddrLen() {
        CliRun.of("x86", "exec", "--code", "x.bin", "--base", "0x1000", "--mem", "0x1000")
                .assertBadInput("expected ADDR:LEN");
        CliRun.of("x86", "exec", "--code", "x.bin", "--base", "0x1000", "--dump", "0x1000:zz")
                .assertBadInput("not a number: 'zz'");
        CliRun.of("x86", "exec", "--code", "x.bin", "--base", "0xq").assertBadInput("not a number: '0xq'");
    }

    @Test
    void missingCodeOrBase() {
        CliRun.of("x86", "exec", "--json").assertBadInput("give --code FILE and --base ADDR");
    }

    @Test
    void batchRejectsSingleRunOptions() throws IOException {
        Path batch = Files.writeString(dir.resolve("b.jsonl"), "");
        CliRun.of("x86", "exec", "--batch", batch.toString(), "--base", "1").assertBadInput("--batch takes its programs");
    }

    @Test
    void badBatchLineNamesFileAndLine() throws IOException {
        Path batch = Files.writeString(dir.resolve("b.jsonl"), "\n{\"code\":\"zz\",\"base\":0}\n");
        CliRun.of("x86", "exec", "--batch", batch.toString()).assertBadInput("b.jsonl:2: code: bad hex: 'z'");
    }

    @Test
    void badRegsFile() throws IOException {
        Path code = Files.write(dir.resolve("c.bin"), new byte[] {(byte) 0xf4});
        Path regs = Files.writeString(dir.resolve("r.json"), "{\"rax\": \"0x1\", \"eax\": 1}");
        CliRun.of("x86", "exec", "--code", code.toString(), "--base", "0", "--regs", regs.toString())
                .assertBadInput("r.json: regs.eax: unknown register");
    }
}
