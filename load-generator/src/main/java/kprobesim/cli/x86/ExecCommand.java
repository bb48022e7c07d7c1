package kprobesim.cli.x86;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kprobesim.cli.BadInputException;
import kprobesim.cli.x86.Converters.AddrFile;
import kprobesim.cli.x86.Converters.AddrLen;
import kprobesim.cli.x86.ExecRequest.DumpRange;
import kprobesim.cli.x86.ExecRequest.MemRegion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kprobesim x86 exec}: runs machine code on one simulated CPU in ring 0 and reports
 * registers, the stop reason and memory dumps (one run from options, or many from a JSONL batch).
 */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        description = {
            "Run machine code from BASE until hlt, the end of the code, the instruction limit or an exception.",
            "Only the code and the --mem/--load regions are mapped; any other access faults (#PF, vector 14).",
            "With --batch, each line of FILE is a JSON request and each result is one JSON line, in order."
        })
public final class ExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--code", paramLabel = "FILE", description = "Raw machine code, mapped at --base.")
    Path code;

    @Option(names = "--base", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "Address of the first code byte; execution starts there.")
    Long base;

    @Option(names = "--regs", paramLabel = "FILE.json",
            description = "Initial registers: {\"rax\":\"0x1\",...,\"r15\":..,\"rflags\":\"0x202\"}; others are 0, rflags 0x2.")
    Path regsFile;

    @Option(names = "--mem", paramLabel = "ADDR:LEN", converter = Converters.AddrLenConverter.class,
            description = "Map LEN zero bytes at ADDR (repeatable).")
    List<AddrLen> mem = new ArrayList<>();

    @Option(names = "--load", paramLabel = "ADDR:FILE", converter = Converters.AddrFileConverter.class,
            description = "Map FILE's bytes at ADDR (repeatable).")
    List<AddrFile> load = new ArrayList<>();

    @Option(names = "--dump", paramLabel = "ADDR:LEN", converter = Converters.AddrLenConverter.class,
            description = "Print LEN bytes at ADDR after the run (repeatable).")
    List<AddrLen> dump = new ArrayList<>();

    @Option(names = "--max-instructions", paramLabel = "N", converter = Converters.Count.class,
            description = "Stop with \"limit\" after N instructions (default: ${DEFAULT-VALUE}).")
    long maxInstructions = ExecRequest.DEFAULT_MAX_INSTRUCTIONS;

    @Option(names = "--json", description = "Print the result as one JSON line (the contract format).")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE.jsonl",
            description = "Run every JSON line of FILE ('-' for stdin) and print one JSON result line each.")
    Path batch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch != null) {
            if (code != null || base != null || regsFile != null || !mem.isEmpty() || !load.isEmpty() || !dump.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "--batch takes its programs from the file; drop --code/--base/--regs/--mem/--load/--dump");
            }
            runBatch(out);
            return 0;
        }
        if (code == null || base == null) {
            throw new ParameterException(spec.commandLine(), "give --code FILE and --base ADDR, or --batch FILE");
        }
        ExecOutcome outcome = Machine.run(requestFromOptions());
        out.println(json ? ExecJson.result(outcome) : Summary.of(outcome));
        return 0;
    }

    private ExecRequest requestFromOptions() {
        long[] regs = new long[16];
        long[] rflags = {ExecRequest.DEFAULT_RFLAGS};
        if (regsFile != null) {
            ExecJson.regs(ExecJson.parse(InputFiles.readText(regsFile), regsFile.toString()), regsFile.toString(), regs, rflags);
        }
        List<MemRegion> regions = new ArrayList<>();
        for (AddrLen m : mem) {
            regions.add(new MemRegion(m.addr(), new byte[0], m.len()));
        }
        for (AddrFile l : load) {
            byte[] bytes = InputFiles.readBytes(l.file());
            regions.add(new MemRegion(l.addr(), bytes, bytes.length));
        }
        List<DumpRange> dumps = new ArrayList<>();
        for (AddrLen d : dump) {
            dumps.add(new DumpRange(d.addr(), (int) d.len()));
        }
        return new ExecRequest(InputFiles.readBytes(code), base, regs, rflags[0], List.copyOf(regions),
                List.copyOf(dumps), maxInstructions);
    }

    /**
     * Streams the batch: each result is printed and flushed before the next line is read, so huge
     * files work and a caller can hold a two-way pipe open and send one request at a time.
     */
    private void runBatch(PrintWriter out) {
        String name = batch.toString();
        try (BufferedReader in = new BufferedReader(open(batch), 1 << 16)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue; // blank lines are not requests (a trailing newline is common)
                }
                String where = name + ":" + lineNo;
                ExecRequest request = ExecJson.request(ExecJson.parse(line, where), where, maxInstructions);
                out.println(ExecJson.result(Machine.run(request)));
                out.flush(); // a tester may drive us through a pipe, one request at a time
            }
        } catch (IOException e) {
            throw BadInputException.in(name, "cannot read: " + InputFiles.reason(e));
        }
    }

    private static Reader open(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
