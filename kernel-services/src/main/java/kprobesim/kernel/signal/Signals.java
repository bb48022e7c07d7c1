package kprobesim.kernel.signal;

/**
 * Signal numbers (x86-64 Linux) and default actions. Tasks have no user handlers in the
 * simulator, so every delivered signal takes its default action: ignore (SIGCHLD, SIGCONT,
 * SIGURG, SIGWINCH; the stop signals are treated as ignored too) or terminate, recording the
 * signal as the task's exit status. Queueing and delivery are in the scheduler
 * ({@code sendSignal}, GET_SIGNAL, HANDLE_SIGNAL).
 */
public final class Signals {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
            SIGURG = 23, SIGWINCH = 28;

    private Signals() {}

    /** True if the default action is to ignore (or, not modelled, to stop). */
    public static boolean defaultIgnored(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> true;
            default -> false;
        };
    }

    /** The name ("SIGFPE"), or "SIG" + number. */
    public static String name(int sig) {
        return switch (sig) {
            case SIGHUP -> "SIGHUP"; case SIGINT -> "SIGINT"; case SIGQUIT -> "SIGQUIT"; case SIGILL -> "SIGILL";
            case SIGTRAP -> "SIGTRAP"; case SIGABRT -> "SIGABRT"; case SIGBUS -> "SIGBUS"; case SIGFPE -> "SIGFPE";
            case SIGKILL -> "SIGKILL"; case SIGUSR1 -> "SIGUSR1"; case SIGSEGV -> "SIGSEGV"; case SIGUSR2 -> "SIGUSR2";
            case SIGPIPE -> "SIGPIPE"; case SIGALRM -> "SIGALRM"; case SIGTERM -> "SIGTERM"; case SIGCHLD -> "SIGCHLD";
            default -> "SIG" + sig;
        };
    }
}
