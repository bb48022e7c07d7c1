package kprobesim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our runner for {@code bench/compare-emulators.sh}: runs the raw code of FILE.bin (GNU as
 * bytes, the same the native/QEMU/Unicorn runners get) for N iterations and prints the elapsed
 * nanoseconds of one measured run, after warm-up runs that let the JIT compile the interpreter.
 * With N = {@code auto} it picks N from the warm-up rate so the measured run takes about a
 * second, and prints "NANOS N".
 *
 * <p>Usage: {@code java -cp benchmarks.jar kprobesim.bench.LoopHarness FILE.bin N|auto}
 */
public final class LoopHarness {
    /** Warm up for at least this long (C2 needs a few seconds of the hot loop to settle). */
    private static final long WARMUP_NANOS = 3_000_000_000L;

    private LoopHarness() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LoopHarness FILE.bin N");
            System.exit(2);
        }
        LoopMachine m = new LoopMachine(Files.readAllBytes(Path.of(args[0])));
        boolean auto = args[1].equals("auto");
        long warmN = auto ? 100_000 : Math.max(1, Long.parseLong(args[1]) / 10);
        long t0 = System.nanoTime();
        long warmRuns = 0;
        while (System.nanoTime() - t0 < WARMUP_NANOS) {
            m.run(warmN);
            warmRuns++;
        }
        long warmNanos = System.nanoTime() - t0;
        long n = auto ? Math.max(1, (long) (warmN * warmRuns * (1e9 / warmNanos))) : Long.parseLong(args[1]);
        long start = System.nanoTime();
        long instructions = m.run(n);
        long elapsed = System.nanoTime() - start;
        System.out.println(auto ? elapsed + " " + n : String.valueOf(elapsed));
        System.err.println("instructions: " + instructions);
    }
}
