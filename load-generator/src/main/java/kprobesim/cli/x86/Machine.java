package kprobesim.cli.x86;

/** Runs an {@link ExecRequest} on the cpu-actors interpreter (wired in once the exec API lands). */
final class Machine {
    private Machine() {}

    static ExecOutcome run(ExecRequest request) {
        throw new UnsupportedOperationException("interpreter not merged yet");
    }
}
