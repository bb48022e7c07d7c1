package kprobesim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The Akka configuration of every command that starts an actor system ({@code machine run},
 * {@code boot}): Akka's own logging stays off stdout, which carries the command's report, and
 * below WARNING; the JVM is never exited or hooked by Akka, the command owns its lifecycle.
 */
public final class QuietAkkaConfig {
    private QuietAkkaConfig() {}

    /** The quiet overrides on top of {@code application.conf}/{@code reference.conf}. */
    public static Config load() {
        return ConfigFactory.parseString("""
                akka.loglevel = "WARNING"
                akka.stdout-loglevel = "OFF"
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                akka.jvm-exit-on-fatal-error = off
                """).withFallback(ConfigFactory.load());
    }
}
